// Tiers view: a focal firm's suppliers (upstream) or customers (downstream) in layers by tier,
// positions computed from the tier (preset layout), with a per-tier chart of countries and sectors.
import { api } from '../api.js';
import { h, add } from '../dom.js';
import { countryColour, nodeCountries, SIDE_COLOURS, SIDE_LABELS } from '../style.js';
import { countryLabel } from '../filters.js';
import { selectField, radioGroup } from './controls.js';

const COL_GAP = 280;      // between tiers
const SUB_GAP = 170;      // between sub-columns of one tier
const ROW_GAP = 58;
const PER_COLUMN = 24;

/** Positions by tier: upstream tiers run right to left into the focal firm, downstream left to right. */
export function tierPositions(nodes, direction) {
  const byTier = new Map();
  for (const n of nodes) {
    const t = n.data.tier ?? 0;
    if (!byTier.has(t)) byTier.set(t, []);
    byTier.get(t).push(n);
  }
  const sign = direction === 'upstream' ? -1 : 1;
  const labels = [];
  let x = 0;
  for (const t of [...byTier.keys()].sort((a, b) => a - b)) {
    const list = byTier.get(t).sort((a, b) => String(nodeCountries(a.data)[0] || '~').localeCompare(String(nodeCountries(b.data)[0] || '~'))
      || String(a.data.label).localeCompare(String(b.data.label)));
    const cols = Math.ceil(list.length / PER_COLUMN);
    const rows = Math.min(PER_COLUMN, list.length);
    const width = (cols - 1) * SUB_GAP;
    const start = t === 0 ? 0 : x + sign * COL_GAP;
    list.forEach((n, i) => {
      const c = Math.floor(i / rows);
      const r = i % rows;
      // Stagger sub-columns so that labels of neighbouring columns do not collide.
      n.position = { x: start + sign * c * SUB_GAP, y: (r - (rows - 1) / 2) * ROW_GAP + (c % 2 ? ROW_GAP / 2 : 0) };
    });
    const centre = start + sign * width / 2;
    labels.push({ data: { id: `tier-label:${t}`, kind: 'tier-label', label: t === 0 ? 'Focus' : `Tier ${t}` }, position: { x: centre, y: -((rows - 1) / 2) * ROW_GAP - 70 } });
    x = start + sign * width;
  }
  return labels;
}

function bar(entries, total, colourOf, label, labelOf = k => k) {
  const bar = h('div', { class: 'stack-bar', role: 'img', 'aria-label': `${label}: ${entries.map(([k, v]) => `${labelOf(k)} ${v}`).join(', ')}` });
  for (const [k, v] of entries) {
    const seg = h('span', { class: 'stack-seg', title: `${labelOf(k)}: ${v}` });
    seg.style.width = `${(100 * v) / total}%`;
    seg.style.background = colourOf(k);
    bar.append(seg);
  }
  return bar;
}

function legendList(entries, colourOf, labelOf = k => k) {
  return h('ul', { class: 'stack-legend' }, entries.map(([k, v]) => {
    const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    sw.style.background = colourOf(k);
    return h('li', {}, sw, h('span', { class: 'stack-key', text: labelOf(k) }), h('span', { class: 'count', text: String(v) }));
  }));
}

// The summary counts firms no source places under 'unknown' (TiersService.summarise), as the country filter does.
const sectorLabel = k => (k === 'unknown' ? 'No sector stated' : k);

const sorted = (obj) => Object.entries(obj || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
const SECTOR_PALETTE = ['#0f766e', '#0891b2', '#7c3aed', '#db2777', '#ca8a04', '#65a30d', '#ea580c', '#475569', '#2563eb', '#be123c'];

export default {
  id: 'tiers',
  label: 'Tiers',
  needsFocus: true,
  relFilter: null,
  filters: ['ntypes', 'countries', 'sectors', 'inferred', 'asOf'],
  // A filtered firm keeps the firms that link it to the focus, faded (graph-view applyVisibility).
  keepChains: true,
  reloadKeys: ['focus', 'direction', 'tdepth', 'asOf', 'inferred'],
  summaryTab: 'Tier chart',
  defaultColour: 'country',

  controls(state, set) {
    return [
      radioGroup('Direction', 'ctl-direction', [['upstream', 'Upstream (suppliers)'], ['downstream', 'Downstream (customers)']], state.direction, v => set({ direction: v })),
      selectField('Tiers', 'ctl-tdepth', [1, 2, 3, 4, 5, 6].map(v => [v, `${v} tier${v > 1 ? 's' : ''}`]), state.tdepth, v => set({ tdepth: +v })),
    ];
  },

  async load(state, ctx) {
    const r = await api.tiers(state.focus, {
      direction: state.direction, depth: state.tdepth, asOf: state.asOf ?? undefined, inferred: state.inferred ? undefined : false,
    }, { channel: 'view', label: 'Loading tiers…' });
    const labels = tierPositions(r.nodes, state.direction);
    if (r.nodes.length < 300) for (const n of r.nodes) n.data._font = 13;
    ctx.tiers = r.meta?.tiers || [];
    ctx.tierCap = r.truncated ? { shown: r.nodes.filter(n => (n.data.tier ?? 0) > 0).length, total: r.total } : null;
    ctx.tierNames = new Map(r.nodes.map(n => [n.data.id, n.data.label || n.data.id]));
    const focal = r.nodes.find(n => n.data.focal)?.data;
    const name = focal?.label || state.focus;
    // A firm's sites (its plants) are where its suppliers deliver: the tiers start from them too.
    ctx.tierSites = r.nodes.filter(n => n.data.siteOfFocus).map(n => n.data.label);
    const sites = ctx.tierSites.length ? ` or its site${ctx.tierSites.length > 1 ? 's' : ''} (${ctx.tierSites.join(', ')})` : '';
    return {
      nodes: [...r.nodes, ...labels],
      edges: r.edges,
      layout: 'preset',
      truncated: r.truncated,
      total: r.total,
      empty: !r.nodes.some(n => (n.data.tier ?? 0) > 0) ? {
        title: `No ${state.direction === 'upstream' ? 'suppliers' : 'customers'} of ${name} within ${state.tdepth} tier${state.tdepth > 1 ? 's' : ''}`,
        detail: `No source in the graph names a ${state.direction === 'upstream' ? 'supplier of' : 'customer of'} ${name}${sites}${state.asOf ? ` in force in ${state.asOf}` : ''}. Try the other direction${state.asOf ? ' or all years' : ''}, or its other links: its neighbourhood, or its ownership.`,
        actions: [{ label: state.direction === 'upstream' ? 'Show downstream' : 'Show upstream', patch: { direction: state.direction === 'upstream' ? 'downstream' : 'upstream' } },
          { label: 'Show its neighbourhood', patch: { view: 'neighbourhood' } },
          { label: 'Show its ownership', patch: { view: 'ownership' } }],
      } : null,
    };
  },

  summary(container, state, ctx) {
    const tiers = ctx.tiers || [];
    if (!tiers.length) {
      add(container, h('p', { class: 'muted', text: 'No tiers to chart.' }));
      return;
    }
    const sectorColour = new Map();
    const sc = (k) => {
      if (!sectorColour.has(k)) sectorColour.set(k, SECTOR_PALETTE[sectorColour.size % SECTOR_PALETTE.length]);
      return sectorColour.get(k);
    };
    add(container, h('p', { class: 'summary-lead', text: `${state.direction === 'upstream' ? 'Suppliers' : 'Customers'} by tier: tier 1 deals directly with the focus, tier 2 with tier 1, and so on.` }));
    if (ctx.tierCap) {
      const all = ctx.tierCap.total ? `, out of ${ctx.tierCap.total.atLeast ? 'at least' : 'about'} ${ctx.tierCap.total.nodes.toLocaleString('en-GB')} entities in the network with the focus` : '';
      add(container, h('p', { class: 'muted small tier-cap-note', text: `Capped: the counts below are of the ${ctx.tierCap.shown.toLocaleString('en-GB')} firms drawn, the nearest tiers first${all}.` }));
    }
    if (ctx.tierSites?.length) {
      add(container, h('p', { class: 'muted small tier-sites-note', text: `The focus includes its site${ctx.tierSites.length > 1 ? 's' : ''}, drawn beside it: ${ctx.tierSites.join(', ')}.` }));
    }
    // The chart describes the supply network, which the filters only thin out on screen: say so
    // rather than show counts that disagree with the graph without a word.
    if (state.countries.length || state.sectors.length || state.ntypes.length) {
      add(container, h('p', { class: 'muted small filters-note', text: 'Counts of the whole network, before the country, sector and type filters that thin out the graph.' }));
    }
    for (const t of tiers) {
      const countries = sorted(t.countries);
      const sectors = sorted(t.sectors);
      const sides = sorted(t.sides);
      const cTotal = countries.reduce((a, [, v]) => a + v, 0) || 1;
      const sTotal = sectors.reduce((a, [, v]) => a + v, 0) || 1;
      const dTotal = sides.reduce((a, [, v]) => a + v, 0) || 1;
      add(container, h('section', { class: 'tier-card', 'aria-label': `Tier ${t.tier}` },
        h('h3', { class: 'tier-title' }, h('span', { text: `Tier ${t.tier}` }), h('span', { class: 'count', text: `${t.count} firm${t.count === 1 ? '' : 's'}` })),
        // Two entries flagged as possibly one firm are both counted until a curator decides.
        (t.possiblySame || []).map(([a, b]) => h('p', { class: 'muted small possibly-same-note',
          text: `Counts both ${ctx.tierNames?.get(a) || a} and ${ctx.tierNames?.get(b) || b}, which may be one firm (possibly the same: merge or dismiss under Curate).` })),
        // Where each firm comes from (a site or a body: where it is), not where it has plants.
        h('p', { class: 'chart-label', text: 'Home countries', title: 'Where each firm comes from; for a site, where it is' }),
        bar(countries, cTotal, countryColour, `Tier ${t.tier} home countries`, countryLabel),
        legendList(countries, countryColour, countryLabel),
        sectors.length ? [h('p', { class: 'chart-label', text: 'Sectors' }), bar(sectors, sTotal, sc, `Tier ${t.tier} sectors`, sectorLabel),
          legendList(sectors, sc, sectorLabel)] : null,
        h('p', { class: 'chart-label', text: 'North / South' }), bar(sides, dTotal, k => SIDE_COLOURS[k] || SIDE_COLOURS.unknown, `Tier ${t.tier} North and South`),
        legendList(sides.map(([k, v]) => [SIDE_LABELS[k] || k, v]), k => SIDE_COLOURS[Object.keys(SIDE_LABELS).find(s => SIDE_LABELS[s] === k) || k] || SIDE_COLOURS.unknown)));
    }
  },
};
