// The main plot on a <canvas>: target, network output, each neuron's contribution,
// the collapse floor, the noisy training and test samples and the marked points, on
// one pair of axes. Points are added by clicking, moved by dragging and removed by
// right-click, shift-click, or a tap (touch) on the point.

const MARGIN = { left: 52, right: 14, top: 12, bottom: 30 };
const HUES = [200, 20, 130, 280, 50, 330, 170, 0, 240, 90];
const HIT = 10; // px: how close a click must be to grab a point
const TAP = 6; // px: a touch that moved less than this is a tap
const REACH = 4; // the y axis shows the output up to this many target ranges beyond the target

export function niceTicks(lo, hi, count = 6) {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= count) || 10 * mag;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
  return ticks;
}

const WHITE = [247, 247, 247], BLUE = [28, 100, 210], ORANGE = [232, 89, 12];

// A diverging colour for u in [−1, 1] (orange, white, blue) as [r, g, b, a]; null: grey.
// `full` colours the data points at full strength (they must stand out on the map).
export function colour(u, full = 0) {
  if (u === null) return [200, 200, 200, 255];
  const base = u < 0 ? ORANGE : BLUE;
  const k = full ? 1 : Math.min(Math.abs(u), 1) * 0.85;
  return [0, 1, 2].map((i) => Math.round(WHITE[i] + (base[i] - WHITE[i]) * k)).concat(255);
}

export class Plot {
  constructor(canvas, onPoints) {
    this.canvas = canvas;
    this.onPoints = onPoints;
    this.data = null;
    this.points = [];
    this.showPoints = "both"; // two inputs: which data points the map shows (both, train, test)
    this.overlay = null; // two inputs: {regions: [polygon…] | null, boundary: [segment…] | null}
    this.floor = null;
    this.showContributions = true;
    this.drag = null;
    canvas.addEventListener("pointerdown", (e) => this.down(e));
    canvas.addEventListener("pointermove", (e) => this.move(e));
    canvas.addEventListener("pointerup", (e) => this.up(e));
    canvas.addEventListener("contextmenu", (e) => e.preventDefault());
    this.box = null; // the canvas's CSS size, kept by the observer: drawing forces no layout
    new ResizeObserver(([entry]) => {
      this.box = { w: entry.contentRect.width, h: entry.contentRect.height };
      this.draw();
    }).observe(canvas);
  }

  // ------------------------------------------------------------- geometry
  size() {
    const r = this.box || this.canvas.getBoundingClientRect();
    return { w: Math.max(r.width ?? r.w, 100), h: Math.max(r.height ?? r.h, 100) };
  }

  ranges() {
    const d = this.data;
    if (d?.inputs === 2) return { x: [d.x[0], d.x.at(-1)], y: [d.x2[0], d.x2.at(-1)] };
    const xs = d ? d.domain : [-1, 1];
    let lo = Infinity, hi = -Infinity;
    const take = (v) => { if (v !== null && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } };
    if (d) d.target.forEach(take);
    this.points.forEach((p) => take(p[1]));
    if (d?.samples) { d.samples.y.forEach(take); d.samples.y_test.forEach(take); }
    if (d) { // the output too, within reach of the target (a runaway output must not flatten it)
      const span = Number.isFinite(lo) ? Math.max(hi - lo, 1) : Infinity;
      const [a, b] = Number.isFinite(lo) ? [lo - REACH * span, hi + REACH * span] : [-Infinity, Infinity];
      d.output.forEach((v) => { if (v !== null && Number.isFinite(v)) take(Math.min(Math.max(v, a), b)); });
    }
    if (!Number.isFinite(lo)) { lo = -1; hi = 1; }
    if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
    const pad = 0.12 * (hi - lo);
    return { x: xs, y: [lo - pad, hi + pad] };
  }

  toPixel(x, y) {
    const { w, h } = this.size();
    const r = this.ranges();
    const px = MARGIN.left + ((x - r.x[0]) / (r.x[1] - r.x[0])) * (w - MARGIN.left - MARGIN.right);
    const py = h - MARGIN.bottom - ((y - r.y[0]) / (r.y[1] - r.y[0])) * (h - MARGIN.top - MARGIN.bottom);
    return [px, py];
  }

  toData(px, py) {
    const { w, h } = this.size();
    const r = this.ranges();
    const x = r.x[0] + ((px - MARGIN.left) / (w - MARGIN.left - MARGIN.right)) * (r.x[1] - r.x[0]);
    const y = r.y[0] + ((h - MARGIN.bottom - py) / (h - MARGIN.top - MARGIN.bottom)) * (r.y[1] - r.y[0]);
    return [x, y];
  }

  // ---------------------------------------------------------- interaction
  hit(e) {
    const rect = this.canvas.getBoundingClientRect();
    const px = e.clientX - rect.left, py = e.clientY - rect.top;
    let best = -1, bestD = HIT;
    this.points.forEach((p, i) => {
      const [qx, qy] = this.toPixel(p[0], p[1]);
      const dist = Math.hypot(qx - px, qy - py);
      if (dist <= bestD) { best = i; bestD = dist; }
    });
    return { index: best, px, py };
  }

  down(e) {
    if (!this.data || this.data.inputs === 2) return; // points are marked on a curve
    const { index, px, py } = this.hit(e);
    if (e.button === 2 || e.shiftKey) {
      if (index >= 0) { this.points.splice(index, 1); this.onPoints(this.points, true); }
      return;
    }
    if (e.button !== 0) return;
    const limit = this.onPoints.limit || 1000;
    let i = index;
    // a touch on an existing point: a tap removes it, a drag moves it (decided on release)
    this.tap = e.pointerType === "touch" && index >= 0 ? { px, py, moved: false } : null;
    if (i < 0) {
      if (this.points.length >= limit) return;
      this.points.push(this.clampToView(this.toData(px, py)));
      i = this.points.length - 1;
    }
    this.drag = i;
    this.canvas.setPointerCapture(e.pointerId);
    this.onPoints(this.points, false);
  }

  move(e) {
    if (this.drag === null) return;
    const { px, py } = this.hit(e);
    if (this.tap && Math.hypot(px - this.tap.px, py - this.tap.py) < TAP) return;
    if (this.tap) this.tap.moved = true;
    this.points[this.drag] = this.clampToView(this.toData(px, py));
    this.onPoints(this.points, false);
  }

  up() {
    if (this.drag === null) return;
    if (this.tap && !this.tap.moved) this.points.splice(this.drag, 1);
    this.drag = null;
    this.tap = null;
    this.onPoints(this.points, true);
  }

  clampToView([x, y]) {
    const r = this.ranges();
    const cx = Math.min(Math.max(x, r.x[0]), r.x[1]);
    const cy = Math.min(Math.max(y, r.y[0]), r.y[1]);
    return [Number(cx.toPrecision(6)), Number(cy.toPrecision(6))];
  }

  // -------------------------------------------------------------- drawing
  draw() {
    const { w, h } = this.size();
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
    }
    const g = this.canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    this.axes(g, w, h);
    const d = this.data;
    if (!d) return;
    if (d.inputs === 2) { this.map(g, w, h); return; }
    g.save();
    g.beginPath();
    g.rect(MARGIN.left, MARGIN.top, w - MARGIN.left - MARGIN.right, h - MARGIN.top - MARGIN.bottom);
    g.clip();
    this.curve(g, d.x, d.target, { color: "#9aa3ad", width: 5 });
    if (this.showContributions) {
      d.contributions.forEach((c, i) => {
        const dim = d.neurons[i] && d.neurons[i].negligible;
        const color = `hsl(${HUES[i % HUES.length]}, 70%, 45%)`;
        this.curve(g, d.x, c, { color, width: 1.6, alpha: dim ? 0.18 : 0.85, dash: dim ? [4, 4] : null });
      });
    }
    if (this.floor) this.curve(g, d.x, this.floor, { color: "#e8590c", width: 2, dash: [8, 5] });
    this.curve(g, d.x, d.output, { color: "#1c3f95", width: 3 });
    g.restore();
    if (d.samples) this.samples(g, d.samples);
    for (const [x, y] of this.points) {
      const [px, py] = this.toPixel(x, y);
      g.beginPath();
      g.arc(px, py, 6, 0, 2 * Math.PI);
      g.fillStyle = "#d6336c";
      g.fill();
      g.lineWidth = 2;
      g.strokeStyle = "#fff";
      g.stroke();
    }
  }

  // Two inputs: the output as a heatmap over the box (a classifier's: the probability of
  // class +1; else its values, blue above 0 and orange below, on a scale symmetric about 0),
  // the data points coloured alike (training: white edge, test: dark edge).
  map(g, w, h) {
    const d = this.data, nx = d.x.length, ny = d.x2.length;
    const cls = d.score?.kind === "classification";
    let most = 1e-9;
    const take = (v) => { if (v !== null && Number.isFinite(v)) most = Math.max(most, Math.abs(v)); };
    if (!cls) { d.target.forEach(take); d.samples?.y.forEach(take); }
    const shade = (v) => (v === null || !Number.isFinite(v) ? null : cls ? 2 * v - 1 : Math.max(-1, Math.min(1, v / most)));
    const started = performance.now();
    if (!this.off) this.off = document.createElement("canvas");
    if (this.off.width !== nx || this.off.height !== ny) Object.assign(this.off, { width: nx, height: ny });
    const ctx = this.off.getContext("2d");
    const img = ctx.createImageData(nx, ny);
    for (let r = 0; r < ny; r++) {
      for (let c = 0; c < nx; c++) img.data.set(colour(shade(d.output[r * nx + c])), 4 * ((ny - 1 - r) * nx + c));
    }
    ctx.putImageData(img, 0, 0);
    const [x0, y0] = this.toPixel(d.x[0], d.x2.at(-1));
    const [x1, y1] = this.toPixel(d.x.at(-1), d.x2[0]);
    g.imageSmoothingEnabled = true;
    g.drawImage(this.off, x0, y0, x1 - x0, y1 - y0);
    this.overlays(g, x0, y0, x1 - x0, y1 - y0);
    const s = d.samples;
    if (s) {
      g.lineWidth = 1.2;
      const dot = (p, v, test) => {
        if (!p || p[0] === null || p[1] === null) return;
        const [px, py] = this.toPixel(p[0], p[1]);
        const [r, gr, b] = colour(cls ? 2 * v - 1 : shade(v), cls ? 1 : 0);
        g.beginPath();
        g.arc(px, py, 3.5, 0, 2 * Math.PI);
        g.fillStyle = `rgb(${r},${gr},${b})`;
        g.fill();
        g.strokeStyle = test ? "#212529" : "#fff";
        g.stroke();
      };
      if (this.showPoints !== "test") s.x.forEach((p, i) => dot(p, s.y[i], false));
      if (this.showPoints !== "train") s.x_test.forEach((p, i) => dot(p, s.y_test[i], true));
    }
    this.mapMs = performance.now() - started;
  }

  // The server's exact overlays over the map, clipped to it: the linear regions' edges
  // (thin, dark) and the decision boundary's segments (thick, white over black).
  overlays(g, x, y, w, h) {
    const o = this.overlay;
    if (!o) return;
    g.save();
    g.beginPath();
    g.rect(x, y, w, h);
    g.clip();
    const path = (lines, closed) => {
      g.beginPath();
      for (const line of lines) {
        line.forEach((p, i) => {
          const [px, py] = this.toPixel(p[0], p[1]);
          if (i) g.lineTo(px, py); else g.moveTo(px, py);
        });
        if (closed) g.closePath();
      }
    };
    if (o.regions) {
      path(o.regions, true);
      g.lineWidth = 1;
      g.strokeStyle = "rgba(33, 37, 41, 0.75)";
      g.stroke();
    }
    if (o.boundary) {
      path(o.boundary, false);
      g.lineCap = "round";
      g.lineWidth = 4;
      g.strokeStyle = "#212529";
      g.stroke();
      g.lineWidth = 2;
      g.strokeStyle = "#fff";
      g.stroke();
    }
    g.restore();
  }

  // Training samples as small dots, held-out test samples as rings.
  samples(g, s) {
    g.save();
    g.lineWidth = 1.5;
    const dot = (x, y, fill) => {
      if (x === null || y === null) return;
      const [px, py] = this.toPixel(x, y);
      g.beginPath();
      g.arc(px, py, 3, 0, 2 * Math.PI);
      if (fill) { g.fillStyle = "#495057"; g.fill(); } else { g.strokeStyle = "#d9480f"; g.stroke(); }
    };
    s.x.forEach((x, i) => dot(x, s.y[i], true));
    s.x_test.forEach((x, i) => dot(x, s.y_test[i], false));
    g.restore();
  }

  axes(g, w, h) {
    const r = this.ranges();
    g.font = "11px system-ui, sans-serif";
    g.fillStyle = "#6b7280";
    g.lineWidth = 1;
    for (const v of niceTicks(r.x[0], r.x[1])) {
      const [px] = this.toPixel(v, 0);
      g.strokeStyle = v === 0 ? "#9ca3af" : "#eceff3";
      g.beginPath(); g.moveTo(px, MARGIN.top); g.lineTo(px, h - MARGIN.bottom); g.stroke();
      g.textAlign = "center";
      g.fillText(String(v).replaceAll("-", "−"), px, h - MARGIN.bottom + 16);
    }
    for (const v of niceTicks(r.y[0], r.y[1], 5)) {
      const [, py] = this.toPixel(0, v);
      g.strokeStyle = v === 0 ? "#9ca3af" : "#eceff3";
      g.beginPath(); g.moveTo(MARGIN.left, py); g.lineTo(w - MARGIN.right, py); g.stroke();
      g.textAlign = "right";
      g.fillText(String(v).replaceAll("-", "−"), MARGIN.left - 6, py + 4);
    }
  }

  curve(g, xs, ys, { color, width, alpha = 1, dash = null }) {
    g.save();
    g.globalAlpha = alpha;
    g.strokeStyle = color;
    g.lineWidth = width;
    g.lineJoin = "round";
    g.setLineDash(dash || []);
    g.beginPath();
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const y = ys[i];
      if (y === null || !Number.isFinite(y)) { pen = false; continue; }
      const [px, py] = this.toPixel(xs[i], Math.max(-1e9, Math.min(1e9, y)));
      if (pen) g.lineTo(px, py); else g.moveTo(px, py);
      pen = true;
    }
    g.stroke();
    g.restore();
  }
}
