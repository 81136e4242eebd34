// The guided tour through the lesson: a line can't bend → two sigmoids → the third
// neuron → marked points → tanh and relu. Each step sets the page up (through the
// same calls the controls make) and says what to look at; `tour` in the URL is the step.

import { onLang, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const mode = (m) => document.querySelector(`.tabs [data-mode=${m}]`).click();

// What each step does to the page.
const STEPS = [
  async (lab) => { // a line can't bend: three identity neurons fold into one line
    await lesson(lab);
    await lab.reshape({ depth: 1, width: 3, activation: ["identity"], seed: 0 });
    mode("manual");
  },
  async (lab) => { await lesson(lab); mode("manual"); }, // the lesson's two sigmoids
  async (lab) => { // a third neuron, ready to train
    await lesson(lab);
    await lab.reshape({ depth: 1, width: 3, activation: ["sigmoid"], seed: 0 });
    lab.set({ optimizer: "adam" });
    mode("train");
  },
  async (lab) => { // points on the kinks and a relu network through them
    await lesson(lab);
    $("points-mark").click();
    mode("construct");
    $("construct-activation").value = "relu";
    $("construct-activation").dispatchEvent(new Event("change"));
    document.querySelector("input[name=construct-mode][value=points]").click();
    $("construct-build").click();
  },
  async (lab) => { // the same weights under tanh, then relu pieces
    await lesson(lab);
    const select = document.querySelector("#activations select");
    select.value = "tanh";
    select.dispatchEvent(new Event("change"));
    mode("manual");
  },
];

async function lesson(lab) {
  if (lab.training) $("train-pause").click();
  if (!["lesson", "seed"].includes(lab.state.target) || lab.state.x_min !== null || lab.state.x_max !== null) {
    await lab.tryTarget({ target: "lesson", x_min: null, x_max: null });
  }
  if (lab.state.points.length) $("points-clear").click();
  await lab.lessonNetwork();
}

export function setupTour(lab) {
  const box = $("tour");
  const total = STEPS.length;

  function show() {
    const n = lab.state.tour;
    box.dataset.step = n;
    $("tour-steps").textContent = "";
    for (let i = 1; i <= total; i++) {
      const b = document.createElement("button");
      b.textContent = `${i}. ${t(`tour.${i}.title`)}`;
      b.className = i === n ? "active" : "";
      if (i === n) b.setAttribute("aria-current", "step");
      b.addEventListener("click", () => go(i));
      $("tour-steps").append(b);
    }
    $("tour-text").textContent = n ? `${t("tour.step", { n, total })}: ${t(`tour.${n}.text`)}` : t("tour.intro");
    $("tour-prev").hidden = n <= 1;
    $("tour-next").textContent = t(n === 0 ? "tour.start" : "tour.next");
    $("tour-next").hidden = n >= total;
  }

  async function go(n) {
    lab.set({ tour: n });
    show();
    lab.busy++;
    try { await STEPS[n - 1](lab); } finally { lab.busy--; }
  }

  $("tour-next").addEventListener("click", () => go(Math.min(lab.state.tour + 1, total)));
  $("tour-prev").addEventListener("click", () => go(Math.max(lab.state.tour - 1, 1)));
  onLang(show);
  show();
  return { go };
}
