// The graph panel: the network graph, the editor of what is selected in it (a link's
// weight; a neuron's bias and incoming weights, so every weight is reachable by
// keyboard), and +/− buttons for hidden layers and neurons per layer.

import { NetworkGraph, nodeName, offsets } from "./graph.js";
import { onLang, t } from "./i18n.js";
import { paramRow, syncRow } from "./params.js";

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).split("").map((d) => SUB[+d]).join("");

export function setupGraph(lab) {
  const $ = (id) => document.getElementById(id);
  const editor = $("graph-editor");
  const graph = new NetworkGraph($("graph"), (sel) => edit(sel));
  let rows = new Map(); // k -> row controls

  // The rows of a selection: [k, label]; a link is one weight, a node its bias and inputs.
  function entries(sel) {
    const net = lab.network;
    const off = offsets(net)[sel.col - 1];
    const to = nodeName(net, sel.col, sel.i);
    if (sel.kind === "link") {
      return [[sel.k, t("graph.link", { from: nodeName(net, sel.col - 1, sel.j), to })]];
    }
    const out = [[off.b + sel.i, t("graph.bias", { who: to })]];
    for (let j = 0; j < off.nIn; j++) {
      out.push([off.w + sel.i * off.nIn + j, t("graph.link", { from: nodeName(net, sel.col - 1, j), to })]);
    }
    return out;
  }

  function edit(sel) {
    editor.textContent = "";
    rows = new Map();
    if (!sel || !lab.network) { editor.append(hint(t("graph.none"))); return; }
    const list = document.createElement("div");
    list.className = "graph-rows";
    for (const [k, label] of entries(sel)) {
      const row = paramRow(k, short(label, k), lab.state.params[k], (x) => lab.setParam(k, x));
      row.range.setAttribute("aria-label", label);
      row.number.setAttribute("aria-label", label);
      row.div.title = label;
      rows.set(k, row);
      list.append(row.div);
    }
    const close = document.createElement("button");
    close.className = "close";
    close.textContent = t("graph.close");
    close.addEventListener("click", () => { graph.selected = null; graph.mark(); edit(null); });
    editor.append(list, close);
  }

  // A compact label for the row: w₁₂ / b₃ in the notation of the layer (full words in aria-label).
  function short(label, k) {
    const off = offsets(lab.network);
    const l = off.findIndex((o) => k >= o.w && k < o.b + o.nOut);
    const o = off[l];
    if (k >= o.b) return `b${sub(l + 1)}[${k - o.b + 1}]`;
    const r = k - o.w;
    return `w${sub(l + 1)}[${Math.floor(r / o.nIn) + 1},${(r % o.nIn) + 1}]`;
  }

  const hint = (text) => {
    const d = document.createElement("div");
    d.className = "hint";
    d.textContent = text;
    return d;
  };

  // --- +/− hidden layers and neurons per layer (a new shape draws a new network)
  const counts = { depth: $("graph-depth"), width: $("graph-width") };
  function showCounts() {
    counts.depth.textContent = lab.state.depth;
    counts.width.textContent = lab.state.width;
    const s = (name) => lab.settings.find((x) => x.name === name);
    $("graph-depth-minus").disabled = lab.state.depth <= s("depth").min;
    $("graph-depth-plus").disabled = lab.state.depth >= s("depth").max;
    $("graph-width-minus").disabled = lab.state.depth === 0 || lab.state.width <= s("width").min;
    $("graph-width-plus").disabled = lab.state.depth === 0 || lab.state.width >= s("width").max;
  }
  for (const [name, id] of [["depth", "graph-depth"], ["width", "graph-width"]]) {
    $(`${id}-minus`).addEventListener("click", () => lab.reshape({ [name]: lab.state[name] - 1 }));
    $(`${id}-plus`).addEventListener("click", () => lab.reshape({ [name]: lab.state[name] + 1 }));
  }

  lab.on("network", (net) => {
    const before = graph.shape;
    graph.render(net);
    if (graph.shape !== before) { graph.selected = null; edit(null); }
    else for (const [k, row] of rows) syncRow(row, lab.state.params[k]);
    if (!lab.training) graph.update(lab.view); // while training, the view that follows redraws it
    showCounts();
  });
  lab.on("view", (view) => graph.update(view));
  onLang(() => {
    graph.shape = "";
    if (lab.network) { graph.render(lab.network); graph.update(lab.view); }
    edit(graph.selected);
  });
  edit(null);
  lab.graph = graph;
  return graph;
}
