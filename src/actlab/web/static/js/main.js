// Boot: load strings, settings, presets and activations; restore the state from
// the URL; wire every panel to the lab; draw.

import { api } from "./api.js";
import { currentLang, loadStrings, setLang, t } from "./i18n.js";
import { Lab } from "./lab.js";
import { setupNetwork } from "./network.js";
import { renderCollapse, renderFormula, renderScore, setupConstruct, setupExport } from "./panels.js";
import { ParamControls } from "./params.js";
import { Plot } from "./plot.js";
import { decode, unflatten } from "./state.js";
import { setupTarget } from "./target.js";
import { setupTrain } from "./train.js";

async function boot() {
  const [, meta, presets, activations] = await Promise.all([
    loadStrings(), api("/api/settings"), api("/api/presets"), api("/api/activations"),
  ]);
  const { state, problems } = await decode(location.hash, meta.settings, meta.limits);
  setLang(state.lang);
  const lab = new Lab({ settings: meta.settings, limits: meta.limits, presets, activations }, state);
  lab.onLang = [];
  window.actlab = lab;

  const plot = new Plot(document.getElementById("plot"), () => {});
  const controls = new ParamControls(document.getElementById("params"), (k, v) => lab.setParam(k, v));
  const target = setupTarget(lab, plot);
  const network = setupNetwork(lab);
  const train = setupTrain(lab);
  setupConstruct(lab);
  setupExport(lab);

  lab.on("view", (view) => {
    plot.data = view;
    plot.draw();
    renderScore(view);
    renderFormula(view);
    controls.dim(view.neurons);
  });
  lab.on("network", (net) => {
    if (lab.rendered === JSON.stringify(net.hidden.map((h) => [h.weights.length, h.activation]))) {
      controls.sync(net, lab.state.params);
    } else {
      lab.rendered = JSON.stringify(net.hidden.map((h) => [h.weights.length, h.activation]));
      controls.render(net, lab.state.params);
    }
  });
  lab.on("collapse", (res) => renderCollapse(res, plot));

  document.getElementById("show-contributions").addEventListener("change", (e) => {
    plot.showContributions = e.target.checked;
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
    target.showState();
    network.showState();
    train.showState();
    lab.rendered = null;
    lab.emit("network", lab.network);
    for (const fn of lab.onLang) fn();
    if (lab.view) lab.emit("view", lab.view);
    if (lab.collapseView) lab.emit("collapse", lab.collapseView);
  });

  // the network: from the link's parameters when they fit its shape, else from the seed
  const widths = Array(state.depth).fill(state.width);
  const acts = Array.from({ length: state.depth }, (_, l) => state.activation[Math.min(l, state.activation.length - 1)]);
  const fromLink = state.params ? unflatten(state.params, widths, acts) : null;
  if (!(await lab.tryTarget({ target: state.target, x_min: state.x_min, x_max: state.x_max }))) {
    const shown = document.getElementById("expression-error").textContent;
    await lab.tryTarget({ target: "seed", x_min: null, x_max: null });
    problems.push(`target: ${shown}`);
  }
  if (fromLink) lab.setNetwork(fromLink);
  else await lab.initNetwork();
  if (problems.length) {
    const banner = document.getElementById("global-error");
    banner.hidden = false;
    banner.textContent = `${t("error.url")} ${problems.join("; ")}`;
  }
  document.body.dataset.ready = "1";
}

// a link pasted into this tab changes only the fragment: start again from it
window.addEventListener("hashchange", () => location.reload());

boot();
