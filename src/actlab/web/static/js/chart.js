// The live loss chart: training loss (and test loss, when part of the samples is held
// out) against step, on a logarithmic y axis.

import { t } from "./i18n.js";
import { niceTicks } from "./plot.js";

const COLORS = { train: "#1c3f95", test: "#d9480f" };

export class LossChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.clear();
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  clear() {
    this.steps = [];
    this.losses = [];
    this.tests = [];
    this.draw();
  }

  push(step, loss, test = null) {
    if (loss === null || !Number.isFinite(loss)) return;
    this.steps.push(step);
    this.losses.push(Math.max(loss, 1e-300));
    this.tests.push(test === null || test === undefined || !Number.isFinite(test) ? null : Math.max(test, 1e-300));
    if (this.steps.length > 4000) { // keep every other point: the shape stays, the cost does not grow
      const even = (_, i) => i % 2 === 0;
      this.steps = this.steps.filter(even);
      this.losses = this.losses.filter(even);
      this.tests = this.tests.filter(even);
    }
  }

  draw() {
    const rect = this.canvas.getBoundingClientRect();
    const w = Math.max(rect.width, 100), h = Math.max(rect.height, 60);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    const g = this.canvas.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    const m = { left: 44, right: 8, top: 8, bottom: 22 };
    g.font = "10px system-ui, sans-serif";
    g.fillStyle = "#6b7280";
    if (!this.losses.length) return;
    const logs = this.losses.map(Math.log10);
    const testLogs = this.tests.map((v) => (v === null ? null : Math.log10(v)));
    const all = [...logs, ...testLogs.filter((v) => v !== null)];
    let lo = Math.floor(Math.min(...all)), hi = Math.ceil(Math.max(...all));
    if (hi === lo) hi = lo + 1;
    const s0 = this.steps[0], s1 = Math.max(this.steps[this.steps.length - 1], s0 + 1);
    const px = (s) => m.left + ((s - s0) / (s1 - s0)) * (w - m.left - m.right);
    const py = (l) => h - m.bottom - ((l - lo) / (hi - lo)) * (h - m.top - m.bottom);
    g.strokeStyle = "#eceff3";
    g.textAlign = "right";
    const every = Math.ceil((hi - lo) / 5);
    for (let e = lo; e <= hi; e += every) {
      g.beginPath(); g.moveTo(m.left, py(e)); g.lineTo(w - m.right, py(e)); g.stroke();
      g.fillText(`1e${e}`.replaceAll("-", "−"), m.left - 4, py(e) + 3);
    }
    g.textAlign = "center";
    for (const s of niceTicks(s0, s1, 4)) g.fillText(String(s), px(s), h - 6);
    const line = (values, color, dash) => {
      g.strokeStyle = color;
      g.lineWidth = 2;
      g.setLineDash(dash);
      g.beginPath();
      let pen = false;
      values.forEach((l, i) => {
        if (l === null) { pen = false; return; }
        if (pen) g.lineTo(px(this.steps[i]), py(l)); else g.moveTo(px(this.steps[i]), py(l));
        pen = true;
      });
      g.stroke();
      g.setLineDash([]);
    };
    line(logs, COLORS.train, []);
    if (testLogs.some((v) => v !== null)) {
      line(testLogs, COLORS.test, [5, 3]);
      g.textAlign = "right";
      g.fillStyle = COLORS.train;
      g.fillText(t("train.legend.train"), w - m.right - 40, m.top + 8);
      g.fillStyle = COLORS.test;
      g.fillText(t("train.legend.test"), w - m.right, m.top + 8);
    }
  }
}
