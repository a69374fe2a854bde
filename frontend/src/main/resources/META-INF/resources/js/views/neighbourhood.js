// Neighbourhood view: an entity and its neighbours, expandable in place, with "+N more" pages.
import { api } from '../api.js';
import { h, humanType, add } from '../dom.js';
import { NODE_TYPES } from '../style.js';
import { selectField } from './controls.js';

/** Parses an expansion token "id" or "id@offset". */
export function parseToken(t) {
  const at = t.lastIndexOf('@');
  if (at < 0) return { id: t, offset: 0 };
  const offset = Number.parseInt(t.slice(at + 1), 10);
  return { id: t.slice(0, at), offset: Number.isFinite(offset) && offset > 0 ? offset : 0 };
}

export const token = (id, offset) => (offset > 0 ? `${id}@${offset}` : id);

/** What the browser holds of a neighbourhood: merged answers of the base request and each expansion. */
class Model {
  constructor(focus, limit) {
    this.focus = focus;
    this.limit = limit;
    this.nodes = new Map();
    this.edges = new Map();
    this.pages = new Map(); // id → {next, remaining}
    this.expanded = new Set();
  }

  /** Merges an answer; `pageOf`/`offset` say which node's page it is (null for the base answer). */
  merge(resp, pageOf = null, offset = 0) {
    const newNodes = [];
    const newEdges = [];
    for (const n of resp.nodes) {
      const d = { ...n.data };
      const id = d.id;
      const hidden = d.hiddenNeighbours || 0;
      delete d.hiddenNeighbours;
      if (pageOf === null) {
        if (hidden > 0) this.pages.set(id, { next: (id === this.focus ? offset : 0) + this.limit, remaining: hidden });
      } else if (id === pageOf) {
        this.pages.set(id, { next: offset + this.limit, remaining: hidden });
      }
      if (id === this.focus) d.focal = true;
      else delete d.focal;
      if (!this.nodes.has(id)) {
        this.nodes.set(id, d);
        newNodes.push(id);
      }
    }
    for (const e of resp.edges) {
      if (!this.edges.has(e.data.id)) {
        this.edges.set(e.data.id, { ...e.data });
        newEdges.push(e.data.id);
      }
    }
    if (pageOf) this.expanded.add(pageOf);
    else this.expanded.add(this.focus);
    return { newNodes, newEdges };
  }

  moreElements(onlyFor = null) {
    const nodes = [];
    const edges = [];
    for (const [id, p] of this.pages) {
      if (onlyFor && id !== onlyFor) continue;
      if (p.remaining > 0 && this.nodes.has(id)) {
        nodes.push({ data: { id: `more:${id}`, kind: 'more', of: id, offset: p.next, label: `+${p.remaining} more` } });
        edges.push({ data: { id: `more-edge:${id}`, source: id, target: `more:${id}`, kind: 'more' } });
      }
    }
    return { nodes, edges };
  }

  elements() {
    const more = this.moreElements();
    return {
      nodes: [...[...this.nodes.values()].map(data => ({ data })), ...more.nodes],
      edges: [...[...this.edges.values()].map(data => ({ data })), ...more.edges],
    };
  }
}

function params(state, extra = {}) {
  return {
    depth: 1, limit: state.limit, types: state.rels, asOf: state.asOf ?? undefined,
    inferred: state.inferred ? undefined : false, ...extra,
  };
}

export default {
  id: 'neighbourhood',
  label: 'Neighbourhood',
  needsFocus: true,
  relFilter: 'server',
  filters: ['rels', 'ntypes', 'countries', 'sectors', 'inferred', 'asOf'],
  reloadKeys: ['focus', 'depth', 'limit', 'rels', 'asOf', 'inferred'],
  summaryTab: 'Overview',

  controls(state, set) {
    return [
      selectField('Depth', 'ctl-depth', [1, 2, 3].map(v => [v, v === 1 ? '1 — direct links' : `${v} steps`]), state.depth, v => set({ depth: +v, expand: [] })),
      selectField('Links per node', 'ctl-limit', [10, 25, 50, 100, 200, 500].map(v => [v, String(v)]), state.limit, v => set({ limit: +v, expand: [] }),
        'Each expanded node shows at most this many links; the rest wait behind a “+N more” node.'),
    ];
  },

  async load(state, ctx) {
    const base = await api.neighbourhood(state.focus, params(state, { depth: state.depth }), { channel: 'view', label: 'Loading neighbourhood…' });
    const model = new Model(state.focus, state.limit);
    model.merge(base);
    for (const t of state.expand) {
      const { id, offset } = parseToken(t);
      if (!model.nodes.has(id)) continue;
      const page = await api.neighbourhood(id, params(state, { offset }), { channel: 'view', label: 'Restoring expansions…' });
      model.merge(page, id, offset);
    }
    ctx.model = model;
    const focus = model.nodes.get(state.focus);
    const els = model.elements();
    return {
      ...els,
      layout: 'force',
      truncated: base.truncated,
      total: base.total,
      empty: model.nodes.size <= 1 ? {
        title: `No links to show for ${focus?.label || state.focus}`,
        detail: state.asOf || state.rels.length || !state.inferred
          ? 'Nothing matches the current filters: try all years, all relationship types or inferred links.'
          : 'No source in the graph states a relationship for this entity.',
        actions: state.asOf || state.rels.length || !state.inferred
          ? [{ label: 'Clear these filters', patch: { asOf: null, rels: [], inferred: true } }]
          : [],
      } : null,
    };
  },

  /** Loads one page of a node's links; returns the elements to add (with a fresh "+N more" node). */
  async expand(state, ctx, id, offset) {
    const model = ctx.model;
    const before = model.pages.get(id);
    const page = await api.neighbourhood(id, params(state, { offset }), { channel: 'expand', label: 'Expanding…' });
    const { newNodes, newEdges } = model.merge(page, id, offset);
    const more = model.moreElements(id);
    return {
      nodes: [...newNodes.map(n => ({ data: model.nodes.get(n) })), ...more.nodes],
      edges: [...newEdges.map(e => ({ data: model.edges.get(e) })), ...more.edges],
      added: newNodes.length,
      had: before,
    };
  },

  summary(container, state, ctx, result, helpers) {
    const model = ctx.model;
    if (!model) return;
    const counts = new Map();
    for (const d of model.nodes.values()) counts.set(d.type, (counts.get(d.type) || 0) + 1);
    const rows = NODE_TYPES.filter(t => counts.has(t)).map(t => h('li', {}, h('span', { class: `type-dot type-${t}`, 'aria-hidden': 'true' }),
      h('span', { text: humanType(t) }), h('span', { class: 'count', text: String(counts.get(t)) })));
    const morePages = [...model.pages.entries()].filter(([, p]) => p.remaining > 0);
    add(container, 
      h('p', { class: 'summary-lead', text: `${model.nodes.size} entities and ${model.edges.size} links around ${model.nodes.get(state.focus)?.label || state.focus}.` }),
      h('ul', { class: 'type-counts' }, rows),
      morePages.length ? h('p', { class: 'muted', text: `${morePages.reduce((a, [, p]) => a + p.remaining, 0)} more links are behind “+N more” nodes: click one (or press Enter on it) to load the next page.` }) : null,
      helpers.hiddenList(), helpers.pinnedList());
  },
};
