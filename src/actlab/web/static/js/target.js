// The target panel: presets, the expression box (errors shown under it with a
// caret), the domain, noise and test share, the marked points (plot clicks, the
// list of numbers, "mark on target", CSV). Any change to what is fitted goes
// through lab.fittedChanged(), which stops training on the old data.

import { fmt, has, help, onLang, t } from "./i18n.js";
import { PointsList } from "./points.js";

const TYPE_DELAY = 300; // ms of quiet typing before the expression is checked

export function setupTarget(lab, plot) {
  const $ = (id) => document.getElementById(id);
  const preset = $("preset"), expr = $("expression"), xMin = $("x-min"), xMax = $("x-max");

  function presets() {
    const value = preset.value;
    preset.textContent = "";
    preset.append(new Option(t("target.custom"), ""));
    for (const p of lab.presets) {
      const name = has(`preset.${p.name}`) ? t(`preset.${p.name}`) : p.name;
      // a two-input data set is named, not written out (its formula is a description)
      preset.append(new Option((p.inputs || 1) > 1 ? name : `${name} — ${p.formula}`, p.name));
    }
    preset.value = value;
  }
  presets();
  const setting = (name) => lab.settings.find((x) => x.name === name);
  function tips() {
    expr.title = help(setting("target"));
    xMin.title = help(setting("x_min"));
    xMax.title = help(setting("x_max"));
    $("noise").title = help(setting("noise"));
    $("test-fraction").title = help(setting("test_fraction"));
    $("train-points").title = help(setting("train_points"));
  }

  function showState() {
    const s = lab.state;
    expr.value = s.target;
    const match = lab.presets.find((p) => p.name === s.target || (p.aliases || []).includes(s.target));
    preset.value = match ? match.name : "";
    xMin.value = s.x_min ?? "";
    xMax.value = s.x_max ?? "";
    for (const r of document.querySelectorAll("input[name=fit]")) r.checked = r.value === s.fit;
    $("points-count").textContent = t("target.points.count", { n: s.points.length });
    $("noise").value = s.noise;
    $("test-fraction").value = s.test_fraction;
    $("train-points").value = s.train_points;
  }

  // What the formula line says: f(x) = …, f(x1, x2) = …, or a data set's name.
  function describe(res) {
    if (res.inputs > 1) {
      const [[a, b], [c, d]] = res.box;
      const box = `x1 ∈ [${fmt(a)}, ${fmt(b)}], x2 ∈ [${fmt(c)}, ${fmt(d)}]`;
      const what = res.expression !== null && !has(`preset.${res.name}`) ? `f(x1, x2) = ${res.formula}`
        : t(res.classes ? "target.classes" : "target.dataset", { name: has(`preset.${res.name}`) ? t(`preset.${res.name}`) : res.name });
      return `${what}  ·  ${box}`;
    }
    const formula = res.formula.startsWith("f(x)") ? res.formula : `f(x) = ${res.formula}`;
    return `${formula}  ·  x ∈ [${fmt(res.domain[0])}, ${fmt(res.domain[1])}]`;
  }

  // Check a candidate target with the server; adopt it only when it parses.
  async function tryTarget(changes) {
    const next = { ...lab.state, ...changes };
    const spec = { expression: next.target, x_min: next.x_min, x_max: next.x_max };
    const res = await lab.call("/api/target", { target: spec, grid_points: lab.state.grid_points }, "expression-error");
    expr.classList.toggle("bad", !res);
    if (!res) return false;
    lab.clearError("domain-error");
    lab.set(changes);
    lab.targetInfo = res;
    document.body.dataset.inputs = res.inputs;
    $("target-formula").textContent = describe(res);
    xMin.placeholder = fmt(res.domain[0]);
    xMax.placeholder = fmt(res.domain[1]);
    showState();
    if (lab.network && lab.constructor.inputsOf(lab.network) !== res.inputs) {
      // one input ↔ two: a new random network of as many inputs as the target
      lab.emit("fitted", null);
      await lab.initNetwork();
      lab.emit("reset", null);
    } else lab.fittedChanged();
    return true;
  }
  lab.tryTarget = tryTarget;

  let typing = null;
  expr.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => tryTarget({ target: expr.value.trim() || "seed" }), TYPE_DELAY);
  });
  preset.addEventListener("change", () => {
    if (preset.value) tryTarget({ target: preset.value, x_min: null, x_max: null });
  });
  const domain = (input, name) => input.addEventListener("change", () => {
    const v = input.value.trim() === "" ? null : Number(input.value);
    tryTarget({ [name]: v });
  });
  domain(xMin, "x_min");
  domain(xMax, "x_max");

  for (const r of document.querySelectorAll("input[name=fit]")) {
    r.addEventListener("change", () => { lab.set({ fit: r.value }); lab.fittedChanged(); });
  }

  // noise σ and the test share: bounded by their declarations, else marked and not sent
  for (const [id, name] of [["noise", "noise"], ["test-fraction", "test_fraction"], ["train-points", "train_points"]]) {
    const input = $(id), s = setting(name);
    input.min = s.min;
    input.max = s.max;
    input.addEventListener("change", () => {
      const v = Number(input.value);
      const ok = input.value.trim() !== "" && v >= s.min && v <= s.max;
      input.classList.toggle("bad", !ok);
      if (!ok) return;
      lab.set({ [name]: v });
      lab.fittedChanged();
    });
  }

  // --- points
  function pointsChanged(final) {
    $("points-count").textContent = t("target.points.count", { n: lab.state.points.length });
    plot.draw();
    lab.emit("points", lab.state.points);
    if (!final) return;
    list.render();
    lab.clearError("points-error");
    lab.set({ points: lab.state.points });
    if (lab.state.fit === "points") lab.fittedChanged();
  }
  const list = new PointsList($("points-list"), lab, () => pointsChanged(true));
  plot.points = lab.state.points;
  plot.onPoints = (points, final) => pointsChanged(final);
  plot.onPoints.limit = lab.limits.max_points;

  $("points-clear").addEventListener("click", () => {
    lab.state.points.length = 0;
    pointsChanged(true);
  });

  // Mark points on the target: the domain's ends, its kinks, and evenly spaced points between.
  $("points-mark").addEventListener("click", () => {
    const info = lab.targetInfo;
    if (!info) return;
    const [a, b] = info.domain;
    let xs = [a, ...info.kinks, b];
    if (xs.length < 5) xs = Array.from({ length: 7 }, (_, i) => a + ((b - a) * i) / 6);
    const at = (x) => { // the target's value at x, from its samples (exact on grid points)
      const i = Math.min(Math.max(Math.round(((x - a) / (b - a)) * (info.x.length - 1)), 0), info.x.length - 1);
      return info.y[i];
    };
    lab.state.points.length = 0;
    for (const x of xs) lab.state.points.push([Number(x.toPrecision(6)), Number(at(x).toPrecision(6))]);
    pointsChanged(true);
  });

  $("points-csv").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    const text = await file.text();
    const res = await lab.call("/api/points/csv", { text: text.slice(0, lab.limits.max_csv_bytes + 1) }, "points-error");
    if (!res) return;
    lab.state.points.length = 0;
    res.points.x.forEach((x, i) => lab.state.points.push([x, res.points.y[i]]));
    pointsChanged(true);
  });

  onLang(() => { presets(); tips(); showState(); list.render(); });
  showState();
  tips();
  list.render();
  return { showState };
}
