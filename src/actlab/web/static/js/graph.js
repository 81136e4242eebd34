// The network graph (SVG): every neuron a node with a thumbnail of its output, every
// weight a link coloured by sign and sized by magnitude. Click a link or a node, or
// Tab to a node and press Enter, to select it; the editor (graph-edit.js) edits it.
// `offsets` maps each layer's W and b to the flat parameter index k used everywhere.

import { t } from "./i18n.js";
import { drawThumb } from "./thumbs.js";

// the SVG namespace, read from the page's own <svg> (no URL literal in the scripts)
const NS = document.getElementById("graph").namespaceURI;
const POS = "#1c64d2", NEG = "#e8590c";

export function offsets(network) {
  const out = [];
  let k = 0;
  for (const layer of [...network.hidden, network.output]) {
    const nIn = layer.weights[0].length;
    out.push({ w: k, b: k + layer.weights.length * nIn, nIn, nOut: layer.weights.length });
    k += layer.weights.length * nIn + layer.bias.length;
  }
  return out;
}

// Inputs of a network: the columns of its first layer's weights.
export const inputsOf = (network) => (network.hidden[0] || network.output).weights[0].length;

const make = (tag, attrs = {}) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

// Who a node is, in words: "input x", "layer 2, neuron 3", "output y".
export function nodeName(network, col, i) {
  if (col === 0) return inputsOf(network) > 1 ? t("graph.input.k", { k: i + 1 }) : t("graph.input");
  if (col === network.hidden.length + 1) return t("graph.output");
  return t("graph.neuron", { l: col, i: i + 1 });
}

export class NetworkGraph {
  constructor(svg, onSelect) {
    this.svg = svg;
    this.onSelect = onSelect;
    this.shape = "";
    this.selected = null;
    this.links = []; // {line, hit, k}
    this.nodes = []; // {g, col, i, w, h}
    svg.addEventListener("click", (e) => this.click(e));
    svg.addEventListener("keydown", (e) => {
      const g = e.target.closest?.(".node");
      if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); this.pick({ kind: "node", col: +g.dataset.col, i: +g.dataset.i }); }
    });
    new ResizeObserver(() => { if (this.network) { this.shape = ""; this.render(this.network); this.update(this.view); } }).observe(svg);
  }

  click(e) {
    const link = e.target.closest?.(".hit");
    const node = e.target.closest?.(".node");
    if (link) this.pick({ kind: "link", k: +link.dataset.k, col: +link.dataset.col, i: +link.dataset.i, j: +link.dataset.j });
    else if (node) this.pick({ kind: "node", col: +node.dataset.col, i: +node.dataset.i });
  }

  pick(sel) {
    this.selected = sel;
    this.mark();
    this.onSelect(sel);
  }

  mark() {
    const s = this.selected;
    for (const l of this.links) l.line.classList.toggle("selected", s?.kind === "link" && s.k === l.k);
    for (const n of this.nodes) n.g.classList.toggle("selected", s?.kind === "node" && s.col === n.col && s.i === n.i);
  }

  // Build the drawing for the network's shape (only when the shape changed).
  render(network) {
    this.network = network;
    const widths = [inputsOf(network), ...network.hidden.map((h) => h.weights.length), 1];
    const shape = JSON.stringify([widths, network.hidden.map((h) => h.activation), this.svg.clientWidth, t("graph.input")]);
    if (shape === this.shape) return;
    this.shape = shape;
    const W = Math.max(this.svg.clientWidth, 240);
    const most = Math.max(...widths);
    const nodeH = Math.max(10, Math.min(30, 420 / most - 6));
    const nodeW = Math.max(24, Math.min(46, nodeH * 1.6));
    const H = Math.max(120, most * (nodeH + 6) + 28);
    this.svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    this.svg.style.height = `${H}px`;
    this.svg.textContent = "";
    const cols = widths.length;
    const cx = (c) => 8 + ((W - nodeW - 16) * c) / (cols - 1);
    const cy = (c, i) => 14 + (H - 28) * ((i + 0.5) / widths[c]) - nodeH / 2;
    const off = offsets(network);
    const linkLayer = make("g", { class: "links" });
    const nodeLayer = make("g", { class: "nodes" });
    this.svg.append(linkLayer, nodeLayer);
    this.links = [];
    for (let c = 1; c < cols; c++) {
      const L = off[c - 1];
      for (let i = 0; i < widths[c]; i++) {
        for (let j = 0; j < widths[c - 1]; j++) {
          const pos = { x1: cx(c - 1) + nodeW, y1: cy(c - 1, j) + nodeH / 2, x2: cx(c), y2: cy(c, i) + nodeH / 2 };
          const k = L.w + i * L.nIn + j;
          const line = make("line", { ...pos, class: "link" });
          const hit = make("line", { ...pos, class: "hit", "data-k": k, "data-col": c, "data-i": i, "data-j": j });
          const title = make("title");
          title.textContent = t("graph.link", { from: nodeName(network, c - 1, j), to: nodeName(network, c, i) });
          hit.append(title);
          linkLayer.append(line, hit);
          this.links.push({ line, hit, k, c, i, j });
        }
      }
    }
    this.nodes = [];
    for (let c = 0; c < cols; c++) {
      for (let i = 0; i < widths[c]; i++) {
        const g = make("g", { class: "node", transform: `translate(${cx(c)},${cy(c, i)})`, "data-col": c, "data-i": i });
        if (c > 0) {
          g.setAttribute("tabindex", "0");
          g.setAttribute("role", "button");
          const act = c <= network.hidden.length ? network.hidden[c - 1].activation : "";
          g.setAttribute("aria-label", c <= network.hidden.length
            ? t("graph.neuron.label", { l: c, i: i + 1, act }) : t("graph.output.label"));
        }
        g.append(make("rect", { width: nodeW, height: nodeH, rx: 4 }));
        nodeLayer.append(g);
        this.nodes.push({ g, col: c, i, w: nodeW, h: nodeH });
      }
    }
    this.mark();
  }

  // Colours, widths and thumbnails for the network's current values.
  update(view) {
    this.view = view;
    const net = this.network;
    if (!net) return;
    const layers = [...net.hidden, net.output];
    let most = 1e-12;
    for (const layer of layers) for (const row of layer.weights) for (const w of row) most = Math.max(most, Math.abs(w));
    for (const l of this.links) {
      const w = layers[l.c - 1].weights[l.i][l.j];
      l.line.setAttribute("stroke", w >= 0 ? POS : NEG);
      l.line.setAttribute("stroke-width", (0.5 + 5 * Math.abs(w) / most).toFixed(2));
      l.line.setAttribute("stroke-opacity", (0.25 + 0.75 * Math.abs(w) / most).toFixed(2));
      l.hit.dataset.w = w;
    }
    const th = view?.thumbnails;
    const neurons = view?.neurons || [];
    const depth = net.hidden.length;
    const two = th?.inputs === 2 && inputsOf(net) === 2;
    const grid = two ? { inputs: 2, nx: th.x.length, ny: th.y.length } : null;
    // an input node's picture is the input itself: x1 along the rows, x2 down the columns
    const coordinate = (i) => (two ? th.y.flatMap((y) => th.x.map((x) => (i === 0 ? x : y))) : th?.x);
    for (const n of this.nodes) {
      if (!th || (th.inputs === 2) !== two) break;
      const values = n.col === 0 ? coordinate(n.i) : n.col === depth + 1 ? th.output : th.hidden[n.col - 1]?.[n.i];
      if (values) drawThumb(n.g, two ? { ...grid, values } : { inputs: th.inputs, values }, n.w, n.h);
      n.g.classList.toggle("negligible", n.col === depth && Boolean(neurons[n.i]?.negligible));
    }
  }
}
