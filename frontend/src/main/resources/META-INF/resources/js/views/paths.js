// Path finder: two entities, the k shortest paths between them highlighted, explained step by
// step with the quote behind each link.
import { api } from '../api.js';
import { h, humanType, add } from '../dom.js';
import { selectField } from './controls.js';
import { searchBox } from '../search.js';
import { quoteFigure } from '../quotes.js';

const STEP = 170;
const LANE = 120;

/** Lanes: the start on the left, the end on the right, path i on its own row. */
export function pathPositions(nodes, paths, from, to) {
  const pos = new Map();
  const longest = Math.max(1, ...paths.map(p => p.hops));
  const width = longest * STEP;
  pos.set(from, { x: 0, y: 0 });
  pos.set(to, { x: width, y: 0 });
  paths.forEach((p, i) => {
    // Path 1 runs straight; the others alternate below and above it.
    const y = i === 0 ? 0 : (i % 2 ? 1 : -1) * Math.ceil(i / 2) * LANE;
    p.nodeIds.forEach((id, j) => {
      if (!pos.has(id)) pos.set(id, { x: (j * width) / p.hops, y });
    });
  });
  let extra = 0;
  for (const n of nodes) {
    n.position = pos.get(n.data.id) || { x: (extra++ + 0.5) * STEP, y: 2 * LANE + LANE * Math.floor(extra / 5) };
  }
}

const linkCount = (n) => `${n.toLocaleString('en')} link${n === 1 ? '' : 's'}`;

/** Choices for skipping hubs, plus the current limit when a link set another one. */
function hubOptions(current) {
  const limits = [5000, 1000, 100, 20];
  if (current && !limits.includes(current)) limits.push(current);
  return [['', 'Yes (no limit)'], ...limits.sort((a, b) => b - a).map(v => [v, `No: skip those with more than ${linkCount(v)}`])];
}

export default {
  id: 'paths',
  label: 'Paths',
  needsFocus: false,
  relFilter: 'server',
  filters: ['rels', 'ntypes', 'inferred', 'asOf'],
  ntypesServer: true,
  reloadKeys: ['from', 'to', 'k', 'hops', 'maxDegree', 'rels', 'ntypes', 'asOf', 'inferred'],
  summaryTab: 'Explanation',

  controls(state, set, ctx) {
    const from = searchBox({ label: 'From', placeholder: 'Start entity…', id: 'path-from', onPick: hit => { ctx.names.set(hit.id, hit.name); set({ from: hit.id }); } });
    const to = searchBox({ label: 'To', placeholder: 'End entity…', id: 'path-to', onPick: hit => { ctx.names.set(hit.id, hit.name); set({ to: hit.id }); } });
    if (state.from) ctx.nameOf(state.from).then(n => from.setValue(n));
    if (state.to) ctx.nameOf(state.to).then(n => to.setValue(n));
    const swap = h('button', {
      type: 'button', class: 'btn btn-small btn-ghost', text: '⇅ Swap', 'aria-label': 'Swap start and end',
      disabled: !(state.from || state.to), on: { click: () => set({ from: state.to, to: state.from }) },
    });
    return [
      from.el, to.el, h('div', { class: 'field-row' }, swap),
      selectField('Paths (k)', 'ctl-k', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(v => [v, String(v)]), state.k, v => set({ k: +v })),
      selectField('Max hops', 'ctl-hops', [1, 2, 3, 4, 5, 6, 7, 8].map(v => [v, String(v)]), state.hops, v => set({ hops: +v })),
      selectField('Pass through hubs', 'ctl-hubs', hubOptions(state.maxDegree), state.maxDegree ?? '', v => set({ maxDegree: v === '' ? null : +v }),
        'A hub (say, a supplier of thousands of firms) links everything to everything: skipping hubs shows the specific routes.'),
    ];
  },

  async load(state, ctx) {
    ctx.paths = null;
    ctx.pathsMaxDegree = null;
    if (!state.from || !state.to) {
      return {
        nodes: [], edges: [], layout: 'preset',
        empty: { kind: 'info', title: 'Pick two entities', detail: 'Choose a start and an end in the sidebar (“From” and “To”) to see how they are connected.' },
      };
    }
    const r = await api.paths({
      from: state.from, to: state.to, k: state.k, maxHops: state.hops, maxDegree: state.maxDegree ?? undefined, types: [...state.rels, ...state.ntypes],
      asOf: state.asOf ?? undefined, inferred: state.inferred ? undefined : false,
    }, { channel: 'view', label: 'Finding paths…' });
    const paths = r.meta?.paths || [];
    ctx.paths = paths;
    // What the server applied, not what was asked: the summary reports the answer.
    ctx.pathsMaxDegree = r.meta?.maxDegree ?? null;
    for (const n of r.nodes) {
      if (n.data.id === state.from || n.data.id === state.to) n.data.focal = true;
      n.data._font = 14; // a path is a small drawing seen whole: larger names
    }
    for (const e of r.edges) e.data._widthOverride = 3;
    pathPositions(r.nodes, paths, state.from, state.to);
    if (!paths.length) {
      const [a, b] = await Promise.all([ctx.nameOf(state.from), ctx.nameOf(state.to)]);
      const actions = [];
      // Skipped hubs are the likelier cause when set: offer them first.
      if (state.maxDegree) actions.push({ label: 'Also pass through hubs', patch: { maxDegree: null } });
      // Longer searches can hit the server's time limit: go to the default (6) first.
      if (state.hops < 8) {
        const more = state.hops < 6 ? 6 : 8;
        actions.push({ label: `Allow up to ${more} hops`, patch: { hops: more } });
      }
      if (!state.inferred) actions.push({ label: 'Include inferred links', patch: { inferred: true } });
      if (state.asOf) actions.push({ label: 'All years', patch: { asOf: null } });
      if (!state.ntypes.length) actions.push({ label: 'Also pass through countries and sectors', patch: { ntypes: ['Company', 'JointVenture', 'Brand', 'Site', 'Institution', 'Programme', 'Cluster', 'Person', 'Country', 'Region', 'Sector'] } });
      return {
        nodes: [], edges: [], layout: 'preset',
        empty: {
          title: `No path between ${a} and ${b} within ${state.hops} hop${state.hops === 1 ? '' : 's'}`,
          detail: `No chain of at most ${state.hops} link${state.hops === 1 ? '' : 's'}${state.asOf ? ` in force in ${state.asOf}` : ''}${state.rels.length ? ` of the chosen relationship types` : ''} connects them${state.ntypes.length ? '' : ' through organisations (countries, regions and sectors are skipped by default)'}${typeof ctx.pathsMaxDegree === 'number' ? ` without passing through an entity with more than ${linkCount(ctx.pathsMaxDegree)}` : ''}.`,
          actions,
        },
      };
    }
    return { nodes: r.nodes, edges: r.edges, layout: 'preset' };
  },

  summary(container, state, ctx, result, helpers) {
    const paths = ctx.paths;
    if (!paths) {
      add(container, h('p', { class: 'muted', text: 'Pick a start and an end to find the paths between them.' }));
      return;
    }
    if (!paths.length) {
      add(container, h('p', { class: 'muted', text: 'No path found: see the message over the graph for what to try.' }));
      return;
    }
    const limit = ctx.pathsMaxDegree;
    const hubs = typeof limit === 'number' ? `, no entity with more than ${linkCount(limit)} on the way` : '';
    add(container, h('p', { class: 'summary-lead', text: `${paths.length} shortest path${paths.length === 1 ? '' : 's'} (up to ${state.k} asked, at most ${state.hops} hops${hubs}). Select one to highlight it.` }));
    const list = h('ol', { class: 'path-list' });
    for (const p of paths) {
      const card = h('li', { class: 'path-card', dataset: { path: String(p.index) } },
        h('button', {
          type: 'button', class: 'path-head', 'aria-pressed': 'false', dataset: { path: String(p.index) },
          on: { click: (e) => helpers.highlightPath(p, e.currentTarget) },
        },
        h('span', { class: 'path-index', text: `Path ${p.index + 1}` }),
        h('span', { class: 'count', text: hopCount(p) })),
        h('p', { class: 'path-explanation', text: p.explanation }),
        h('ol', { class: 'steps' }, p.steps.map((s, i) => h('li', { class: 'step' },
          h('p', { class: 'step-sentence' },
            helpers.edgeButton(p.edgeIds[i], s.sentence),
            s.inferred ? h('span', { class: 'badge badge-inferred', text: 'inferred' }) : null),
          s.quote ? quoteFigure(s.quote, s.section) : null,
          // The year of the sentence, when the quote above does not say it.
          s.dateQuote ? quoteFigure(s.dateQuote, ['Dated by this quote', s.dateSection].filter(Boolean).join(' — '), 'quote-dating') : null,
          h('p', { class: 'muted small', text: `${s.sourceName} — ${humanType(s.type)} → ${s.targetName}` })))));
      list.append(card);
    }
    add(container, list);
  },
};

/** "3 hops", or "3 hops · 1 inferred": how much of a route no source states, before reading it. */
function hopCount(p) {
  const inferred = p.steps.filter(s => s.inferred).length;
  return `${p.hops} hop${p.hops === 1 ? '' : 's'}${inferred ? ` · ${inferred} inferred` : ''}`;
}
