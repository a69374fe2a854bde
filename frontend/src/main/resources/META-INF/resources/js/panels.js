// Details panel: everything known about the selected node or edge, with provenance quotes.
import { api } from './api.js';
import { h, replace, humanType, humanKey, formatValue, countryName } from './dom.js';
import { TYPE_COLOURS, SIDE_LABELS, nodeCountries } from './style.js';
import { edgeCaption } from './graph-view.js';
import { quoteFigure } from './quotes.js';

const NODE_INTERNAL = new Set(['id', 'label', 'name', 'type', 'aliases', 'quotes', 'quoteSections', 'facts', 'kind',
  'focal', 'parent', 'document', 'dataset', 'description']);
// Shown elsewhere in the panel (title, badges, quotes, inferred note, firm list), not in "Properties".
const EDGE_INTERNAL = new Set(['id', 'source', 'target', 'type', 'label', 'quote', 'quotes', 'quoteSections', 'quoteDocuments', 'inferred',
  'reason', 'kind', 'paths', 'firms']);

function section(title, ...content) {
  return h('section', { class: 'detail-section' }, h('h3', { class: 'detail-heading', text: title }), ...content);
}

/** A name with case, accents and punctuation folded: "SoFIPRotéoL" and "Sofiprotéol" are one spelling. */
const fold = (s) => String(s).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Aliases that are other names first; spellings that differ from the name (or from an alias before
 * them) only in case or accents — the source as scanned, "RENAuLt" — folded away under a disclosure,
 * kept for whoever looks for the printed text.
 */
function aliasSection(name, aliases = []) {
  const seen = new Set([fold(name)]);
  const other = [];
  const printed = [];
  for (const a of aliases) {
    const k = fold(a);
    (seen.has(k) ? printed : other).push(a);
    seen.add(k);
  }
  const chips = (list) => h('ul', { class: 'chips' }, list.map(a => h('li', { class: 'chip', text: a })));
  return section(`Aliases (${other.length})`,
    other.length ? chips(other) : h('p', { class: 'muted', text: printed.length ? 'No other names.' : 'No aliases.' }),
    printed.length ? h('details', { class: 'printed-spellings' },
      h('summary', { text: `${printed.length} spelling${printed.length === 1 ? '' : 's'} of the same name, as printed` }),
      chips(printed)) : null);
}

function quoteBlock(text, sectionName, document) {
  return quoteFigure(text, [sectionName, document].filter(Boolean).join(' — '));
}

function propList(entries) {
  if (!entries.length) return h('p', { class: 'muted', text: 'None.' });
  return h('dl', { class: 'props' }, entries.flatMap(([k, v]) => [h('dt', { text: humanKey(k) }), h('dd', { text: formatValue(v, k) })]));
}

function badge(text, cls = '') {
  return h('span', { class: `badge ${cls}`, text });
}

export function renderEmpty(container, hint) {
  replace(container, h('div', { class: 'details-empty' },
    h('p', { text: hint || 'Select a node or a link to see its properties, aliases and the quotes it comes from.' }),
    h('p', { class: 'muted', text: 'Tip: double-click a node (or focus the graph, move with the arrow keys and press Enter) to expand it.' })));
}

/**
 * @param {HTMLElement} container
 * @param {object} d node data from the graph
 * @param {object} o {actions: [{label, run, title}], view}
 */
export async function renderNode(container, d, { actions = [] } = {}) {
  const token = Symbol('node');
  container.dataset.token = '';
  container._token = token;
  const typeBadge = h('span', { class: 'badge badge-type', text: humanType(d.type) || 'Entity' });
  typeBadge.style.setProperty('--badge-colour', TYPE_COLOURS[d.type] || '#64748b');
  const countries = nodeCountries(d);
  const head = h('header', { class: 'details-head' },
    h('h2', { class: 'details-title', id: 'details-title', text: d.label }),
    h('div', { class: 'badges' },
      typeBadge,
      countries.length ? badge(countries.join(', '), 'badge-country') : null,
      d.side ? badge(SIDE_LABELS[d.side] || d.side, `badge-side badge-${d.side}`) : null,
      d.focal ? badge('focus', 'badge-focus') : null,
      d.ultimateParent ? badge('ultimate parent', 'badge-parent') : null));
  const actionBar = actions.length ? h('div', { class: 'details-actions', role: 'group', 'aria-label': 'Actions on this entity' },
    actions.map(a => h('button', { type: 'button', class: 'btn btn-small', title: a.title || a.label, text: a.label, on: { click: a.run } }))) : null;
  const inView = [];
  if (d.tier !== undefined) inView.push(['tier', d.tier]);
  if (d.level !== undefined) inView.push(['level', d.level > 0 ? `${d.level} above the focus` : d.level < 0 ? `${-d.level} below the focus` : 'focus']);
  if (d.sectors?.length) inView.push(['sectors', d.sectors]);
  if (d.hiddenNeighbours) inView.push(['links not shown yet', d.hiddenNeighbours]);
  const body = h('div', { class: 'details-body' }, h('p', { class: 'muted loading-inline', text: 'Loading details…' }));
  replace(container, head, actionBar, inView.length ? section('In this view', propList(inView)) : null, body);

  let e;
  try {
    e = await api.entity(d.id);
  } catch (err) {
    if (container._token !== token) return;
    replace(body, h('p', { class: 'error-inline', text: `Details could not be loaded: ${err.detail || err.message}` }),
      ...fallbackNode(d));
    return;
  }
  if (container._token !== token) return;
  const props = e.properties || {};
  const parts = [];
  if (props.description) parts.push(h('p', { class: 'description', text: props.description }));
  parts.push(aliasSection(e.name, e.aliases || []));
  // Name and type head the panel, the id ends it: listed again here they only push the rest down.
  const propEntries = Object.entries(props).filter(([k]) => !['description', 'name', 'type', 'id'].includes(k))
    .sort(([a], [b]) => a.localeCompare(b));
  parts.push(section('Properties', propList(propEntries.map(([k, v]) => [k, k === 'country' ? `${v} (${countryName(v)})` : v]))));
  if ((e.facts || []).length) {
    parts.push(section(`Figures (${e.facts.length})`, h('ul', { class: 'facts' }, e.facts.map(f => h('li', { class: 'fact' },
      h('div', { class: 'fact-line' },
        h('span', { class: 'fact-name', text: humanKey(f.property) }),
        h('span', { class: 'fact-value', text: [f.qualifier, formatValue(f.value, f.property), f.unit].filter(x => x !== null && x !== undefined && x !== '').join(' ') }),
        f.year ? h('span', { class: 'fact-year', text: String(f.year) }) : null),
      f.quote ? quoteBlock(f.quote, f.section) : null)))));
  }
  parts.push(section(`Quotes (${(e.quotes || []).length})`, (e.quotes || []).length
    ? h('div', { class: 'quotes' }, e.quotes.map(q => quoteBlock(q.quote, q.section, q.document)))
    : h('p', { class: 'muted', text: 'No quotes.' })));
  if ((e.relationships || []).length) {
    parts.push(section('Relationships in the graph', h('ul', { class: 'rel-counts' }, e.relationships.map(r => h('li', {},
      h('span', { class: 'rel-dir', 'aria-label': r.direction === 'out' ? 'outgoing' : 'incoming', text: r.direction === 'out' ? '→' : '←' }),
      h('span', { text: humanType(r.type) }),
      h('span', { class: 'rel-count', text: String(r.count) }))))));
  }
  parts.push(h('p', { class: 'muted small', text: `Labels: ${(e.labels || []).join(', ')} · id ${e.id}` }));
  replace(body, ...parts);
}

function fallbackNode(d) {
  const entries = Object.entries(d).filter(([k]) => !k.startsWith('_') && !NODE_INTERNAL.has(k));
  const out = [section('Properties', propList(entries))];
  if (d.aliases?.length) out.push(aliasSection(d.label || d.name, d.aliases));
  if (d.quotes?.length) out.push(section('Quotes', h('div', { class: 'quotes' }, d.quotes.map((q, i) => quoteBlock(q, d.quoteSections?.[i])))));
  return out;
}

/**
 * @param {HTMLElement} container
 * @param {object} d edge data
 * @param {object} o {nameOf(id), open(id), actions}
 */
export function renderEdge(container, d, { nameOf = (id) => id, open, resolve, actions = [] } = {}) {
  container._token = Symbol('edge');
  const source = nameOf(d.source);
  const target = nameOf(d.target);
  const title = d.type === 'FLOW' ? `${source} → ${target}` : `${source} ${humanType(d.type)} ${target}`;
  const parts = [h('header', { class: 'details-head' },
    h('h2', { class: 'details-title', id: 'details-title', text: title }),
    h('div', { class: 'badges' },
      badge(d.type === 'FLOW' ? (d.direction || 'flow') : humanType(d.type), 'badge-rel'),
      d.inferred ? badge('inferred', 'badge-inferred') : badge(d.type === 'FLOW' ? 'aggregate' : 'stated in the source', 'badge-stated')))];
  if (actions.length) {
    parts.push(h('div', { class: 'details-actions' }, actions.map(a => h('button', { type: 'button', class: 'btn btn-small', text: a.label, on: { click: a.run } }))));
  }
  if (d.inferred) {
    parts.push(h('div', { class: 'inferred-note', role: 'note' },
      h('strong', { text: 'Inferred link. ' }),
      d.reason || 'Its source does not state this link explicitly.'));
  }
  // A flow's caption is its count, which the section below states in words.
  const ends = [['from', `${source} (${d.source})`], ['to', `${target} (${d.target})`]];
  if (d.type !== 'FLOW') ends.push(['reads as', edgeCaption(d)]);
  parts.push(section('Ends', propList(ends)));
  if (d.type === 'FLOW') {
    const firms = Array.isArray(d.firms) ? d.firms : [];
    const token = container._token;
    parts.push(section(`Firms (${d.weight ?? firms.length})`, h('ul', { class: 'firm-list' }, firms.map((f) => {
      const label = h('span', { text: nameOf(f) });
      // Flows name firms by id: their names come in as the details arrive.
      if (resolve && nameOf(f) === f) resolve(f).then((name) => { if (container._token === token) label.textContent = name; });
      return h('li', {}, open
        ? h('button', { type: 'button', class: 'link-button', title: 'Open its neighbourhood', on: { click: () => open(f) } }, label)
        : label);
    }))));
  }
  const entries = Object.entries(d).filter(([k]) => !k.startsWith('_') && !EDGE_INTERNAL.has(k)).sort(([a], [b]) => a.localeCompare(b));
  if (Array.isArray(d.paths)) entries.push(['on paths', d.paths.map(i => i + 1)]);
  parts.push(section('Properties', propList(entries)));
  const quotes = Array.isArray(d.quotes) ? d.quotes : d.quote ? [d.quote] : [];
  if (d.type !== 'FLOW') {
    // An inferred link's quotes are where the inference starts (a passage naming the country),
    // not a statement of the link: a reader must not take them for one.
    const blocks = quotes.map((q, i) => quoteBlock(q, d.quoteSections?.[i], d.quoteDocuments ? d.quoteDocuments[i] : i === 0 ? d.document : null));
    parts.push(section(d.inferred ? `Passages it is inferred from (${quotes.length})` : `Quotes (${quotes.length})`, quotes.length
      ? h('div', { class: 'quotes' }, ...(d.inferred ? [h('p', { class: 'muted small', text: 'These passages do not state the link; the note above says how it follows from them.' })] : []), ...blocks)
      : h('p', { class: 'muted', text: 'No quote.' })));
  }
  if (d.id) parts.push(h('p', { class: 'muted small', text: `id ${d.id}` }));
  replace(container, ...parts);
}
