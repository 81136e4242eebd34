// The page's whole state and its URL form. The declarative settings list served
// by /api/settings names every setting, its default and bounds; the server
// validates a link's values (/api/state) so the page never trusts them blindly.
// Besides the settings, the URL holds the marked points and the network's
// parameters (flat, layer by layer: W row-major then b), so a link restores all.

import { api } from "./api.js";

const SIG = 6; // significant digits of numbers written into the URL

export function num(v) {
  return String(Number(Number(v).toPrecision(SIG)));
}

export function defaultsOf(settings) {
  const state = {};
  for (const s of settings) state[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
  state.points = [];
  state.params = null;
  return state;
}

export function flatten(network) {
  const out = [];
  for (const layer of [...network.hidden, network.output]) {
    for (const row of layer.weights) out.push(...row);
    out.push(...layer.bias);
  }
  return out;
}

// The network of the given shape holding `flat`, or null when the count does not match.
export function unflatten(flat, widths, activations) {
  const sizes = [1, ...widths, 1];
  let need = 0;
  for (let l = 1; l < sizes.length; l++) need += sizes[l] * sizes[l - 1] + sizes[l];
  if (flat.length !== need) return null;
  let k = 0;
  const layers = [];
  for (let l = 1; l < sizes.length; l++) {
    const weights = [];
    for (let i = 0; i < sizes[l]; i++) weights.push(flat.slice(k, (k += sizes[l - 1])));
    layers.push({ weights, bias: flat.slice(k, (k += sizes[l])) });
  }
  const output = layers.pop();
  const hidden = layers.map((layer, i) => ({ activation: activations[i], ...layer }));
  return { format: "actlab.network", version: 1, population: null, hidden, output };
}

export function encode(state, settings) {
  const q = new URLSearchParams();
  for (const s of settings) {
    const v = state[s.name];
    const d = s.default;
    const same = Array.isArray(v) ? v.join(",") === [].concat(d).join(",") : v === d;
    if (same) continue;
    q.set(s.name, v === null ? "" : Array.isArray(v) ? v.join(",") : String(v));
  }
  if (state.points.length) q.set("points", state.points.map((p) => `${num(p[0])},${num(p[1])}`).join(";"));
  if (state.params) q.set("p", state.params.map(String).join(",")); // shortest exact form
  return q.toString();
}

function parseNumbers(text, sep) {
  const values = text.split(sep).map(Number);
  return values.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e6) ? values : null;
}

// Read the URL fragment: settings validated by the server, points and parameters checked here.
export async function decode(hash, settings, limits) {
  const state = defaultsOf(settings);
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const values = {};
  const problems = [];
  for (const [key, value] of q) if (key !== "points" && key !== "p") values[key] = value;
  if (Object.keys(values).length) {
    const checked = await api("/api/state", { values });
    Object.assign(state, checked.values);
    for (const [name, message] of Object.entries(checked.errors)) problems.push(`${name}: ${message}`);
  }
  if (q.get("points")) {
    const pairs = q.get("points").split(";").map((p) => parseNumbers(p, ","));
    if (pairs.every((p) => p && p.length === 2) && pairs.length <= limits.max_points) state.points = pairs;
    else problems.push("points: expected at most 1000 pairs x,y separated by ';'");
  }
  if (q.get("p")) {
    const flat = parseNumbers(q.get("p"), ",");
    if (flat) state.params = flat;
    else problems.push("p: expected finite numbers separated by ','");
  }
  return { state, problems };
}
