// The network panel: depth, width, one activation per layer, seed and initialisation.
// A new shape or seed draws a new random network; a new activation keeps the weights,
// so switching to identity shows the same network collapse into a line.

import { help, onLang, t } from "./i18n.js";

export function setupNetwork(lab) {
  const $ = (id) => document.getElementById(id);
  const depth = $("depth"), width = $("width"), seed = $("seed"), init = $("init");
  const setting = (name) => lab.settings.find((s) => s.name === name);
  for (const [input, name] of [[depth, "depth"], [width, "width"], [seed, "seed"]]) {
    input.min = setting(name).min;
    input.max = setting(name).max;
  }
  const tips = () => {
    for (const [input, name] of [[depth, "depth"], [width, "width"], [seed, "seed"], [init, "init"]]) input.title = help(setting(name));
  };
  tips();
  init.textContent = "";
  for (const c of setting("init").choices) init.append(new Option(c, c));

  function activations() {
    const box = $("activations");
    const s = lab.state;
    const selects = box.querySelectorAll("select");
    if (selects.length === s.depth && box.dataset.lang === document.documentElement.lang) {
      selects.forEach((sel, l) => { sel.value = s.activation[Math.min(l, s.activation.length - 1)]; });
      return;
    }
    box.textContent = "";
    box.dataset.lang = document.documentElement.lang;
    for (let l = 0; l < s.depth; l++) {
      const label = document.createElement("label");
      label.className = "inline act";
      const span = document.createElement("span");
      span.textContent = `${t("network.layer", { n: l + 1 })} ${t("network.activation")}`;
      const select = document.createElement("select");
      select.dataset.layer = l;
      for (const a of lab.activations) select.append(new Option(a.name, a.name));
      select.value = s.activation[Math.min(l, s.activation.length - 1)];
      select.addEventListener("change", () => changeActivation(l, select.value));
      label.append(span, select);
      box.append(label);
    }
  }

  function changeActivation(layer, name) {
    const acts = [...lab.state.activation];
    while (acts.length < lab.state.depth) acts.push(acts[acts.length - 1]);
    acts[layer] = name;
    lab.set({ activation: acts.slice(0, lab.state.depth) });
    if (lab.network && lab.network.hidden[layer]) {
      const net = structuredClone(lab.network);
      net.hidden[layer].activation = name;
      lab.setNetwork(net);
    }
  }

  function showState() {
    const s = lab.state;
    depth.value = s.depth;
    width.value = s.width;
    seed.value = s.seed;
    init.value = s.init;
    activations();
  }

  // Read a bounded integer field; out-of-range values are shown, not sent.
  function readInt(input, name) {
    const v = Number(input.value);
    const ok = Number.isInteger(v) && v >= input.min && v <= input.max;
    input.classList.toggle("bad", !ok);
    if (!ok) {
      lab.report({ status: 422, message: `the '${name}' parameter must be an integer in [${input.min}, ${input.max}], got ${input.value || "nothing"} instead`,
        code: "setting.invalid", params: { name, allowed: `[${input.min}, ${input.max}]`, got: input.value }, field: name, position: null, text: null }, "network-error");
      return null;
    }
    lab.clearError("network-error");
    return v;
  }

  // A new shape or seed: a new random network (the last activation repeats for new layers).
  lab.reshape = async (changes) => {
    const acts = [...(changes.activation ?? lab.state.activation)];
    const d = changes.depth ?? lab.state.depth;
    while (acts.length < Math.max(d, 1)) acts.push(acts[acts.length - 1]);
    lab.set({ ...changes, activation: acts });
    await lab.initNetwork();
    lab.emit("reset", null);
    showState();
  };
  const reshape = (input, name) => input.addEventListener("change", async () => {
    const v = readInt(input, name);
    if (v === null) return;
    await lab.reshape({ [name]: v });
  });
  reshape(depth, "depth");
  reshape(width, "width");
  reshape(seed, "seed");
  init.addEventListener("change", async () => {
    lab.set({ init: init.value });
    await lab.initNetwork();
    lab.emit("reset", null);
  });

  $("reinit").addEventListener("click", async () => {
    lab.set({ seed: (lab.state.seed + 1) % 2147483647 });
    await lab.initNetwork();
    lab.emit("reset", null);
    showState();
  });

  // The lesson's hand-built network (and its target, unless that is already shown).
  lab.lessonNetwork = async () => {
    const res = await lab.call("/api/network/lesson", undefined, "network-error");
    if (!res) return;
    lab.setNetwork(res.network);
    lab.emit("reset", null);
    showState();
    if (!["seed", "lesson"].includes(lab.state.target)) await lab.tryTarget({ target: "lesson", x_min: null, x_max: null });
  };
  $("lesson").addEventListener("click", () => lab.lessonNetwork());

  lab.on("network", () => showState());
  onLang(() => { tips(); activations(); });
  showState();
  return { showState };
}
