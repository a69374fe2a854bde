// Ownership view: the control chain up to the ultimate parent(s) and the group tree below,
// drawn as a tree (rows by level: controllers above what they control), shares and years on edges.
import { api } from '../api.js';
import { h, add } from '../dom.js';
import { checkboxField } from './controls.js';

const ROW_GAP = 130;
const COL_GAP = 175;

/**
 * Levels relative to the focus from the control edges (controller one level above what it controls),
 * breadth-first from the focus so that every node gets its shortest relation to it.
 */
export function levels(focus, nodes, edges) {
  const up = new Map();   // controlled → controllers
  const down = new Map(); // controller → controlled
  for (const e of edges) {
    const c = e.data.controller;
    const o = e.data.controlled;
    if (!c || !o || c === o) continue;
    if (!up.has(o)) up.set(o, []);
    if (!down.has(c)) down.set(c, []);
    up.get(o).push(c);
    down.get(c).push(o);
  }
  const level = new Map([[focus, 0]]);
  const queue = [focus];
  while (queue.length) {
    const id = queue.shift();
    const l = level.get(id);
    for (const c of up.get(id) || []) if (!level.has(c)) { level.set(c, l + 1); queue.push(c); }
    for (const o of down.get(id) || []) if (!level.has(o)) { level.set(o, l - 1); queue.push(o); }
  }
  for (const n of nodes) if (!level.has(n.data.id)) level.set(n.data.id, n.data.level ?? 0);
  return { level, up, down };
}

/** Layered tree positions: rows by level, order within a row by the barycentre of linked nodes. */
export function treePositions(focus, nodes, edges) {
  const { level, up, down } = levels(focus, nodes, edges);
  const rows = new Map();
  for (const n of nodes) {
    const l = level.get(n.data.id);
    n.data.level = l;
    if (!rows.has(l)) rows.set(l, []);
    rows.get(l).push(n);
  }
  const order = [...rows.keys()].sort((a, b) => b - a); // top (highest level) first
  const x = new Map();
  const place = (row) => {
    const list = rows.get(row);
    list.forEach((n, i) => x.set(n.data.id, (i - (list.length - 1) / 2) * COL_GAP));
  };
  const bary = (id, links) => {
    const xs = (links.get(id) || []).filter(o => x.has(o)).map(o => x.get(o));
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  rows.get(order[0]).sort((a, b) => String(a.data.label).localeCompare(String(b.data.label)));
  place(order[0]);
  // Two sweeps (down, then up) of barycentre ordering reduce edge crossings.
  for (const [seq, links] of [[order.slice(1), up], [order.slice(0, -1).reverse(), down], [order.slice(1), up]]) {
    for (const row of seq) {
      const list = rows.get(row);
      list.sort((a, b) => (bary(a.data.id, links) ?? x.get(a.data.id) ?? 0) - (bary(b.data.id, links) ?? x.get(b.data.id) ?? 0)
        || String(a.data.label).localeCompare(String(b.data.label)));
      place(row);
    }
  }
  for (const n of nodes) n.position = { x: x.get(n.data.id), y: -level.get(n.data.id) * ROW_GAP };
  return level;
}

export default {
  id: 'ownership',
  label: 'Ownership',
  needsFocus: true,
  relFilter: 'client',
  relChoices: ['SUBSIDIARY_OF', 'OWNS_STAKE_IN', 'ACQUIRED', 'PARTY_TO', 'BRAND_OF'],
  filters: ['rels', 'ntypes', 'countries', 'inferred', 'asOf'],
  reloadKeys: ['focus', 'group', 'asOf', 'inferred'],
  summaryTab: 'Control chain',

  controls(state, set) {
    return [checkboxField('Whole group', 'ctl-group', state.group, v => set({ group: v }),
      'Also show the rest of the group below the ultimate parent(s), not only the chain through this entity.')];
  },

  async load(state, ctx) {
    const p = { asOf: state.asOf ?? undefined, inferred: state.inferred ? undefined : false };
    const r = await api.ownership(state.focus, p, { channel: 'view', label: 'Loading ownership…' });
    const nodes = new Map(r.nodes.map(n => [n.data.id, { data: { ...n.data } }]));
    const edges = new Map(r.edges.map(e => [e.data.id, { data: { ...e.data } }]));
    const tops = r.meta?.ultimateParents || [];
    const inferredTops = r.meta?.ultimateParentsInferred || [];
    if (state.group) {
      for (const top of tops) {
        const g = await api.ownership(top, p, { channel: 'view', label: 'Loading the group…' });
        for (const n of g.nodes) if (!nodes.has(n.data.id)) nodes.set(n.data.id, { data: { ...n.data } });
        for (const e of g.edges) if (!edges.has(e.data.id)) edges.set(e.data.id, { data: { ...e.data } });
      }
    }
    for (const n of nodes.values()) {
      n.data.focal = n.data.id === state.focus;
      n.data.ultimateParent = tops.includes(n.data.id) || undefined;
      if (!n.data.ultimateParent) delete n.data.ultimateParent;
      if (!n.data.focal) delete n.data.focal;
    }
    const nodeList = [...nodes.values()];
    const edgeList = [...edges.values()];
    treePositions(state.focus, nodeList, edgeList);
    ctx.ownership = { tops, inferredTops, nodes, edges };
    const name = nodes.get(state.focus)?.data.label || state.focus;
    return {
      nodes: nodeList,
      edges: edgeList,
      layout: 'preset',
      empty: edgeList.length === 0 ? {
        title: `No ownership or control links for ${name}`,
        detail: `No source in the graph names a parent, subsidiary, stake, acquisition, brand or joint venture of ${name}${state.asOf ? ` in force in ${state.asOf}` : ''}.`,
      } : null,
    };
  },

  summary(container, state, ctx, result, helpers) {
    const o = ctx.ownership;
    if (!o) return;
    const name = (id) => o.nodes.get(id)?.data.label || id;
    // Ancestors of the focus: everything reachable upwards through links that give control (a
    // stake or a joint-venture part without a stated majority does not).
    const ancestors = new Set();
    const stack = [state.focus];
    while (stack.length) {
      const id = stack.pop();
      for (const e of o.edges.values()) {
        if (e.data.controls !== false && e.data.controlled === id && !ancestors.has(e.data.controller) && e.data.controller !== state.focus) {
          ancestors.add(e.data.controller);
          stack.push(e.data.controller);
        }
      }
    }
    const descendants = new Set();
    const todo = [state.focus];
    while (todo.length) {
      const id = todo.pop();
      for (const e of o.edges.values()) {
        if (e.data.controller === id && !descendants.has(e.data.controlled) && e.data.controlled !== state.focus) {
          descendants.add(e.data.controlled);
          todo.push(e.data.controlled);
        }
      }
    }
    const below = descendants.size;
    const above = ancestors.size;
    add(container, h('p', { class: 'summary-lead', text: `${name(state.focus)}: ${above} controller${above === 1 ? '' : 's'} above, ${below} entit${below === 1 ? 'y' : 'ies'} below (held, acquired or joint ventures).` }));
    add(container, h('h3', { class: 'detail-heading', text: 'Ultimate parent' + (o.tops.length === 1 ? '' : 's') }));
    // Holders of a stake, and parties to a joint venture, without a stated majority are drawn
    // above, but are not parents.
    const notControlling = [...o.edges.values()].filter(e => e.data.controls === false && e.data.controlled === state.focus);
    const holders = notControlling.filter(e => e.data.type !== 'PARTY_TO').map(e => e.data.controller);
    const parties = notControlling.filter(e => e.data.type === 'PARTY_TO').map(e => e.data.controller);
    const list = (ids) => [...new Set(ids)].map(name).sort((a, b) => a.localeCompare(b)).join(', ');
    const others = [
      parties.length ? `${name(state.focus)} is a joint venture of ${list(parties)}` : null,
      holders.length ? `${list(holders)} hold${new Set(holders).size === 1 ? 's' : ''} a stake in it` : null,
    ].filter(Boolean).join('; ');
    if (!o.tops.length) {
      add(container, h('p', { class: 'muted', text: others
        ? `${others}. No source in the graph says who controls it (a stake or a joint-venture part is control only when a source states a majority).`
        : `No source in the graph names a parent, owner or acquirer of ${name(state.focus)}${state.asOf ? ` in force in ${state.asOf}` : ''}.` }));
    } else {
      add(container, h('ul', { class: 'plain-list' }, o.tops.map(t => h('li', {}, helpers.entityButton(t, name(t)),
        o.inferredTops.includes(t) ? h('span', { class: 'muted small', text: ' — only through an inferred link (see the chain below)' }) : null))));
      if (others) add(container, h('p', { class: 'muted small', text: `Also, without a stated majority: ${others}.` }));
    }
    const chainEdges = [...o.edges.values()].filter(e => ancestors.has(e.data.controller)
      && (e.data.controlled === state.focus || ancestors.has(e.data.controlled)));
    if (chainEdges.length) {
      // One step per pair of entities, with every link between them: "acquired, 2012" and
      // "subsidiary of" are two links of one step, not two steps.
      const steps = new Map();
      for (const e of chainEdges.sort((a, b) => (o.nodes.get(a.data.controlled).data.level) - (o.nodes.get(b.data.controlled).data.level))) {
        const key = `${e.data.controlled} ${e.data.controller}`;
        if (!steps.has(key)) steps.set(key, []);
        steps.get(key).push(e);
      }
      // Within a step: stated links first, then by date, so the order does not depend on the store's.
      for (const links of steps.values()) links.sort(byStatedThenDate);
      add(container, h('h3', { class: 'detail-heading', text: 'Chain to the top' }),
        h('ol', { class: 'chain' }, [...steps.values()].map(links => h('li', {},
          h('span', { text: `${name(links[0].data.controlled)} ← ${name(links[0].data.controller)}: ` }),
          ...links.flatMap((e, i) => [i ? ', ' : null,
            helpers.edgeButton(e.data.id, `${e.data.label}${dated(e.data)}${e.data.inferred ? ' (inferred)' : ''}`)])
            .filter(Boolean)))));
    }
    const belowList = [...o.nodes.values()].filter(n => descendants.has(n.data.id)).sort((a, b) => b.data.level - a.data.level || a.data.label.localeCompare(b.data.label));
    if (belowList.length) {
      // Say how each one hangs below: a joint venture is not controlled by one partner, and the
      // report seldom says more than that the focus is a party to it.
      const edges = [...o.edges.values()];
      const kinds = { SUBSIDIARY_OF: 'subsidiary', BRAND_OF: 'brand', OWNS_STAKE_IN: 'stake', ACQUIRED: 'acquired', PARTY_TO: 'joint venture' };
      const below = level => (level === -1 ? 'directly' : `${-level} levels down`);
      const how = id => {
        // Stated links first, then inferred ones ("acquired 2014, subsidiary (since 2014) (inferred)").
        const into = edges.filter(x => x.data.controlled === id).sort(byStatedThenDate);
        if (!into.length) return '';
        return ' · ' + into.map(({ data: d }) => {
          const share = typeof d.share === 'number' ? ` ${Math.round(d.share * 1000) / 10}%` : '';
          return `${kinds[d.type] || d.label}${share}${dated(d)}${d.inferred ? ' (inferred)' : ''}`;
        }).join(', ');
      };
      add(container, h('h3', { class: 'detail-heading', text: 'Below the focus (directly or not)' }),
        h('ul', { class: 'plain-list' }, belowList.map(n => h('li', {}, helpers.entityButton(n.data.id, n.data.label),
          h('span', { class: 'muted', text: ` ${below(n.data.level)}${how(n.data.id)}` })))));
    }
    if (state.group) {
      const others = [...o.nodes.values()].filter(n => n.data.id !== state.focus && !ancestors.has(n.data.id) && !descendants.has(n.data.id)).length;
      if (others) add(container, h('p', { class: 'muted', text: `${others} other member${others === 1 ? '' : 's'} of the group are drawn too (“Whole group”).` }));
    }
  },
};

// Links between the same two entities: stated first, then by date, so that the order does not
// depend on the store's.
const when = d => d.year ?? d.start ?? 9999;
function byStatedThenDate(a, b) {
  return Number(!!a.data.inferred) - Number(!!b.data.inferred) || when(a.data) - when(b.data)
    || String(a.data.label).localeCompare(String(b.data.label));
}

/** " 2012" for an event's year, " (since 2013)" for a link that only gives its start. */
function dated(d) {
  return d.year ? ` ${d.year}` : d.start ? ` (since ${d.start})` : '';
}
