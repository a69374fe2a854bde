// Flows view: coproduction flows from home country to installation country (North→South,
// South→North, …) as a map-like graph of countries with edges as wide as their number of firms,
// plus a table. By sector: sectors linked to directions.
import { api } from '../api.js';
import { h, add } from '../dom.js';
import { FLOW_COLOURS } from '../style.js';
import { radioGroup } from './controls.js';

// Approximate centres (longitude, latitude) so that the countries sit roughly where they are:
// North above, South below, East right.
const PLACES = {
  france: [2.5, 46.5], spain: [-3.7, 40.2], portugal: [-8.2, 39.6], italy: [12.5, 42.8], germany: [10.4, 51.2],
  belgium: [4.6, 50.6], 'united-kingdom': [-2, 53.5], romania: [25, 45.9], greece: [22, 39.3], turkey: [33, 39],
  morocco: [-6.5, 31.8], algeria: [2.6, 28.5], tunisia: [9.5, 34.5], libya: [17, 27], egypt: [30, 26.5],
  lebanon: [35.9, 33.9], jordan: [36.5, 30.8], syria: [38.5, 35], israel: [34.9, 31.4], palestine: [35.2, 31.9],
  'saudi-arabia': [45, 24], maghreb: [4, 33.5], 'united-states': [-24, 44], canada: [-24, 54], japan: [46, 42],
  china: [46, 36], india: [46, 30], 'south-africa': [24, 10], 'sub-saharan-africa': [10, 12], qatar: [47, 28],
  'united-arab-emirates': [47, 24.5], switzerland: [8.2, 46.8], netherlands: [5.3, 52.2], austria: [14.5, 47.5],
};
const SCALE = 32;

/**
 * Schematic map: northern countries on the top band, southern ones on the middle band, the rest
 * below; west to east within a band (staggered so that labels do not collide).
 */
function countryPositions(nodes) {
  const bands = { north: [], south: [], other: [] };
  for (const n of nodes) (bands[n.data.side] || bands.other).push(n);
  const y0 = { north: -230, south: 150, other: 430 };
  for (const [side, list] of Object.entries(bands)) {
    list.sort((a, b) => (PLACES[a.data.id]?.[0] ?? 99) - (PLACES[b.data.id]?.[0] ?? 99) || a.data.label.localeCompare(b.data.label));
    list.forEach((n, i) => {
      n.position = { x: (i - (list.length - 1) / 2) * 120, y: y0[side] + (i % 2 ? 55 : -15) };
    });
  }
  const labels = [['north', 'North'], ['south', 'South'], ['other', 'Elsewhere']].filter(([s]) => bands[s].length)
    .map(([s, text]) => ({ data: { id: `band:${s}`, kind: 'tier-label', label: text }, position: { x: -((Math.max(bands.north.length, bands.south.length, bands.other.length) - 1) / 2) * 120 - 150, y: y0[s] + 20 } }));
  return labels;
}

const DIRECTIONS = ['North→South', 'South→North', 'South→South', 'North→North', 'Other'];

function directionSwatch(d) {
  const sw = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  sw.style.background = FLOW_COLOURS[d] || '#94a3b8';
  return sw;
}

export default {
  id: 'flows',
  label: 'Flows',
  needsFocus: false,
  relFilter: null,
  filters: ['flowdirs', 'countries', 'inferred'],
  reloadKeys: ['by', 'asOf', 'inferred'],
  summaryTab: 'Flows table',
  defaultColour: 'side',

  controls(state, set) {
    return [
      radioGroup('Group by', 'ctl-by', [['country', 'Country'], ['sector', 'Sector']], state.by, v => set({ by: v })),
      h('p', { class: 'field-help', text: 'Each flow links a firm’s home country to a country or region where it installed production. Edge width = number of firms.' }),
    ];
  },

  async load(state, ctx) {
    const r = await api.flows({ by: state.by, asOf: state.asOf ?? undefined, inferred: state.inferred ? undefined : false },
      { channel: 'view', label: 'Loading flows…' });
    ctx.flows = r;
    let nodes;
    let edges;
    if (state.by === 'country') {
      // A region (the Maghreb) keeps its own shape: it is not a country, but the country filter
      // still offers it under its own name.
      nodes = r.graph.nodes.map(n => ({ data: { ...n.data, ...(n.data.type === 'Region' ? { countries: [n.data.label] } : {}) } }));
      edges = r.graph.edges.map(e => ({ data: { ...e.data } }));
      nodes.push(...countryPositions(nodes));
    } else {
      // Directions in a column in the middle, sectors in two columns either side (largest first).
      const total = new Map();
      for (const x of r.rows) total.set(x.from, (total.get(x.from) || 0) + x.firms);
      const sectors = [...total.keys()].sort((a, b) => total.get(b) - total.get(a) || a.localeCompare(b));
      const dirs = DIRECTIONS.filter(d => r.rows.some(x => x.direction === d));
      const rows = Math.ceil(sectors.length / 2);
      nodes = [
        ...sectors.map((sct, i) => ({
          data: { id: `sector:${sct}`, label: r.rows.find(x => x.from === sct).fromName, type: 'Sector', flowKey: sct },
          position: { x: i % 2 ? 430 : -430, y: (Math.floor(i / 2) - (rows - 1) / 2) * 46 },
        })),
        ...dirs.map((d, i) => ({
          data: { id: `direction:${d}`, label: d, type: 'Region', side: d.startsWith('North') ? 'north' : d.startsWith('South') ? 'south' : 'other' },
          position: { x: 0, y: (i - (dirs.length - 1) / 2) * 130 },
        })),
      ];
      edges = r.rows.map(x => ({ data: { id: `flow:${x.from}:${x.direction}`, source: `sector:${x.from}`, target: `direction:${x.direction}`, type: 'FLOW', label: String(x.firms), weight: x.firms, direction: x.direction, firms: x.firmIds } }));
    }
    const max = Math.max(1, ...edges.map(e => e.data.weight || 1));
    for (const e of edges) {
      e.data._widthOverride = 1.5 + 12 * Math.sqrt((e.data.weight || 1) / max);
      e.data._colourOverride = FLOW_COLOURS[e.data.direction] || FLOW_COLOURS.Other;
    }
    const strength = new Map();
    for (const e of edges) for (const id of [e.data.source, e.data.target]) strength.set(id, (strength.get(id) || 0) + (e.data.weight || 1));
    const smax = Math.max(1, ...strength.values());
    for (const n of nodes) {
      if (n.data.kind) continue;
      n.data._baseSize = 22 + 34 * Math.sqrt((strength.get(n.data.id) || 0) / smax);
      n.data._font = state.by === 'country' ? 18 : 15;
    }
    return {
      nodes, edges, layout: 'preset',
      empty: edges.length ? null : { title: 'No flows', detail: 'The data holds no firm installed outside its home country.' },
    };
  },

  summary(container, state, ctx, result, helpers) {
    const r = ctx.flows;
    if (!r) return;
    const shown = (d) => !state.flowdirs.length || state.flowdirs.includes(d);
    const byCountry = state.by === 'country';
    const total = Object.values(r.byDirection || {}).reduce((a, b) => a + b, 0) || 1;
    const lead = state.by === 'sector'
      ? `${total} firms installed outside their home country, counted once per direction, in each of their sectors. Width and number = firms.`
      : `${total} firm-to-country flows (a firm counts once per destination, whatever its home countries). Width and number = firms.`;
    add(container, h('p', { class: 'summary-lead', text: lead }));
    // Installations the totals leave out because their firm has no home country: said, not dropped.
    const unplaced = r.notCounted || [];
    if (unplaced.length) {
      const n = unplaced.length;
      add(container, h('details', { class: 'not-counted' },
        h('summary', { text: `${n} installation${n === 1 ? '' : 's'} not counted: home country not stated` }),
        h('ul', { class: 'plain-list', 'aria-label': 'Installations not counted' }, unplaced.map(u => h('li', {},
          helpers.entityButton(u.firm, u.firmName), ` installed in ${u.toName}`)))));
    }
    if (byCountry) {
      add(container, h('p', { class: 'summary-note', text: 'A firm from several home countries draws one row per home country, so the rows can add up to more than the total.' }));
    }
    const dirBars = h('ul', { class: 'direction-bars' });
    for (const d of DIRECTIONS) {
      const v = r.byDirection?.[d];
      if (!v) continue;
      const fill = h('span', { class: 'hbar-fill' });
      fill.style.width = `${(100 * v) / total}%`;
      fill.style.background = FLOW_COLOURS[d];
      dirBars.append(h('li', { class: shown(d) ? '' : 'dimmed' }, h('span', { class: 'hbar-label' }, directionSwatch(d), d), h('span', { class: 'hbar' }, fill), h('span', { class: 'count', text: String(v) })));
    }
    add(container, dirBars);
    const rows = r.rows.filter(x => shown(x.direction));
    const short = { 'North→South': 'N→S', 'South→North': 'S→N', 'South→South': 'S→S', 'North→North': 'N→N', Other: 'other' };
    const table = h('table', { class: 'data-table' },
      h('caption', { class: 'sr-only', text: `Flows by ${state.by}` }),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', text: byCountry ? 'Flow' : 'Sector' }),
        h('th', { scope: 'col', text: 'Dir.', title: 'Direction' }),
        h('th', { scope: 'col', class: 'num', text: 'Firms' }))),
      h('tbody', {}, rows.map(x => {
        const edgeId = byCountry ? `flow.${x.from}.${x.to}` : `flow:${x.from}:${x.direction}`;
        return h('tr', {},
          h('td', {}, helpers.edgeButton(edgeId, byCountry ? `${x.fromName} → ${x.toName}` : x.fromName)),
          h('td', { class: 'nowrap', title: x.direction }, directionSwatch(x.direction), h('span', { 'aria-label': x.direction, text: short[x.direction] || x.direction })),
          h('td', { class: 'num', text: String(x.firms) }));
      })));
    add(container, table);
  },
};
