// Train mode: play (a server-sent event stream), pause (close it), step, reset;
// optimizer and learning rate; the live loss chart. The plot and the controls
// follow every progress event.

import { ApiError, api, stream } from "./api.js";
import { LossChart } from "./chart.js";
import { fmt, t } from "./i18n.js";

export function setupTrain(lab) {
  const $ = (id) => document.getElementById(id);
  const optimizer = $("optimizer"), lr = $("learning-rate"), steps = $("steps");
  const momentum = $("momentum"), l2 = $("l2");
  const play = $("train-play"), pause = $("train-pause"), stepBtn = $("train-step"), reset = $("train-reset");
  const status = $("train-status");
  const chart = new LossChart($("loss-chart"));
  lab.chart = chart;
  const setting = (name) => lab.settings.find((s) => s.name === name);
  for (const c of setting("optimizer").choices) optimizer.append(new Option(c, c));
  steps.min = setting("steps").min;
  steps.max = setting("steps").max;
  let total = 0; // steps taken since the last reset
  let controller = null;

  function showState() {
    optimizer.value = lab.state.optimizer;
    lr.value = lab.state.learning_rate;
    steps.value = lab.state.steps;
    momentum.value = lab.state.momentum;
    l2.value = lab.state.l2;
  }

  function request(n) {
    const s = lab.state;
    return {
      network: lab.network, target: lab.targetSpec(), optimizer: s.optimizer,
      learning_rate: s.learning_rate, momentum: s.momentum, l2: s.l2, steps: n,
      train_points: s.train_points,
      grid_points: s.grid_points, negligible: s.negligible,
    };
  }

  // `step` counts from the last reset.
  function progress(step, loss, network, fit) {
    lab.setNetwork(network, { evaluate: false });
    lab.showFit(fit);
    chart.push(step, loss);
    chart.draw();
    status.textContent = t("train.status", { step, loss: fmt(loss) });
  }

  function running(on) {
    play.disabled = on;
    stepBtn.disabled = on;
    pause.disabled = !on;
    lab.training = on;
  }

  function fail(err) {
    if (err instanceof ApiError) lab.report(err, "train-error");
    else throw err;
  }

  play.addEventListener("click", async () => {
    if (controller || !lab.network) return;
    lab.clearError("train-error");
    controller = new AbortController();
    running(true);
    const base = total;
    let last = 0;
    try {
      await stream("/api/train/stream", request(lab.state.steps), (name, data) => {
        if (name === "progress") {
          last = data.step;
          progress(base + last, data.loss, data.network, data.fit);
        } else if (name === "done") {
          status.textContent = t(data.reason === "time" ? "train.done.time" : "train.done.steps", { step: base + data.step });
        } else if (name === "error") {
          lab.report(new ApiError(422, data.detail), "train-error");
        }
      }, { signal: controller.signal });
    } catch (err) {
      fail(err);
    } finally {
      total = base + last;
      controller = null;
      running(false);
    }
  });

  pause.addEventListener("click", () => { if (controller) controller.abort(); });

  stepBtn.addEventListener("click", async () => {
    if (controller || !lab.network) return;
    lab.busy++;
    try {
      const res = await api("/api/train/step", request(1));
      lab.clearError("train-error");
      total += res.step;
      progress(total, res.losses[res.losses.length - 1], res.network, res.fit);
    } catch (err) {
      fail(err);
    } finally {
      lab.busy--;
    }
  });

  reset.addEventListener("click", async () => {
    if (controller) controller.abort();
    await lab.initNetwork();
    lab.emit("reset", null);
  });

  lab.on("reset", () => {
    total = 0;
    chart.clear();
    status.textContent = t("train.idle");
  });

  optimizer.addEventListener("change", () => lab.set({ optimizer: optimizer.value }));
  const number = (input, name, kind) => input.addEventListener("change", () => {
    const v = Number(input.value);
    const s = setting(name);
    const ok = Number.isFinite(v) && (kind !== "int" || Number.isInteger(v))
      && (s.min_exclusive ? v > s.min : v >= s.min) && (s.max_exclusive ? v < s.max : v <= s.max);
    input.classList.toggle("bad", !ok);
    if (!ok) {
      const interval = `${s.min_exclusive ? "(" : "["}${s.min}, ${s.max}${s.max_exclusive ? ")" : "]"}`;
      lab.report(new ApiError(422, { message: `the '${name}' parameter must be a number in ${interval}, got ${input.value || "nothing"} instead`, field: name }), "train-error");
      return;
    }
    lab.clearError("train-error");
    lab.set({ [name]: v });
  });
  number(lr, "learning_rate", "float");
  number(steps, "steps", "int");
  number(momentum, "momentum", "float");
  number(l2, "l2", "float");

  showState();
  status.textContent = t("train.idle");
  return { showState, chart };
}
