// Tiny DOM helpers. Text always goes in through textContent / text nodes, never as markup:
// names, aliases and quotes come from documents and must render literally.

/**
 * Creates an element. `attrs`: plain attributes, plus `class`, `text` (textContent), `on` ({event: fn}),
 * `dataset` ({key: value}) and boolean attributes (true = present, false/null/undefined = absent).
 * Children: nodes or strings (strings become text nodes).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Appends children (nodes, strings, arrays; null, undefined and false are skipped). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

export function debounce(fn, ms) {
  let t = null;
  const d = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(t);
  return d;
}

let uid = 0;
export const nextId = (prefix) => `${prefix}-${++uid}`;

/** Human labels for enum-ish values: "OWNS_STAKE_IN" → "owns stake in", "JointVenture" → "Joint venture". */
export function humanType(t) {
  if (!t) return '';
  if (/^[A-Z_]+$/.test(t)) return t.toLowerCase().replace(/_/g, ' ');
  const s = t.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function humanKey(k) {
  const s = String(k).replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function formatNumber(v) {
  if (typeof v !== 'number') return String(v);
  if (Math.abs(v) >= 1e9) return `${+(v / 1e9).toFixed(2)} billion`;
  if (Math.abs(v) >= 1e6) return `${+(v / 1e6).toFixed(2)} million`;
  return v.toLocaleString('en-GB');
}

/** Whether a property named {@code key} holds a year: written 1998, never "1,998". */
export function isYearKey(key) {
  return /year|^(start|end|since|until)$/i.test(String(key || ''));
}

/** Any JSON value as readable text; {@code key}, the property's name, keeps years as written. */
export function formatValue(v, key) {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(x => formatValue(x, key)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return isYearKey(key) && Number.isInteger(v) ? String(v) : formatNumber(v);
  return String(v);
}

const regionNames = (() => {
  try { return new Intl.DisplayNames(['en'], { type: 'region' }); } catch { return null; }
})();

/** ISO 3166 alpha-2 code → English country name (falls back to the code). */
export function countryName(code) {
  if (!code) return null;
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try { return regionNames?.of(code.toUpperCase()) || code; } catch { return code; }
}
