// Train mode: play (a server-sent event stream), pause (close it), step, reset;
// the optimizer's settings, each checked against its declaration before anything
// starts; the live loss chart (training and test). Training stops when what is
// fitted changes and pauses when a weight is edited, saying why.

import { ApiError, api, stream } from "./api.js";
import { LossChart } from "./chart.js";
import { fmt, help, onLang, t } from "./i18n.js";

const FIELDS = [ // input id, setting, kind
  ["learning-rate", "learning_rate", "float"], ["steps", "steps", "int"],
  ["momentum", "momentum", "float"], ["l2", "l2", "float"], ["batch-size", "batch_size", "int"],
];

export function setupTrain(lab) {
  const $ = (id) => document.getElementById(id);
  const optimizer = $("optimizer");
  const play = $("train-play"), pause = $("train-pause"), stepBtn = $("train-step"), reset = $("train-reset");
  const status = $("train-status");
  const chart = new LossChart($("loss-chart"));
  lab.chart = chart;
  const setting = (name) => lab.settings.find((s) => s.name === name);
  for (const c of setting("optimizer").choices) optimizer.append(new Option(c, c));
  let total = 0; // steps taken since the last reset
  let controller = null;
  let stopWhy = null; // why the running stream was stopped by the page
  let start = null; // the network training started from (Reset goes back to it)

  function showState() {
    optimizer.value = lab.state.optimizer;
    for (const [id, name] of FIELDS) { $(id).value = lab.state[name] ?? ""; $(id).classList.remove("bad"); }
  }
  function tips() {
    optimizer.title = help(setting("optimizer"));
    for (const [id, name] of FIELDS) $(id).title = help(setting(name));
  }

  // The value of a field, or undefined when it is not what its setting allows.
  function read(id, name, kind) {
    const input = $(id);
    const s = setting(name);
    const text = input.value.trim();
    if (text === "" && s.optional) return null;
    const v = Number(text);
    const ok = text !== "" && Number.isFinite(v) && (kind !== "int" || Number.isInteger(v))
      && (s.min_exclusive ? v > s.min : v >= s.min) && (s.max_exclusive ? v < s.max : v <= s.max);
    input.classList.toggle("bad", !ok);
    if (!ok) return undefined;
    return v;
  }

  // Every field valid: store them and return true; else say which one is not and return false.
  function valid() {
    const values = {};
    for (const [id, name, kind] of FIELDS) {
      const v = read(id, name, kind);
      if (v === undefined) {
        const s = setting(name);
        const allowed = `${s.min_exclusive ? "(" : "["}${s.min}, ${s.max}${s.max_exclusive ? ")" : "]"}`;
        const got = $(id).value || "—";
        lab.report(new ApiError(422, {
          message: `the '${name}' parameter must be a number in ${allowed}, got ${got} instead`, field: name,
          code: "setting.invalid", params: { name, allowed, got },
        }), "train-error");
        $(id).focus();
        return false;
      }
      values[name] = v;
    }
    lab.clearError("train-error");
    lab.set(values);
    return true;
  }

  function request(n) {
    const s = lab.state;
    return {
      network: lab.network, target: lab.targetSpec(), optimizer: s.optimizer,
      learning_rate: s.learning_rate, momentum: s.momentum, l2: s.l2, batch_size: s.batch_size,
      steps: n, train_points: s.train_points, grid_points: s.grid_points, negligible: s.negligible,
    };
  }

  // `step` counts from the last reset.
  function progress(step, data) {
    lab.setNetwork(data.network, { evaluate: false });
    lab.showFit(data.fit, data.formula);
    chart.push(step, data.loss ?? data.losses[data.losses.length - 1], data.test_loss);
    chart.draw();
    const test = data.test_loss === null || data.test_loss === undefined ? "" : ` · ${t("train.test", { loss: fmt(data.test_loss) })}`;
    status.textContent = t("train.status", { step, loss: fmt(data.loss ?? data.losses.at(-1)) }) + test;
  }

  function running(on) {
    const hadFocus = document.activeElement === (on ? play : pause) || document.activeElement === document.body;
    play.disabled = on;
    stepBtn.disabled = on;
    pause.disabled = !on;
    lab.training = on;
    status.setAttribute("aria-busy", on ? "true" : "false");
    if (hadFocus) (on ? pause : play).focus(); // keep the keyboard where it was
  }

  function fail(err) {
    if (err instanceof ApiError) lab.report(err, "train-error");
    else throw err;
  }

  const begin = () => { if (total === 0 || !start) start = structuredClone(lab.network); };

  play.addEventListener("click", async () => {
    if (controller || !lab.network || !valid()) return;
    begin();
    controller = new AbortController();
    stopWhy = null;
    running(true);
    const base = total;
    let last = 0;
    try {
      await stream("/api/train/stream", request(lab.state.steps), (name, data) => {
        if (name === "progress") {
          last = data.step;
          progress(base + last, data);
        } else if (name === "done") {
          status.textContent = t(data.reason === "time" ? "train.done.time" : "train.done.steps", { step: base + data.step });
        } else if (name === "error") {
          lab.report(new ApiError(422, data.detail), "train-error");
        }
      }, { signal: controller.signal });
    } catch (err) {
      fail(err);
    } finally {
      total = base + last;
      controller = null;
      running(false);
      if (stopWhy) status.textContent = t(stopWhy);
      else lab.refresh(); // the final network's formula and collapse
      lab.scheduleCollapse();
    }
  });

  const stop = (why) => { if (controller) { stopWhy = why; controller.abort(); } };
  pause.addEventListener("click", () => stop(null));
  lab.on("fitted", () => {
    if (!controller) return;
    stop("train.stopped.target");
  });
  lab.on("edit", () => stop("train.stopped.edit"));

  stepBtn.addEventListener("click", async () => {
    if (controller || !lab.network || !valid()) return;
    begin();
    lab.busy++;
    try {
      const res = await api("/api/train/step", request(1));
      lab.clearError("train-error");
      total += res.step;
      progress(total, res);
      lab.scheduleCollapse();
    } catch (err) {
      fail(err);
    } finally {
      lab.busy--;
    }
  });

  reset.addEventListener("click", async () => {
    stop(null);
    if (start) lab.setNetwork(structuredClone(start));
    else await lab.initNetwork();
    lab.emit("reset", null);
  });

  lab.on("reset", () => {
    total = 0;
    start = null;
    chart.clear();
    status.textContent = t("train.idle");
  });

  optimizer.addEventListener("change", () => lab.set({ optimizer: optimizer.value }));
  for (const [id, name, kind] of FIELDS) {
    $(id).addEventListener("change", () => {
      const v = read(id, name, kind);
      if (v !== undefined) { lab.clearError("train-error"); lab.set({ [name]: v }); } else valid();
    });
  }

  onLang(() => { tips(); if (!lab.training && total === 0) status.textContent = t("train.idle"); chart.draw(); });
  showState();
  tips();
  status.textContent = t("train.idle");
  return { showState, chart };
}
