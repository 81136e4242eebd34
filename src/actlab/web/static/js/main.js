// Boot: load strings, settings, presets and activations; restore the state from
// the URL; wire every panel to the lab; draw. A page without a network in its link
// opens on the lesson: its target and its hand-built two-sigmoid network.

import { api } from "./api.js";
import { setupGraph } from "./graph-edit.js";
import { currentLang, loadStrings, onLang, say, setLang, t } from "./i18n.js";
import { Lab } from "./lab.js";
import { setupNetwork } from "./network.js";
import { renderCollapse, renderFormula, renderScore, setupConstruct, setupExport, setupImport } from "./panels.js";
import { ParamControls } from "./params.js";
import { Plot } from "./plot.js";
import { decode, defaultsOf, unflatten } from "./state.js";
import { setupTarget } from "./target.js";
import { setupTour } from "./tour.js";
import { setupTrain } from "./train.js";

const NETWORK_SETTINGS = ["depth", "width", "activation", "seed", "init"];

// Does the state ask for no network of its own (so the page starts on the lesson's)?
function startsOnLesson(state, settings) {
  const d = defaultsOf(settings);
  return !state.params && ["lesson", "seed"].includes(state.target)
    && NETWORK_SETTINGS.every((k) => JSON.stringify(state[k]) === JSON.stringify(d[k]));
}

function showProblems(problems) {
  const banner = document.getElementById("global-error");
  banner.hidden = !problems.length;
  banner.textContent = problems.length
    ? `${t("error.url")} ${problems.map((p) => (p.key ? t(p.key, p.params) : say(p.message, p.code, p.params))).join("; ")}`
    : "";
}

async function boot() {
  const [, meta, presets, activations] = await Promise.all([
    loadStrings(), api("/api/settings"), api("/api/presets"), api("/api/activations"),
  ]);
  const { state, problems } = await decode(location.hash, meta.settings, meta.limits);
  const lab = new Lab({ settings: meta.settings, limits: meta.limits, presets, activations }, state);
  window.actlab = lab;

  const plot = new Plot(document.getElementById("plot"), () => {});
  lab.plot = plot;
  const controls = new ParamControls(document.getElementById("params"), (k, v) => lab.setParam(k, v));
  setupTarget(lab, plot);
  const network = setupNetwork(lab);
  const train = setupTrain(lab);
  setupGraph(lab);
  setupConstruct(lab);
  setupExport(lab);
  setupImport(lab);
  setupTour(lab);
  setLang(state.lang);

  lab.on("view", (view) => {
    plot.data = view;
    plot.draw();
    renderScore(view);
    renderFormula(view);
    controls.dim(view.neurons);
  });
  const shapeOf = (net) => JSON.stringify(net.hidden.map((h) => [h.weights.length, h.activation]));
  lab.on("network", (net) => {
    if (lab.rendered === shapeOf(net)) controls.sync(net, lab.state.params);
    else { lab.rendered = shapeOf(net); controls.render(net, lab.state.params); }
  });
  lab.on("collapse", (res) => renderCollapse(res, plot));

  document.getElementById("show-contributions").addEventListener("change", (e) => {
    plot.showContributions = e.target.checked;
    plot.draw();
  });

  // two inputs: which data points the map shows, and the exact overlays drawn over it
  document.getElementById("show-points").addEventListener("change", (e) => {
    plot.showPoints = e.target.value;
    plot.draw();
  });
  const overlayBoxes = { regions: document.getElementById("overlay-regions"), boundary: document.getElementById("overlay-boundary") };
  lab.overlays = { regions: false, boundary: false };
  for (const [name, box] of Object.entries(overlayBoxes)) {
    box.addEventListener("change", () => { lab.overlays[name] = box.checked; lab.refreshOverlay(); });
  }
  lab.on("overlay", (res) => {
    plot.overlay = res ? { regions: res.regions, boundary: res.boundary } : null;
    const note = document.getElementById("overlay-note");
    const parts = [];
    if (res && res.count !== null) parts.push(t("msg.overlay.regions_count", { n: res.count, count: res.count }));
    if (res?.equation) parts.push(res.equation);
    for (const n of res?.notes || []) parts.push(say(n.message, n.code, n.params, "msg"));
    note.textContent = parts.join(" · ");
    plot.draw();
  });

  function showMode() {
    for (const b of document.querySelectorAll(".tabs button")) {
      b.classList.toggle("active", b.dataset.mode === lab.state.mode);
      b.setAttribute("aria-selected", b.dataset.mode === lab.state.mode);
    }
    for (const m of ["manual", "construct", "train"]) document.getElementById(`mode-${m}`).hidden = m !== lab.state.mode;
  }
  for (const b of document.querySelectorAll(".tabs button")) {
    b.addEventListener("click", () => { lab.set({ mode: b.dataset.mode }); showMode(); });
  }
  showMode();

  document.getElementById("lang-toggle").addEventListener("click", () => {
    lab.set({ lang: currentLang() === "en" ? "zh" : "en" });
    setLang(lab.state.lang);
  });
  onLang(() => {
    network.showState();
    train.showState();
    lab.rendered = null;
    if (lab.network) lab.emit("network", lab.network);
    if (lab.view) lab.emit("view", lab.view);
    if (lab.collapseView) lab.emit("collapse", lab.collapseView);
    if (lab.overlayView) lab.emit("overlay", lab.overlayView);
    showProblems(problems);
  });

  // the network: from the link's parameters when they fit its shape, else the lesson's or the seed's
  if (!(await lab.tryTarget({ target: state.target, x_min: state.x_min, x_max: state.x_max }))) {
    const shown = document.getElementById("expression-error").textContent;
    await lab.tryTarget({ target: "lesson", x_min: null, x_max: null });
    problems.push({ message: `target: ${shown}`, key: null });
  }
  const widths = Array(state.depth).fill(state.width);
  const acts = Array.from({ length: state.depth }, (_, l) => state.activation[Math.min(l, state.activation.length - 1)]);
  const fromLink = state.params ? unflatten(state.params, widths, acts, lab.inputs()) : null;
  if (state.params && !fromLink) {
    const need = unflatten.count(widths, lab.inputs());
    problems.push({ key: "error.url.params", params: { got: state.params.length, need } });
  }
  if (fromLink) lab.setNetwork(fromLink);
  else if (startsOnLesson(state, meta.settings)) await lab.lessonNetwork();
  else await lab.initNetwork();
  showProblems(problems);
  document.body.dataset.ready = "1";
}

// a link pasted into this tab changes only the fragment: start again from it
window.addEventListener("hashchange", () => location.reload());

boot();
