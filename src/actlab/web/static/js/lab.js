// The page's core: the state, the current network, and the calls that redraw.
// Every change goes through here: the URL is rewritten (throttled), the network
// is evaluated by the server (one request in flight, the latest state wins) and
// the collapse panel is refreshed shortly after the last change.

import { api, ApiError } from "./api.js";
import { onLang, say, t } from "./i18n.js";
import { encode, flatten } from "./state.js";

const COLLAPSE_DELAY = 200; // ms after the last change
const URL_DELAY = 300;

// Which message area shows an error about a request field (else the caller's area).
function areaOf(field, fallback) {
  if (!field) return fallback;
  if (field.startsWith("target.expression")) return "expression-error";
  if (field.startsWith("target.x_")) return "domain-error";
  if (field.startsWith("target.points") || field === "target.fit" || field === "csv") return "points-error";
  if (field === "target.noise" || field === "target.test_fraction") return "domain-error";
  return fallback;
}

export class Lab {
  constructor(meta, state) {
    Object.assign(this, meta); // settings, limits, presets, activations
    this.state = state;
    this.network = null;
    this.view = null; // last evaluate response
    this.collapseView = null;
    this.hooks = {};
    this.inFlight = false;
    this.pending = false;
    this.inputAt = null;
    this.timers = {};
    this.busy = 0;
    this.perf = { redraws: [] };
    this.training = false;
    this.shown = new Map(); // message area id -> the error it shows (re-worded on a new language)
    window.actlabPerf = this.perf;
    onLang(() => { for (const [id, err] of this.shown) this.report(err, id); });
  }

  on(name, fn) { (this.hooks[name] ||= []).push(fn); }
  emit(name, value) { for (const fn of this.hooks[name] || []) fn(value); }
  isIdle() { return !this.inFlight && !this.pending && this.busy === 0 && !this.timers.collapse; }

  // Inputs of the target shown (1, or 2 for the two-input problems), and of a network.
  inputs() { return this.targetInfo?.inputs || 1; }
  static inputsOf(network) {
    return (network.hidden.length ? network.hidden[0] : network.output).weights[0].length;
  }

  targetSpec() {
    const s = this.state;
    const two = this.inputs() > 1; // a two-input target fits its data: marked points are 1-D
    const points = s.points.length && !two ? { x: s.points.map((p) => p[0]), y: s.points.map((p) => p[1]) } : null;
    return {
      expression: s.target, x_min: s.x_min, x_max: s.x_max, points, fit: two ? "curve" : s.fit,
      noise: s.noise, test_fraction: s.test_fraction,
    };
  }

  // What is fitted changed (target, domain, points, noise, split): training on the old
  // data would be a lie, so listeners stop it; then redraw.
  fittedChanged() {
    this.emit("fitted", null);
    this.refresh();
    this.scheduleCollapse();
  }

  set(changes) {
    Object.assign(this.state, changes);
    this.saveUrl();
  }

  saveUrl() {
    if (this.timers.url) return;
    this.timers.url = setTimeout(() => {
      this.timers.url = null;
      history.replaceState(null, "", "#" + encode(this.state, this.settings));
    }, URL_DELAY);
  }

  // ------------------------------------------------------------ network
  setNetwork(network, { evaluate = true } = {}) {
    this.network = network;
    this.state.params = flatten(network);
    this.state.depth = network.hidden.length;
    if (network.hidden.length) {
      this.state.width = network.hidden[0].weights.length;
      this.state.activation = network.hidden.map((h) => h.activation);
    }
    this.saveUrl();
    this.emit("network", network);
    if (evaluate) this.refresh();
    this.scheduleCollapse();
  }

  async initNetwork() {
    const s = this.state;
    const body = { depth: s.depth, width: s.width, activation: s.activation, seed: s.seed, init: s.init };
    if (this.inputs() > 1) body.inputs = this.inputs();
    const res = await this.call("/api/network/init", body, "network-error");
    if (res) this.setNetwork(res.network);
  }

  // A changed parameter (slider or number field): k is its flat index.
  setParam(k, value) {
    if (this.training) this.emit("edit", k); // training would overwrite the edit: pause it
    this.markInput();
    this.state.params[k] = value;
    let i = k;
    for (const layer of [...this.network.hidden, this.network.output]) {
      const n = layer.weights.length * layer.weights[0].length;
      if (i < n) { layer.weights[Math.floor(i / layer.weights[0].length)][i % layer.weights[0].length] = value; break; }
      i -= n;
      if (i < layer.bias.length) { layer.bias[i] = value; break; }
      i -= layer.bias.length;
    }
    this.saveUrl();
    this.refresh();
    this.scheduleCollapse();
  }

  markInput() {
    if (this.inputAt === null) this.inputAt = performance.now();
  }

  // ------------------------------------------------------------ evaluate
  async refresh() {
    if (!this.network) return;
    if (this.inFlight) { this.pending = true; return; }
    this.inFlight = true;
    const started = this.inputAt;
    this.inputAt = null;
    try {
      const body = {
        network: this.network, target: this.targetSpec(), grid_points: this.state.grid_points,
        train_points: this.state.train_points, negligible: this.state.negligible,
      };
      const view = await this.call("/api/evaluate", body, "network-error");
      if (view) {
        this.view = view;
        this.emit("view", view);
        if (started !== null) this.perf.redraws.push(performance.now() - started);
      }
    } finally {
      this.inFlight = false;
      if (this.pending) { this.pending = false; this.refresh(); }
    }
  }

  // Training progress carries its own fit: show it without another request.
  // Its formula too (null for a network too big to write out at every update: say so).
  showFit(fit, formula) {
    if (!this.view) return;
    this.view = { ...this.view, ...fit };
    if (formula !== undefined) this.view.formula = formula ?? t("formula.training");
    if (this.frame) return; // one redraw per animation frame, however fast progress comes
    this.frame = requestAnimationFrame(() => { this.frame = null; this.emit("view", this.view); });
  }

  scheduleCollapse() {
    clearTimeout(this.timers.collapse);
    this.timers.collapse = setTimeout(async () => {
      const body = { network: this.network, target: this.targetSpec(), grid_points: this.state.grid_points };
      this.busy++;
      try {
        const res = await this.call("/api/collapse", body, "network-error");
        if (res) { this.collapseView = res; this.emit("collapse", res); }
        await this.refreshOverlay();
      } finally {
        this.busy--;
        this.timers.collapse = null;
      }
    }, COLLAPSE_DELAY);
  }

  // The exact overlays over a two-input map (linear regions, decision boundary), asked of
  // the server only while one is switched on; `overlays` holds the switches.
  async refreshOverlay() {
    const want = this.overlays;
    if (!want || this.inputs() !== 2 || !(want.regions || want.boundary) || !this.network) {
      this.overlayView = null;
      this.emit("overlay", null);
      return;
    }
    this.busy++;
    try {
      const body = { network: this.network, target: this.targetSpec(), ...want };
      const res = await this.call("/api/overlay", body, "network-error");
      this.overlayView = res;
      this.emit("overlay", res);
    } finally {
      this.busy--;
    }
  }

  // ------------------------------------------------------------- errors
  // POST (or GET without body) and show any error in `area`; returns null on error.
  async call(path, body, area) {
    try {
      const res = await api(path, body);
      this.clearError(area);
      return res;
    } catch (err) {
      if (err instanceof ApiError) this.report(err, area);
      else throw err;
      return null;
    }
  }

  report(err, area) {
    const id = err.status === 0 ? "global-error" : areaOf(err.field, area);
    const el = document.getElementById(id);
    this.shown.set(id, err);
    el.hidden = false;
    el.textContent = "";
    const msg = document.createElement("div");
    msg.className = "message";
    msg.textContent = err.status === 0 ? t("error.offline")
      : err.key ? t(err.key, err.params) : say(err.message, err.code, err.params);
    el.append(msg);
    if (err.text !== null && err.position !== null) {
      const pre = document.createElement("pre");
      pre.className = "caret";
      pre.textContent = `${err.text}\n${" ".repeat(err.position)}^`;
      el.append(pre);
    }
  }

  clearError(area) {
    this.shown.delete(area);
    const el = document.getElementById(area);
    if (el) { el.hidden = true; el.textContent = ""; }
  }
}
