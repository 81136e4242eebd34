// The read-out panels (score, formula, collapse), construct mode and export.

import { fmt, t } from "./i18n.js";

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

export function renderScore(view) {
  const box = document.getElementById("score");
  box.textContent = "";
  const s = view.score;
  if (!s) return;
  if (s.mse === null) { box.append(el("span", "bad", t("score.overflow"))); return; }
  box.append(
    el("span", "label", t("score.mse")), el("b", "value", fmt(s.mse)),
    el("span", "label", t("score.max")), el("b", "value", fmt(s.max_error)),
    el("span", "muted", t(s.on === "points" ? "score.on.points" : "score.on.curve", { n: s.n })),
  );
  box.dataset.mse = s.mse;
}

export function renderFormula(view) {
  document.getElementById("formula").textContent = view.formula;
}

export function renderCollapse(res, plot) {
  const box = document.getElementById("collapse");
  box.textContent = "";
  box.dataset.kind = res.kind || "curve";
  plot.floor = res.floor_curve || null;
  plot.draw();
  if (!res.supported) {
    box.append(el("p", "muted", t("collapse.curve")), el("p", "hint", res.message));
    return;
  }
  const r = res.result;
  if (res.kind === "line" || res.kind === "polynomial") {
    box.append(el("p", null, t(res.kind === "line" ? "collapse.line" : "collapse.polynomial")));
    box.append(el("pre", "formula big", r.formula));
    if (res.derivation) {
      const d = el("details");
      d.append(el("summary", null, t("collapse.derivation")), el("pre", "formula", res.derivation));
      box.append(d);
    }
    if (res.floor) {
      const best = res.kind === "line" ? `y = ${fmt(res.floor.a)}·x + ${fmt(res.floor.b)}` : `degree ≤ ${res.floor.degree}`;
      box.append(el("p", "floor", `${t("collapse.floor")} ${best}: ${t("collapse.floor.mse", { mse: fmt(res.floor.mse) })}`));
    }
  } else if (res.kind === "pieces") {
    box.append(el("p", null, t("collapse.pieces", { n: r.count })));
    const table = el("table", "pieces");
    const head = el("tr");
    head.append(el("th", null, t("collapse.from")), el("th", null, t("collapse.to")), el("th", null, "y"));
    table.append(head);
    for (const p of r.pieces) {
      const row = el("tr");
      const b = p.intercept >= 0 ? `+ ${fmt(p.intercept)}` : `− ${fmt(-p.intercept)}`;
      row.append(el("td", null, p.start === null ? "−∞" : fmt(p.start)),
        el("td", null, p.stop === null ? "∞" : fmt(p.stop)), el("td", null, `${fmt(p.slope)}·x ${b}`));
      table.append(row);
    }
    box.append(table);
    if (r.listed) box.append(el("p", "hint", t("collapse.pieces.more", { k: r.listed, n: r.count })));
  }
}

export function setupConstruct(lab) {
  const select = document.getElementById("construct-activation");
  const button = document.getElementById("construct-build");
  const message = document.getElementById("construct-message");
  for (const c of lab.settings.find((s) => s.name === "construct").choices) select.append(new Option(c, c));
  select.value = lab.state.construct;
  select.addEventListener("change", () => lab.set({ construct: select.value }));
  const label = () => {
    const n = lab.state.points.length;
    button.textContent = t("construct.build", { n });
    button.disabled = n < 2;
    if (n < 2) message.textContent = t("construct.none");
  };
  lab.on("points", label);
  lab.onLang.push(label);
  label();
  button.addEventListener("click", async () => {
    const pts = lab.state.points;
    const body = { points: { x: pts.map((p) => p[0]), y: pts.map((p) => p[1]) }, activation: lab.state.construct };
    lab.busy++;
    try {
      const res = await lab.call("/api/construct", body, "construct-error");
      if (!res) return;
      message.textContent = res.message;
      lab.setNetwork(res.network);
      lab.emit("reset", null);
    } finally {
      lab.busy--;
    }
  });
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function setupExport(lab) {
  const $ = (id) => document.getElementById(id);
  const dialog = $("torch-dialog");
  let code = "";
  $("export-json").addEventListener("click", () => {
    download("actlab-network.json", JSON.stringify(lab.network, null, 1) + "\n", "application/json");
  });
  $("export-torch").addEventListener("click", async () => {
    const res = await lab.call("/api/export/torch", { network: lab.network }, "global-error");
    if (!res) return;
    code = res.code;
    $("torch-code").textContent = code;
    dialog.showModal();
  });
  $("torch-copy").addEventListener("click", () => navigator.clipboard?.writeText(code));
  $("torch-download").addEventListener("click", () => download("actlab_network.py", code, "text/x-python"));
  $("torch-close").addEventListener("click", () => dialog.close());
  $("copy-link").addEventListener("click", async () => {
    await navigator.clipboard?.writeText(location.href).catch(() => {});
    $("copy-link").textContent = t("export.copied");
    setTimeout(() => { $("copy-link").textContent = t("export.link"); }, 1500);
  });
}
