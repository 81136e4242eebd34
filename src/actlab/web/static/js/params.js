// One control per weight and bias (a slider and a number field side by side).
// A one-hidden-layer network reads as on paper, y = Σ c_i·φ(w_i·x + b_i) + c0,
// grouped by neuron; deeper ones are grouped by layer. `k` is the flat index
// of a parameter (layer by layer, W row-major then b), as in the URL.

import { offsets } from "./graph.js";
import { fmt, t } from "./i18n.js";

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).split("").map((d) => SUB[+d]).join("");
const LAZY = 128; // a group with more parameters renders its controls when opened

// One parameter's controls: a slider and a number field that follow each other.
// onSet(x) is called with each valid new value; returns {div, range, number}.
export function paramRow(k, label, v, onSet) {
  const r = Math.max(5, Math.ceil(Math.abs(v) * 2));
  const div = document.createElement("div");
  div.className = "param";
  div.dataset.k = k;
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = label;
  const range = document.createElement("input");
  Object.assign(range, { type: "range", min: -r, max: r, step: r / 500 });
  const number = document.createElement("input");
  Object.assign(number, { type: "number", step: "any" });
  range.setAttribute("aria-label", label);
  number.setAttribute("aria-label", label);
  div.append(name, range, number);
  range.value = v;
  number.value = fmt(v, 6).replaceAll("−", "-");
  range.addEventListener("input", () => {
    const x = Number(range.value);
    number.value = x;
    onSet(x);
  });
  number.addEventListener("input", () => {
    const x = Number(number.value);
    if (number.value === "" || !Number.isFinite(x) || Math.abs(x) > 1e6) { number.classList.add("bad"); return; }
    number.classList.remove("bad");
    if (Math.abs(x) > Number(range.max)) { range.max = Math.ceil(Math.abs(x) * 2); range.min = -range.max; }
    range.value = x;
    onSet(x);
  });
  return { div, range, number };
}

// Show a new value in a row's controls unless the user is working in them.
export function syncRow({ range, number }, v) {
  if (document.activeElement === range || document.activeElement === number) return;
  if (Math.abs(v) > Number(range.max)) { range.max = Math.ceil(Math.abs(v) * 2); range.min = -range.max; }
  range.value = v;
  number.value = Number(v.toPrecision(6));
}

function groups(network) {
  const off = offsets(network);
  const depth = network.hidden.length;
  if (depth === 1) {
    const [h, o] = off;
    const rows = [];
    for (let i = 0; i < h.nOut; i++) {
      // one input: w_i; two: w_i,1 and w_i,2 (the weights of x1 and x2)
      const ws = Array.from({ length: h.nIn }, (_, j) => ({
        k: h.w + i * h.nIn + j, label: h.nIn > 1 ? `w${sub(i + 1)},${sub(j + 1)}` : `w${sub(i + 1)}` }));
      rows.push({ title: t("manual.neuron", { i: i + 1 }), neuron: i, params: [
        ...ws, { k: h.b + i, label: `b${sub(i + 1)}` },
        { k: o.w + i, label: `c${sub(i + 1)}` }] });
    }
    rows.push({ title: t("manual.output"), params: [{ k: o.b, label: `c${sub(0)}` }] });
    return rows;
  }
  return off.map((L, l) => {
    const last = l === depth;
    const params = [];
    for (let i = 0; i < L.nOut; i++) {
      for (let j = 0; j < L.nIn; j++) {
        const line = L.nIn > 1 ? `a${sub(j + 1)}` : "a";
        const label = last ? (depth ? `c${sub(j + 1)}` : line) : `W${sub(l + 1)}[${i + 1},${j + 1}]`;
        params.push({ k: L.w + i * L.nIn + j, label, neuron: last ? j : undefined });
      }
      params.push({ k: L.b + i, label: last ? (depth ? `c${sub(0)}` : "b") : `b${sub(l + 1)}[${i + 1}]` });
    }
    return { title: last ? t("manual.output") : t("manual.layer", { l: l + 1 }), params };
  });
}

export class ParamControls {
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange;
    this.values = [];
    this.inputs = new Map(); // k -> {range, number}
    this.shape = "";
  }

  render(network, values) {
    this.values = values;
    this.inputs.clear();
    this.container.textContent = "";
    this.container.classList.toggle("deep", network.hidden.length !== 1);
    this.shape = JSON.stringify([network.hidden.map((h) => [h.weights.length, h.activation])]);
    for (const group of groups(network)) {
      const box = document.createElement("details");
      box.className = "param-group";
      if (group.neuron !== undefined) box.dataset.neuron = group.neuron;
      const title = document.createElement("summary");
      title.textContent = group.title;
      box.append(title);
      const fill = () => { for (const p of group.params) box.append(this.row(p)); };
      if (group.params.length > LAZY) {
        const note = document.createElement("div");
        note.className = "hint";
        note.textContent = t("manual.many", { n: group.params.length });
        box.append(note);
        box.addEventListener("toggle", () => { if (box.open && !box.dataset.filled) { box.dataset.filled = 1; note.remove(); fill(); } });
      } else {
        box.open = true;
        fill();
      }
      this.container.append(box);
    }
  }

  row({ k, label, neuron }) {
    const row = paramRow(k, label, this.values[k], (x) => this.set(k, x));
    if (neuron !== undefined) row.div.dataset.neuron = neuron;
    this.inputs.set(k, row);
    return row.div;
  }

  set(k, x) {
    this.values[k] = x;
    this.onChange(k, x);
  }

  // New values for the same shape (training, URL): move the controls without rebuilding them.
  sync(network, values) {
    const shape = JSON.stringify([network.hidden.map((h) => [h.weights.length, h.activation])]);
    if (shape !== this.shape || values.length !== this.values.length) { this.render(network, values); return; }
    this.values = values;
    for (const [k, row] of this.inputs) syncRow(row, values[k]);
  }

  dim(neurons) {
    for (const el of this.container.querySelectorAll("[data-neuron]")) {
      const n = neurons[Number(el.dataset.neuron)];
      el.classList.toggle("negligible", Boolean(n && n.negligible));
      el.title = n && n.negligible ? t("manual.negligible") : "";
    }
  }
}
