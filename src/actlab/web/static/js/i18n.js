// UI strings in English and Chinese (strings.json); t(key, params) fills {name} slots.

let strings = { en: {}, zh: {} };
let lang = "en";

export async function loadStrings() {
  const response = await fetch("/static/strings.json");
  strings = await response.json();
}

export function setLang(next) {
  lang = strings[next] ? next : "en";
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll("[data-i18n]")) {
    el.textContent = t(el.dataset.i18n);
  }
  document.title = t("title");
}

export function currentLang() {
  return lang;
}

export function t(key, params = {}) {
  const text = strings[lang]?.[key] ?? strings.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// A number for people: 4 significant digits, a real minus sign.
export function fmt(v, digits = 4) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const abs = Math.abs(v);
  const s = abs !== 0 && (abs < 1e-3 || abs >= 1e5) ? v.toExponential(digits - 1)
    : String(Number(v.toPrecision(digits)));
  return s.replace("-", "−");
}
