// UI strings in English and Chinese (strings.json); t(key, params) fills {name} slots.
// Server messages come with a stable code and parameters: English shows the server's
// own words, other languages word the code themselves (say, help).

let strings = { en: {}, zh: {} };
let lang = "en";
const listeners = [];

export async function loadStrings() {
  const response = await fetch("/static/strings.json");
  strings = await response.json();
}

export function setLang(next) {
  lang = strings[next] ? next : "en";
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  for (const el of document.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  document.title = t("title");
  for (const fn of listeners) fn(lang);
}

// Call fn(lang) after every change of language.
export function onLang(fn) {
  listeners.push(fn);
}

export function currentLang() {
  return lang;
}

export function has(key) {
  return key in (strings[lang] || {});
}

// t("target.points.count", {n: 1}) uses "target.points.count.one" when there is one.
export function t(key, params = {}) {
  const one = params.n === 1 && strings[lang]?.[`${key}.one`];
  const text = one || (strings[lang]?.[key] ?? strings.en?.[key] ?? key);
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params && params[name] !== null ? String(params[name]) : m));
}

// A server message in the page's language: its own English words, else its code's.
export function say(message, code, params = {}, prefix = "err") {
  if (lang === "en" || !code) return message;
  const key = `${prefix}.${code}`;
  if (params.name && has(`name.${params.name}`)) params = { ...params, name: t(`name.${params.name}`) };
  if (has(key)) return t(key, params);
  return has(`${prefix}.error.invalid`) ? t(`${prefix}.error.invalid`) : message;
}

// A setting's help (tooltips): the server's declaration in English, translated otherwise.
export function help(setting) {
  return lang === "en" || !has(`help.${setting.name}`) ? setting.help : t(`help.${setting.name}`);
}

// A number for people: 4 significant digits, real minus signs (in the exponent too).
export function fmt(v, digits = 4) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const abs = Math.abs(v);
  const s = abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? v.toExponential(digits - 1)
    : String(Number(v.toPrecision(digits)));
  return s.replaceAll("-", "−").replace("e+", "e");
}
