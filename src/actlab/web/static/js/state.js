// The page's whole state and its URL form. The declarative settings list served
// by /api/settings names every setting, its default and bounds; the server
// validates a link's values (/api/state) so the page never trusts them blindly.
// Besides the settings, the URL holds the marked points and the network's
// parameters (flat, layer by layer: W row-major then b), so a link restores all.

import { api } from "./api.js";

const SIG = 6; // significant digits of numbers written into the URL
const LONG_LINK = 2000; // characters: a longer link is offered in its compressed form

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

// The network of the given shape (and number of inputs) holding `flat`, or null when the
// count does not match.
export function unflatten(flat, widths, activations, inputs = 1) {
  const sizes = [inputs, ...widths, 1];
  if (flat.length !== unflatten.count(widths, inputs)) return null;
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

// How many parameters a network of these hidden widths has.
unflatten.count = (widths, inputs = 1) => {
  const sizes = [inputs, ...widths, 1];
  let need = 0;
  for (let l = 1; l < sizes.length; l++) need += sizes[l] * sizes[l - 1] + sizes[l];
  return need;
};

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

// ---------------------------------------------------------- compact links
// `pz`: the parameters as float32, deflate-compressed, in base64url (CompressionStream
// is in every current browser; nothing is sent anywhere).
const unb64url = (text) => Uint8Array.from(atob(text.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));

async function through(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function packParams(params) {
  const bytes = await through(new Uint8Array(Float32Array.from(params).buffer), new CompressionStream("deflate-raw"));
  let bin = "";
  for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export async function unpackParams(text) {
  const raw = await through(unb64url(text), new DecompressionStream("deflate-raw"));
  return Array.from(new Float32Array(raw.buffer, 0, Math.floor(raw.length / 4)), (v) => Number(v.toPrecision(7)));
}

// The link to copy: exact, or — past LONG_LINK characters — with the parameters compressed.
export async function shortLink(href, state, settings) {
  const base = href.split("#")[0];
  const full = `${base}#${encode(state, settings)}`;
  if (full.length <= LONG_LINK || !state.params) return full;
  const q = new URLSearchParams(encode({ ...state, params: null }, settings));
  q.set("pz", await packParams(state.params));
  return `${base}#${q.toString()}`;
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
  for (const [key, value] of q) if (!["points", "p", "pz"].includes(key)) values[key] = value;
  if (Object.keys(values).length) {
    const checked = await api("/api/state", { values });
    Object.assign(state, checked.values);
    for (const [name, message] of Object.entries(checked.errors)) {
      const c = checked.codes?.[name] || {};
      problems.push({ message: `${name}: ${message}`, code: c.code, params: c.params });
    }
  }
  if (q.get("points")) {
    const pairs = q.get("points").split(";").map((p) => parseNumbers(p, ","));
    if (pairs.every((p) => p && p.length === 2) && pairs.length <= limits.max_points) state.points = pairs;
    else problems.push({ key: "error.url.points" });
  }
  if (q.get("p")) {
    const flat = parseNumbers(q.get("p"), ",");
    if (flat) state.params = flat;
    else problems.push({ key: "error.url.numbers" });
  } else if (q.get("pz")) {
    try { state.params = await unpackParams(q.get("pz")); } catch { problems.push({ key: "error.url.compact" }); }
  }
  return { state, problems };
}
