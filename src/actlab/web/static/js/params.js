// One control per weight and bias (a slider and a number field side by side).
// A one-hidden-layer network reads as on paper, y = Σ c_i·φ(w_i·x + b_i) + c0,
// grouped by neuron; deeper ones are grouped by layer. `k` is the flat index
// of a parameter (layer by layer, W row-major then b), as in the URL.

import { fmt, t } from "./i18n.js";

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).split("").map((d) => SUB[+d]).join("");
const LAZY = 128; // a group with more parameters renders its controls when opened

function offsets(network) {
  const out = [];
  let k = 0;
  for (const layer of [...network.hidden, network.output]) {
    const nIn = layer.weights[0].length;
    out.push({ w: k, b: k + layer.weights.length * nIn, nIn, nOut: layer.weights.length });
    k += layer.weights.length * nIn + layer.bias.length;
  }
  return out;
}

function groups(network) {
  const off = offsets(network);
  const depth = network.hidden.length;
  if (depth === 1) {
    const [h, o] = off;
    const rows = [];
    for (let i = 0; i < h.nOut; i++) {
      rows.push({ title: t("manual.neuron", { i: i + 1 }), neuron: i, params: [
        { k: h.w + i, label: `w${sub(i + 1)}` }, { k: h.b + i, label: `b${sub(i + 1)}` },
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
        const label = last ? (depth ? `c${sub(j + 1)}` : "a") : `W${sub(l + 1)}[${i + 1},${j + 1}]`;
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
    const v = this.values[k];
    const r = Math.max(5, Math.ceil(Math.abs(v) * 2));
    const div = document.createElement("div");
    div.className = "param";
    div.dataset.k = k;
    if (neuron !== undefined) div.dataset.neuron = neuron;
    div.innerHTML = `<span class="name">${label}</span>
      <input type="range" min="${-r}" max="${r}" step="${r / 500}" aria-label="${label}">
      <input type="number" step="any" aria-label="${label}">`;
    const [range, number] = div.querySelectorAll("input");
    range.value = v;
    number.value = fmt(v, 6).replace("−", "-");
    range.addEventListener("input", () => {
      const x = Number(range.value);
      number.value = x;
      this.set(k, x);
    });
    number.addEventListener("input", () => {
      const x = Number(number.value);
      if (number.value === "" || !Number.isFinite(x) || Math.abs(x) > 1e6) { number.classList.add("bad"); return; }
      number.classList.remove("bad");
      if (Math.abs(x) > Number(range.max)) { range.max = Math.ceil(Math.abs(x) * 2); range.min = -range.max; }
      range.value = x;
      this.set(k, x);
    });
    this.inputs.set(k, { range, number });
    return div;
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
    for (const [k, { range, number }] of this.inputs) {
      if (document.activeElement === range || document.activeElement === number) continue;
      const v = values[k];
      if (Math.abs(v) > Number(range.max)) { range.max = Math.ceil(Math.abs(v) * 2); range.min = -range.max; }
      range.value = v;
      number.value = Number(v.toPrecision(6));
    }
  }

  dim(neurons) {
    for (const el of this.container.querySelectorAll("[data-neuron]")) {
      const n = neurons[Number(el.dataset.neuron)];
      el.classList.toggle("negligible", Boolean(n && n.negligible));
      el.title = n && n.negligible ? t("manual.negligible") : "";
    }
  }
}
