// The marked points as a list of numbers: every point's x and y editable, a button
// to remove it and one to add a point — the keyboard's (and screen reader's) way to
// do what clicks on the plot do.

import { t } from "./i18n.js";

export class PointsList {
  constructor(container, lab, changed) {
    this.box = container;
    this.lab = lab;
    this.changed = changed;
    container.addEventListener("toggle", () => { if (container.open) this.render(); });
  }

  // A new point: on the target, midway between the domain's ends (or after the last point).
  add() {
    const info = this.lab.targetInfo;
    if (!info || this.lab.state.points.length >= this.lab.limits.max_points) return;
    const pts = this.lab.state.points;
    const i = pts.length ? Math.min(info.x.length - 1, Math.round(((pts.length * 7) % 10 + 0.5) * (info.x.length - 1) / 10))
      : Math.floor((info.x.length - 1) / 2);
    pts.push([Number(info.x[i].toPrecision(6)), Number(info.y[i].toPrecision(6))]);
    this.changed();
    this.box.querySelector("tr:last-child input")?.focus();
  }

  render() {
    const summary = this.box.querySelector("summary") || document.createElement("summary");
    summary.textContent = t("target.points.list");
    if (!this.box.open) { this.box.textContent = ""; this.box.append(summary); return; } // built when opened
    const pts = this.lab.state.points;
    const table = document.createElement("table");
    table.className = "points";
    pts.forEach(([x, y], i) => {
      const row = document.createElement("tr");
      const cell = (value, axis) => {
        const td = document.createElement("td");
        const input = document.createElement("input");
        Object.assign(input, { type: "number", step: "any", value });
        input.className = "short";
        input.setAttribute("aria-label", `${axis}${i + 1}`);
        input.addEventListener("change", () => {
          const v = Number(input.value);
          const ok = input.value.trim() !== "" && Number.isFinite(v) && Math.abs(v) <= this.lab.limits.max_abs_value;
          input.classList.toggle("bad", !ok);
          if (!ok) return;
          pts[i][axis === "x" ? 0 : 1] = v;
          this.changed();
        });
        td.append(input);
        return td;
      };
      const remove = document.createElement("button");
      remove.textContent = "×";
      remove.className = "remove";
      remove.setAttribute("aria-label", t("target.points.remove", { i: i + 1 }));
      remove.addEventListener("click", () => {
        pts.splice(i, 1);
        this.changed();
        (this.box.querySelectorAll("button.remove")[Math.min(i, pts.length - 1)] || this.box.querySelector("button.add"))?.focus();
      });
      const td = document.createElement("td");
      td.append(remove);
      row.append(cell(x, "x"), cell(y, "y"), td);
      table.append(row);
    });
    const add = document.createElement("button");
    add.className = "add";
    add.textContent = t("target.points.add");
    add.addEventListener("click", () => this.add());
    this.box.textContent = "";
    this.box.append(summary, table, add);
  }
}
