// Legend: what colours, shapes and line styles mean in the current view.
import { h, humanType } from './dom.js';
import { NODE_TYPES, TYPE_COLOURS, TYPE_SHAPES, SIDE_COLOURS, SIDE_LABELS, REL_GROUPS, FLOW_COLOURS, nodeCountries, nodeSide, countryColour, countryPie, PIE_SLICES } from './style.js';

function shape(type, colour) {
  const s = h('span', { class: `legend-shape shape-${TYPE_SHAPES[type] || 'ellipse'}`, 'aria-hidden': 'true' });
  s.style.background = colour;
  return s;
}

function dot(colour) {
  const s = h('span', { class: 'legend-shape shape-ellipse', 'aria-hidden': 'true' });
  s.style.background = colour;
  return s;
}

function line(colour, dashed = false, width = 3) {
  const s = h('span', { class: `legend-line${dashed ? ' dashed' : ''}`, 'aria-hidden': 'true' });
  s.style.borderTopColor = colour;
  s.style.borderTopWidth = `${width}px`;
  return s;
}

const item = (mark, text, count) => h('li', {}, mark, h('span', { class: 'legend-text', text }), count !== undefined ? h('span', { class: 'count', text: String(count) }) : null);

export function renderLegend(container, { nodes, edges, colourMode, view }) {
  container.replaceChildren();
  const real = nodes.filter(n => !n.data.kind);
  const types = new Map();
  for (const n of real) types.set(n.data.type, (types.get(n.data.type) || 0) + 1);
  const presentTypes = NODE_TYPES.filter(t => types.has(t));

  if (view === 'flows') {
    const dirs = new Set(edges.map(e => e.data.direction));
    container.append(
      h('p', { class: 'legend-title', text: 'Flow direction (width = firms)' }),
      h('ul', { class: 'legend-list' }, Object.entries(FLOW_COLOURS).filter(([d]) => dirs.has(d)).map(([d, c]) => item(line(c, false, 5), d))),
      h('p', { class: 'legend-title', text: 'Countries' }),
      h('ul', { class: 'legend-list' }, ['north', 'south', 'other'].map(s => item(dot(SIDE_COLOURS[s]), SIDE_LABELS[s]))));
    return;
  }

  if (colourMode === 'type') {
    container.append(h('p', { class: 'legend-title', text: 'Node colour and shape: type' }),
      h('ul', { class: 'legend-list' }, presentTypes.map(t => item(shape(t, TYPE_COLOURS[t]), humanType(t), types.get(t)))));
  } else {
    const counts = new Map();
    for (const n of real) {
      // A group drawn as a pie of its countries shows each of their colours.
      const keys = colourMode === 'side' ? [nodeSide(n.data)]
        : countryPie(n.data, colourMode) ? nodeCountries(n.data).slice(0, PIE_SLICES) : [nodeCountries(n.data)[0] || 'unknown'];
      for (const key of keys) counts.set(key, (counts.get(key) || 0) + 1);
    }
    let entries = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const rest = entries.slice(14).reduce((a, [, v]) => a + v, 0);
    entries = entries.slice(0, 14);
    container.append(h('p', { class: 'legend-title', text: colourMode === 'side' ? 'Node colour: North / South' : 'Node colour: country' }),
      h('ul', { class: 'legend-list' },
        entries.map(([k, v]) => item(dot(colourMode === 'side' ? SIDE_COLOURS[k] : countryColour(k === 'unknown' ? null : k)), colourMode === 'side' ? SIDE_LABELS[k] : k, v)),
        rest ? item(dot('#e2e8f0'), 'other countries', rest) : null),
      h('p', { class: 'legend-title', text: 'Node shape: type' }),
      h('ul', { class: 'legend-list legend-compact' }, presentTypes.map(t => item(shape(t, '#94a3b8'), humanType(t)))));
  }
  const relTypes = new Set(edges.filter(e => !e.data.kind).map(e => e.data.type));
  const groups = REL_GROUPS.filter(g => g.types.some(t => relTypes.has(t)));
  if (groups.length) {
    container.append(h('p', { class: 'legend-title', text: 'Links' }),
      h('ul', { class: 'legend-list' },
        groups.map(g => item(line(g.colour), g.label)),
        edges.some(e => e.data.inferred) ? item(line('#64748b', true), 'inferred (dashed)') : null));
  }
  const marks = [];
  if (real.some(n => n.data.focal)) marks.push(item(h('span', { class: 'legend-shape shape-ellipse legend-ring', 'aria-hidden': 'true' }), 'focus'));
  if (real.some(n => n.data.ultimateParent)) marks.push(item(h('span', { class: 'legend-shape shape-ellipse legend-ring legend-ring-parent', 'aria-hidden': 'true' }), 'ultimate parent'));
  if (nodes.some(n => n.data.kind === 'more')) marks.push(item(h('span', { class: 'legend-more', 'aria-hidden': 'true', text: '+N' }), 'more links: click to load'));
  if (marks.length) container.append(h('ul', { class: 'legend-list' }, marks));
}
