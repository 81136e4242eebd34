// Neuron thumbnails: a small picture of what one neuron computes over the domain.
// The values come from the server (/api/evaluate → thumbnails); this module only
// draws them. One input: a curve. Two inputs: a heatmap, drawn by `heatmap` into
// an <image> — `drawThumb` picks the picture from `data.inputs`.

import { colour } from "./plot.js";


// The path of a curve through `values` (nulls break it), scaled to a w × h box.
export function curvePath(values, w, h, pad = 2) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (v !== null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) return "";
  const span = Math.max(hi - lo, 1e-9);
  const n = values.length;
  let d = "", pen = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) { pen = false; continue; }
    const px = pad + ((w - 2 * pad) * i) / Math.max(n - 1, 1);
    const py = hi - lo < 1e-9 ? h / 2 : h - pad - ((h - 2 * pad) * (v - lo)) / span;
    d += `${pen ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

// A thumbnail element inside node group `g` (created once, then updated in place).
export function drawThumb(g, data, w, h) {
  if (!data) return;
  if ((data.inputs || 1) === 1) {
    let path = g.querySelector("path.thumb");
    if (!path) {
      path = document.createElementNS(g.namespaceURI, "path");
      path.setAttribute("class", "thumb");
      g.append(path);
    }
    path.setAttribute("d", curvePath(data.values, w, h));
    return;
  }
  heatmap(g, data, w, h);
}

// Two inputs: values on a row-major grid (data.nx × data.ny, row r at the r-th y, drawn
// with y upwards) as colours, from orange (the smallest value) to blue (the largest).
const scratch = document.createElement("canvas");
function heatmap(g, data, w, h) {
  const { nx, ny, values } = data;
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (v !== null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const mid = (lo + hi) / 2, half = Math.max((hi - lo) / 2, 1e-9);
  Object.assign(scratch, { width: nx, height: ny });
  const ctx = scratch.getContext("2d");
  const img = ctx.createImageData(nx, ny);
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const v = values[r * nx + c];
      img.data.set(colour(v === null || !Number.isFinite(v) ? null : (v - mid) / half), 4 * ((ny - 1 - r) * nx + c));
    }
  }
  ctx.putImageData(img, 0, 0);
  const canvas = scratch;
  let image = g.querySelector("image.thumb");
  if (!image) {
    image = document.createElementNS(g.namespaceURI, "image");
    image.setAttribute("class", "thumb");
    image.setAttribute("width", w);
    image.setAttribute("height", h);
    image.setAttribute("preserveAspectRatio", "none");
    g.append(image);
  }
  image.setAttribute("href", canvas.toDataURL());
}
