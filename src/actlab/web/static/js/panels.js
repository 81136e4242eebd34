// The read-out panels (score, formula, collapse), construct mode and export.

import { fmt, onLang, say, t } from "./i18n.js";
import { shortLink } from "./state.js";

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
  if (s.kind === "classification") { classification(box, s); return; }
  if (s.mse === null) { box.append(el("span", "bad", t("score.overflow"))); return; }
  box.append(
    el("span", "label", t("score.mse")), el("b", "value", fmt(s.mse)),
    el("span", "label", t("score.max")), el("b", "value", fmt(s.max_error)),
    el("span", "muted", t(`score.on.${s.on}`, { n: s.n })),
  );
  if (s.test) {
    box.append(el("span", "label", t("score.test")), el("b", "value test", fmt(s.test.mse)),
      el("span", "muted", t("score.test.on", { n: s.test.n })));
  }
  box.dataset.mse = s.mse;
}

// A classifier: accuracy (as a percentage) and log loss, on its data and its test points.
function classification(box, s) {
  const pct = (v) => (v === null ? "—" : `${fmt(100 * v, 3)}%`);
  if (s.log_loss === null) { box.append(el("span", "bad", t("score.overflow"))); return; }
  box.append(
    el("span", "label", t("score.accuracy")), el("b", "value accuracy", pct(s.accuracy)),
    el("span", "label", t("score.log_loss")), el("b", "value", fmt(s.log_loss)),
    el("span", "muted", t("score.on.data", { n: s.n })),
  );
  if (s.test) {
    box.append(el("span", "label", t("score.test.accuracy")), el("b", "value test", pct(s.test.accuracy)),
      el("span", "label", t("score.test.log_loss")), el("b", "value test", fmt(s.test.log_loss)),
      el("span", "muted", t("score.test.on", { n: s.test.n })));
    box.dataset.testAccuracy = s.test.accuracy;
  }
  box.dataset.accuracy = s.accuracy;
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
  if (res.code === "collapse.two_inputs") { box.append(el("p", "hint", say(res.message, res.code, res.params, "msg"))); return; }
  if (!res.supported) {
    box.append(el("p", "muted", t("collapse.curve")), el("p", "hint", say(res.message, res.code, res.params, "msg")));
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
      const b = res.floor.b >= 0 ? `+ ${fmt(res.floor.b)}` : `− ${fmt(-res.floor.b)}`;
      const best = res.kind === "line" ? `y = ${fmt(res.floor.a)}·x ${b}` : `deg ≤ ${res.floor.degree}`;
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
  if (res.message && res.supported) box.append(el("p", "hint", say(res.message, res.code, res.params, "msg")));
}

// Construct: through the marked points, or (tolerance mode) the fewest neurons within ε
// of the target; the server's account of what it built is shown in the page's language.
export function setupConstruct(lab) {
  const $ = (id) => document.getElementById(id);
  const select = $("construct-activation"), button = $("construct-build"), message = $("construct-message");
  const tol = $("construct-tolerance");
  let last = null; // the last construct response, re-worded on a new language
  for (const c of lab.settings.find((s) => s.name === "construct").choices) select.append(new Option(c, c));
  select.value = lab.state.construct;
  select.addEventListener("change", () => lab.set({ construct: select.value }));
  const mode = () => (document.querySelector("input[name=construct-mode]:checked")?.value || "points");
  for (const r of document.querySelectorAll("input[name=construct-mode]")) {
    r.checked = r.value === (lab.state.tolerance === null ? "points" : "tolerance");
    r.addEventListener("change", () => { tol.disabled = mode() !== "tolerance"; label(); });
  }
  tol.value = lab.state.tolerance ?? 0.05;
  tol.disabled = mode() !== "tolerance";
  const label = () => {
    const n = lab.state.points.length;
    if (mode() === "tolerance") { button.textContent = t("construct.build.tolerance"); button.disabled = false; }
    else { button.textContent = t("construct.build", { n }); button.disabled = n < 2; }
    if (last) message.textContent = say(last.message, last.code, last.params, "msg");
    else if (n < 2 && mode() === "points") message.textContent = t("construct.none");
    else message.textContent = "";
  };
  lab.on("points", label);
  onLang(label);
  label();
  button.addEventListener("click", async () => {
    if (lab.inputs() > 1) { // construct builds networks of one input: the hint says so
      lab.report({ status: 422, key: "err.construct.two_inputs", params: {}, text: null, position: null }, "construct-error");
      return;
    }
    const pts = lab.state.points;
    const body = { activation: lab.state.construct };
    if (mode() === "tolerance") {
      const eps = Number(tol.value);
      tol.classList.toggle("bad", !(eps > 0));
      if (!(eps > 0)) return;
      lab.set({ tolerance: eps });
      Object.assign(body, { tolerance: eps, target: lab.targetSpec() });
    } else {
      lab.set({ tolerance: null });
      body.points = { x: pts.map((p) => p[0]), y: pts.map((p) => p[1]) };
    }
    lab.busy++;
    try {
      const res = await lab.call("/api/construct", body, "construct-error");
      if (!res) return;
      last = res;
      label();
      lab.setNetwork(res.network);
      lab.emit("reset", null);
    } finally {
      lab.busy--;
    }
  });
}

// Import JSON: a network file (actlab's format, as Export JSON writes it). The server
// checks it against the target shown before it replaces the network; its error (a
// network of three inputs, say) is shown in the page's language.
export function setupImport(lab) {
  const input = document.getElementById("import-json");
  input.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    let network;
    try {
      network = JSON.parse(await file.text());
    } catch {
      lab.report({ status: 422, key: "error.import.json", params: {}, text: null, position: null }, "network-error");
      return;
    }
    const s = lab.state;
    const body = { network, target: lab.targetSpec(), grid_points: s.grid_points, train_points: s.train_points, negligible: s.negligible };
    lab.busy++;
    try {
      const res = await lab.call("/api/evaluate", body, "network-error");
      if (!res) return;
      lab.setNetwork(res.network ?? network);
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
  // Copy link: the exact link; past LONG_LINK characters, a compressed one (weights
  // rounded to float32) instead, and the note says so.
  const note = $("copy-note");
  $("copy-link").addEventListener("click", async () => {
    const link = await shortLink(location.href, lab.state, lab.settings);
    lab.copied = link;
    await navigator.clipboard?.writeText(link).catch(() => {});
    note.textContent = t(link === location.href ? "export.copied" : "export.short");
    note.hidden = false;
    clearTimeout(note.timer);
    note.timer = setTimeout(() => { note.hidden = true; }, 4000);
  });
}
