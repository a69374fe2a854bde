// Filters in the sidebar (relationship types, node types, countries, sectors, inferred links,
// flow directions) and the time slider; plus the predicates that apply them in the browser.
import { h, humanType, debounce } from './dom.js';
import { NODE_TYPES, STORED_REL_TYPES, REL_GROUPS, relColour, TYPE_COLOURS, nodeCountries, countryColour, FLOW_COLOURS } from './style.js';
import { YEAR_MIN, YEAR_MAX } from './state.js';

const ORGANISATIONS = ['Company', 'JointVenture', 'Brand', 'Site', 'Institution', 'Programme', 'Cluster', 'Person'];

/** Sectors of every node, from tier answers (data.sectors) and IN_SECTOR links in view. */
export function sectorIndex(nodes, edges) {
  const label = new Map(nodes.map(n => [n.data.id, n.data]));
  const idx = new Map();
  const add = (id, s) => {
    if (!idx.has(id)) idx.set(id, new Set());
    idx.get(id).add(s);
  };
  for (const n of nodes) {
    for (const s of n.data.sectors || []) add(n.data.id, s);
    if (n.data.type === 'Sector') add(n.data.id, n.data.label);
  }
  for (const e of edges) {
    if (e.data.type !== 'IN_SECTOR') continue;
    const s = label.get(e.data.target);
    if (s) add(e.data.source, s.label);
  }
  return idx;
}

/** The choice for entities whose country no source states; the tier chart counts them under the same key. */
export const NO_COUNTRY = 'unknown';
export const countryLabel = c => (c === NO_COUNTRY ? 'No country stated' : c);
const countriesOrNone = (d) => {
  const cs = nodeCountries(d);
  return cs.length ? cs : [NO_COUNTRY];
};

/** Predicates for the graph from the state (client-side filters only; the API applies the others). */
export function predicates(state, view, sectorsOf) {
  const rels = view.relFilter === 'client' && state.rels.length ? new Set(state.rels) : null;
  const ntypes = !view.ntypesServer && state.ntypes.length ? new Set(state.ntypes) : null;
  const countries = state.countries.length ? new Set(state.countries) : null;
  const sectors = view.filters.includes('sectors') && state.sectors.length ? new Set(state.sectors) : null;
  const dirs = state.flowdirs.length ? new Set(state.flowdirs) : null;
  const keep = (d) => d.focal || d.kind === 'tier-label';
  const nodeOk = (d) => {
    if (keep(d)) return true;
    if (ntypes && !ntypes.has(d.type)) return false;
    if (countries && !countriesOrNone(d).some(c => countries.has(c))) return false;
    if (sectors && ![...(sectorsOf.get(d.id) || [])].some(s => sectors.has(s))) return false;
    return true;
  };
  const edgeOk = (d) => {
    if (rels && !rels.has(d.type)) return false;
    if (dirs && d.type === 'FLOW' && !dirs.has(d.direction)) return false;
    if (!state.inferred && d.inferred) return false;
    return true;
  };
  return { nodeOk, edgeOk };
}

function swatch(colour, cls = 'swatch') {
  const s = h('span', { class: cls, 'aria-hidden': 'true' });
  s.style.background = colour;
  return s;
}

/**
 * A group of checkboxes for a list filter. Empty selection means "all": every box is ticked then.
 * `defaults`: what is ticked when the selection is empty (defaults to every choice).
 */
function checkList({ id, title, choices, selected, onChange, counts, colourOf, labelOf = x => x, help, defaults, open = false }) {
  const all = choices;
  const effective = selected.length ? new Set(selected) : new Set(defaults || all);
  const boxes = [];
  const commit = () => {
    const ticked = boxes.filter(b => b.checked).map(b => b.value);
    const isDefault = defaults
      ? ticked.length === defaults.length && defaults.every(d => ticked.includes(d))
      : ticked.length === all.length;
    onChange(isDefault ? [] : ticked);
  };
  const list = h('ul', { class: 'check-list', id: `${id}-list` }, all.map((c) => {
    const boxId = `${id}-${String(c).replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const box = h('input', { type: 'checkbox', id: boxId, value: c, checked: effective.has(c) });
    box.addEventListener('change', () => {
      if (!boxes.some(b => b.checked)) {
        box.checked = true; // an empty choice would show nothing
        return;
      }
      commit();
    });
    boxes.push(box);
    return h('li', {}, box, h('label', { for: boxId },
      colourOf ? swatch(colourOf(c)) : null,
      h('span', { class: 'check-text', text: labelOf(c) }),
      counts && counts.has(c) ? h('span', { class: 'count', text: String(counts.get(c)) }) : null));
  }));
  const active = selected.length > 0;
  const details = h('details', { id: `${id}-group`, class: 'filter-group', open: open || active || undefined },
    h('summary', {}, h('span', { text: title }), active ? h('span', { class: 'pill', text: `${selected.length} of ${all.length}` }) : h('span', { class: 'pill pill-muted', text: 'all' })),
    help ? h('p', { class: 'field-help', text: help }) : null,
    h('div', { class: 'check-tools' },
      h('button', { type: 'button', class: 'link-button', text: 'All', on: { click: () => onChange(defaults && defaults.length !== all.length ? [...all] : []) } }),
      h('button', { type: 'button', class: 'link-button', text: 'Invert', on: { click: () => {
        const inv = all.filter(c => !effective.has(c));
        if (inv.length) onChange(inv.length === all.length ? [] : inv);
      } } })),
    list);
  return details;
}

/**
 * Renders the filter sidebar for a view.
 * @param {HTMLElement} container
 * @param {object} state
 * @param {object} view view module
 * @param {{nodes: object[], edges: object[]}} graph the elements of the current answer
 * @param {(patch) => void} set
 */
export function renderFilters(container, state, view, graph, set) {
  // Groups the user opened stay open across redraws.
  const wasOpen = new Set([...container.querySelectorAll('details[open]')].map(d => d.id));
  container.replaceChildren();
  const f = view.filters;
  const nodes = graph.nodes.filter(n => !n.data.kind);
  const edges = graph.edges.filter(e => !e.data.kind);

  if (f.includes('rels')) {
    const choices = view.relChoices || STORED_REL_TYPES;
    const counts = new Map();
    for (const e of edges) counts.set(e.data.type, (counts.get(e.data.type) || 0) + 1);
    const present = view.relFilter === 'client' ? choices.filter(t => counts.has(t) || state.rels.includes(t)) : choices;
    if (present.length) {
      container.append(checkList({
        id: 'f-rels', title: 'Relationship types', choices: present, selected: state.rels.filter(t => present.includes(t)),
        counts, colourOf: relColour, labelOf: humanType, onChange: v => set({ rels: v, expand: [] }),
        help: view.relFilter === 'server' ? 'Asked of the server: links of other types are not loaded.' : null,
      }));
    }
  }
  if (f.includes('ntypes')) {
    const counts = new Map();
    for (const n of nodes) counts.set(n.data.type, (counts.get(n.data.type) || 0) + 1);
    const choices = view.ntypesServer ? NODE_TYPES : NODE_TYPES.filter(t => counts.has(t) || state.ntypes.includes(t));
    if (choices.length) {
      container.append(checkList({
        id: 'f-ntypes', title: view.ntypesServer ? 'Paths may pass through' : 'Node types', choices,
        selected: state.ntypes, counts: view.ntypesServer ? null : counts, colourOf: t => TYPE_COLOURS[t], labelOf: humanType,
        defaults: view.ntypesServer ? ORGANISATIONS : null,
        onChange: v => set({ ntypes: v }),
        help: view.ntypesServer ? 'By default paths go through organisations only, not countries, regions or sectors.' : null,
      }));
    }
  }
  if (f.includes('countries')) {
    const counts = new Map();
    for (const n of nodes) for (const c of countriesOrNone(n.data)) counts.set(c, (counts.get(c) || 0) + 1);
    // "No country stated" last, after the countries in alphabetical order.
    const choices = [...new Set([...counts.keys(), ...state.countries])]
      .sort((a, b) => (a === NO_COUNTRY) - (b === NO_COUNTRY) || a.localeCompare(b));
    if (choices.length) {
      container.append(checkList({
        id: 'f-countries', title: 'Countries', choices, selected: state.countries, counts, colourOf: countryColour,
        labelOf: countryLabel,
        onChange: v => set({ countries: v }),
        help: view.keepChains
          ? 'Keeps entities of the ticked countries (the focus always stays), and, faded, the firms that link them to the focus.'
          : 'Keeps entities of the ticked countries (the focus always stays).',
      }));
    }
  }
  if (f.includes('sectors')) {
    const idx = sectorIndex(graph.nodes, graph.edges);
    const counts = new Map();
    for (const set2 of idx.values()) for (const s of set2) counts.set(s, (counts.get(s) || 0) + 1);
    const choices = [...new Set([...counts.keys(), ...state.sectors])].sort((a, b) => a.localeCompare(b));
    if (choices.length) {
      container.append(checkList({
        id: 'f-sectors', title: 'Sectors', choices, selected: state.sectors, counts,
        onChange: v => set({ sectors: v }),
        help: view.keepChains
          ? 'Keeps entities linked to a ticked sector, and, faded, the firms that link them to the focus.'
          : 'Keeps entities linked to a ticked sector in this view.',
      }));
    }
  }
  if (f.includes('flowdirs')) {
    const choices = ['North→South', 'South→North', 'South→South', 'North→North', 'Other'];
    container.append(checkList({
      id: 'f-flowdirs', title: 'Directions', choices, selected: state.flowdirs, colourOf: d => FLOW_COLOURS[d],
      onChange: v => set({ flowdirs: v }), open: true,
    }));
  }
  if (f.includes('inferred')) {
    const id = 'f-inferred';
    container.append(h('div', { class: 'field field-check field-toggle' },
      h('input', { type: 'checkbox', id, checked: state.inferred, 'aria-describedby': `${id}-help`, on: { change: e => set({ inferred: e.target.checked, expand: [] }) } }),
      h('label', { for: id }, h('span', { class: 'dash-sample', 'aria-hidden': 'true' }), 'Show inferred links'),
      h('p', { id: `${id}-help`, class: 'field-help', text: 'Links a source implies without stating them; drawn dashed.' })));
  }
  for (const d of container.querySelectorAll('details')) if (wasOpen.has(d.id)) d.open = true;
}

/** The time slider: "all years" or a year between YEAR_MIN and YEAR_MAX. */
export function renderTime(container, state, view, set) {
  const disabled = !!view.noTime;
  const all = state.asOf === null;
  const year = state.asOf ?? YEAR_MAX;
  // Updated in place when already drawn, so that a drag or keyboard focus on the slider survives a redraw.
  const existing = container.querySelector('#year');
  if (existing && container.dataset.view === view.id) {
    const box = container.querySelector('#year-all');
    box.checked = all;
    existing.disabled = all;
    if (document.activeElement !== existing) existing.value = String(year);
    existing.setAttribute('aria-valuetext', all ? 'all years' : String(year));
    container.querySelector('#year-output').textContent = all ? 'All years' : String(year);
    return;
  }
  container.dataset.view = view.id;
  container.replaceChildren();
  const range = h('input', {
    type: 'range', id: 'year', min: YEAR_MIN, max: YEAR_MAX, step: 1, value: year, disabled: disabled || all,
    'aria-describedby': 'year-help', 'aria-valuetext': all ? 'all years' : String(year),
  });
  const output = h('output', { for: 'year', id: 'year-output', class: 'year-output', text: all ? 'All years' : String(year) });
  const allBox = h('input', { type: 'checkbox', id: 'year-all', checked: all, disabled });
  const commit = debounce((v) => set({ asOf: v, expand: [] }), 300);
  range.addEventListener('input', () => {
    output.textContent = range.value;
    range.setAttribute('aria-valuetext', range.value);
    commit(Number(range.value));
  });
  allBox.addEventListener('change', () => {
    range.disabled = allBox.checked;
    output.textContent = allBox.checked ? 'All years' : range.value;
    commit.cancel();
    set({ asOf: allBox.checked ? null : Number(range.value), expand: [] });
  });
  container.append(
    h('div', { class: 'time-head' }, h('label', { for: 'year', class: 'field-label', text: 'As of year' }), output),
    range,
    h('div', { class: 'range-ends', 'aria-hidden': 'true' }, h('span', { text: String(YEAR_MIN) }), h('span', { text: String(YEAR_MAX) })),
    h('div', { class: 'field field-check' }, allBox, h('label', { for: 'year-all', text: 'All years' })),
    h('p', { id: 'year-help', class: 'field-help', text: disabled
      ? 'The time slider does not apply to this view.'
      : 'Redraws the view as it was that year: links that started later or ended earlier are left out (undated links always count).' }));
}

export { REL_GROUPS };
