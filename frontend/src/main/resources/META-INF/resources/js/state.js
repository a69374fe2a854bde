// The whole view state lives in the URL query string, so a link reproduces the same view and the
// browser's back/forward buttons walk through views (history.pushState + popstate).

export const VIEWS = ['neighbourhood', 'tiers', 'ownership', 'paths', 'flows'];
export const COLOUR_MODES = ['type', 'side', 'country'];
export const YEAR_MIN = 1975;
export const YEAR_MAX = 2020;

export const DEFAULTS = Object.freeze({
  view: 'neighbourhood',
  focus: null,
  depth: 1,          // neighbourhood depth 1..3
  limit: 50,         // neighbourhood: relationships per expanded node
  direction: 'upstream',
  tdepth: 3,         // tiers depth 1..6
  group: true,       // ownership: whole group of the ultimate parent(s)
  from: null,
  to: null,
  k: 3,
  hops: 6,
  maxDegree: null,   // paths: skip intermediates with more links than this (null = no limit)
  by: 'country',     // flows
  rels: [],          // relationship types shown (empty = all)
  ntypes: [],        // node types shown (empty = all)
  countries: [],     // country names shown (empty = all); names are joined with ~ in the URL
  sectors: [],       // sector names shown (empty = all)
  flowdirs: [],      // flow directions shown (empty = all)
  inferred: true,
  asOf: null,        // year or null = all years
  colour: null,      // node colours: type | side | country (null = the view's default)
  expand: [],        // neighbourhood expansions in order: "id" or "id@offset"
  hide: [],          // hidden node ids
  pin: [],           // pinned nodes "id@x,y"
  sel: null,         // selected node or edge id
});

const LISTS = ['rels', 'ntypes', 'countries', 'sectors', 'flowdirs', 'expand', 'hide', 'pin'];
const INTS = { depth: [1, 3], limit: [1, 500], tdepth: [1, 6], k: [1, 10], hops: [1, 8], maxDegree: [1, 10000000] };
// Order of parameters in the URL: most meaningful first.
const ORDER = ['view', 'focus', 'from', 'to', 'direction', 'depth', 'tdepth', 'limit', 'k', 'hops', 'maxDegree', 'group', 'by',
  'asOf', 'inferred', 'rels', 'ntypes', 'countries', 'sectors', 'flowdirs', 'colour', 'expand', 'hide', 'pin', 'sel'];

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

function clampInt(v, [min, max], fallback) {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** Reads a state from a query string (unknown or malformed values fall back to defaults). */
export function parse(search = window.location.search) {
  const q = new URLSearchParams(search);
  const s = structuredClone(DEFAULTS);
  const get = (k) => q.get(k);
  if (VIEWS.includes(get('view'))) s.view = get('view');
  for (const k of ['focus', 'from', 'to', 'sel']) {
    const v = get(k);
    // Ids are lowercase: a hand-typed "focus=Cevital" means cevital.
    const id = v && k !== 'sel' && !SLUG.test(v) && SLUG.test(v.toLowerCase()) ? v.toLowerCase() : v;
    if (id && (k === 'sel' || SLUG.test(id))) s[k] = id;
  }
  for (const [k, range] of Object.entries(INTS)) if (q.has(k)) s[k] = clampInt(get(k), range, DEFAULTS[k]);
  if (['upstream', 'downstream'].includes(get('direction'))) s.direction = get('direction');
  if (['country', 'sector'].includes(get('by'))) s.by = get('by');
  if (COLOUR_MODES.includes(get('colour'))) s.colour = get('colour');
  if (q.has('group')) s.group = get('group') !== '0';
  if (q.has('inferred')) s.inferred = get('inferred') !== '0';
  if (q.has('asOf')) {
    const y = Number.parseInt(get('asOf'), 10);
    s.asOf = Number.isFinite(y) ? Math.min(YEAR_MAX, Math.max(YEAR_MIN, y)) : null;
  }
  for (const k of LISTS) {
    if (q.has(k)) s[k] = get(k).split(k === 'countries' || k === 'sectors' ? '~' : ',').map(x => x.trim()).filter(Boolean);
  }
  s.pin = pins(s.pin);
  // A link made before customer links were stored as supply links (docs/model.md) asks for those.
  s.rels = [...new Set(s.rels.map(t => (t === 'CUSTOMER_OF' ? 'SUPPLIES' : t)))];
  return s;
}

const PIN = /^[a-z0-9][a-z0-9-]*@-?\d+(\.\d+)?,-?\d+(\.\d+)?$/;

/**
 * Pins are written "id@x,y" and joined with commas, so "a@1,2,b@3,4" splits into four parts: a
 * part without "@" is the y of the pin before it. Anything that is not then a whole pin is dropped.
 */
function pins(parts) {
  const out = [];
  for (const p of parts) {
    if (!p.includes('@') && out.length && !out[out.length - 1].includes(',')) out[out.length - 1] += `,${p}`;
    else out.push(p);
  }
  return out.filter(p => PIN.test(p));
}

/** Writes a state as a query string, leaving out defaults. */
export function serialise(state) {
  const q = new URLSearchParams();
  // view is always written (first) so that a link says what it shows.
  q.set('view', state.view);
  for (const k of ORDER) {
    if (k === 'view') continue;
    const v = state[k];
    const d = DEFAULTS[k];
    if (LISTS.includes(k)) {
      if (v && v.length) q.set(k, v.join(k === 'countries' || k === 'sectors' ? '~' : ','));
    } else if (typeof d === 'boolean') {
      if (v !== d) q.set(k, v ? '1' : '0');
    } else if (v !== null && v !== undefined && v !== d) {
      q.set(k, String(v));
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function url(state) {
  return `${window.location.pathname}${serialise(state)}`;
}

export function push(state) {
  const u = url(state);
  if (u !== window.location.pathname + window.location.search) history.pushState(null, '', u);
}

export function replaceUrl(state) {
  history.replaceState(null, '', url(state));
}

/** Absolute link to a state (for "Copy link"). */
export function permalink(state) {
  return `${window.location.origin}${url(state)}`;
}
