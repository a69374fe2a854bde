// Colours, shapes and the Cytoscape stylesheet. One place for the visual language of the explorer.
import { countryName } from './dom.js';

export const NODE_TYPES = ['Company', 'JointVenture', 'Brand', 'Site', 'Institution', 'Programme', 'Cluster',
  'Country', 'Region', 'Sector', 'Person'];

export const REL_TYPES = ['SUBSIDIARY_OF', 'OWNS_STAKE_IN', 'ACQUIRED', 'PARTY_TO', 'SUPPLIES', 'CUSTOMER_OF',
  'PARTNER_OF', 'BRAND_OF', 'SITE_OF', 'LOCATED_IN', 'OPERATES_IN', 'INSTALLED_IN', 'ORIGINATES_FROM', 'IN_SECTOR',
  'MEMBER_OF', 'TRAINS_FOR', 'FUNDED_BY', 'SUPPORTED_BY', 'CREATED_BY', 'POSSIBLY_SAME_AS', 'DIRECTOR_OF', 'LINKED_TO'];

// The types a drawn link can have: a customer link is stored as the supply link it states
// (docs/model.md), so CUSTOMER_OF can be given (curation) but is never a filter of its own.
export const STORED_REL_TYPES = REL_TYPES.filter(t => t !== 'CUSTOMER_OF');

export const TYPE_COLOURS = {
  Company: '#2563eb', JointVenture: '#7c3aed', Brand: '#db2777', Site: '#0891b2', Institution: '#059669',
  Programme: '#65a30d', Cluster: '#ca8a04', Country: '#475569', Region: '#94a3b8', Sector: '#ea580c', Person: '#dc2626',
};

export const TYPE_SHAPES = {
  Company: 'ellipse', JointVenture: 'diamond', Brand: 'tag', Site: 'round-rectangle', Institution: 'hexagon',
  Programme: 'pentagon', Cluster: 'octagon', Country: 'rectangle', Region: 'barrel', Sector: 'round-triangle',
  Person: 'rhomboid',
};

export const SIDE_COLOURS = { north: '#1d4ed8', south: '#d97706', other: '#64748b', unknown: '#cbd5e1' };
export const SIDE_LABELS = { north: 'North', south: 'South', other: 'Other', unknown: 'Unknown' };

/** Relationship families: one colour each, so a dense view stays readable. */
export const REL_GROUPS = [
  { key: 'control', label: 'Ownership & control', colour: '#6d28d9', types: ['SUBSIDIARY_OF', 'OWNS_STAKE_IN', 'ACQUIRED', 'PARTY_TO', 'BRAND_OF', 'DIRECTOR_OF'] },
  { key: 'supply', label: 'Supply', colour: '#0f766e', types: ['SUPPLIES', 'CUSTOMER_OF'] },
  { key: 'partner', label: 'Partnership', colour: '#16a34a', types: ['PARTNER_OF'] },
  { key: 'place', label: 'Location & presence', colour: '#94a3b8', types: ['SITE_OF', 'LOCATED_IN', 'OPERATES_IN', 'INSTALLED_IN', 'ORIGINATES_FROM'] },
  { key: 'sector', label: 'Sector', colour: '#fdba74', types: ['IN_SECTOR'] },
  { key: 'support', label: 'Support & institutions', colour: '#b45309', types: ['MEMBER_OF', 'TRAINS_FOR', 'FUNDED_BY', 'SUPPORTED_BY', 'CREATED_BY'] },
  { key: 'same', label: 'Possibly the same', colour: '#e11d48', types: ['POSSIBLY_SAME_AS'] },
  // FollowTheMoney's UnknownLink: a stated link of unstated kind.
  { key: 'other', label: 'Other links', colour: '#64748b', types: ['LINKED_TO'] },
];
const REL_COLOUR = Object.fromEntries(REL_GROUPS.flatMap(g => g.types.map(t => [t, g.colour])));
export const relColour = (type) => REL_COLOUR[type] || '#94a3b8';

export const FLOW_COLOURS = {
  'North→South': '#1d4ed8', 'South→North': '#d97706', 'South→South': '#16a34a', 'North→North': '#7c3aed', Other: '#94a3b8',
};

// Fixed colours for the countries of the first dataset; others get one from the spare list by hash.
// The ten countries most firms come from get ten hues far apart (a categorical palette in the
// manner of Tableau's), so that "in which countries?" reads at a glance: Morocco and Japan, or
// Italy and Algeria, used to be two shades of one red or one green.
const COUNTRY_COLOURS = {
  France: '#1f77b4', Morocco: '#d62728', Tunisia: '#ff7f0e', Algeria: '#2ca02c', Germany: '#111827',
  'United States': '#17becf', Egypt: '#8c564b', Spain: '#9467bd', Japan: '#e377c2', Italy: '#bcbd22',
  Jordan: '#393b79', Lebanon: '#0d9488', Portugal: '#65a30d', 'United Kingdom': '#1e3a8a', Canada: '#6b6ecf',
  Belgium: '#ca8a04', Romania: '#6366f1', 'Saudi Arabia': '#15803d', Turkey: '#9f1239', Maghreb: '#fb923c',
  Libya: '#84cc16', Syria: '#a855f7', Israel: '#38bdf8', Palestine: '#4d7c0f', Greece: '#0284c7', unknown: '#cbd5e1',
};
const SPARE = ['#8b5cf6', '#14b8a6', '#f43f5e', '#84cc16', '#06b6d4', '#a855f7', '#f97316', '#22c55e', '#3b82f6',
  '#eab308', '#ec4899', '#10b981', '#6366f1', '#ef4444', '#0ea5e9', '#d946ef'];

export function countryColour(name) {
  if (!name) return COUNTRY_COLOURS.unknown;
  if (COUNTRY_COLOURS[name]) return COUNTRY_COLOURS[name];
  let hsh = 0;
  for (const ch of name) hsh = (hsh * 31 + ch.codePointAt(0)) >>> 0;
  return SPARE[hsh % SPARE.length];
}

/** Country names of a node: tiers give names, other answers an ISO code; Country nodes are their own country. */
export function nodeCountries(d) {
  if (Array.isArray(d.countries) && d.countries.length) {
    // The entity's own country first: a firm in several countries gets the colour its details name;
    // a group with no one home country is drawn as a pie of its countries (countryPie).
    const own = countryName(d.country);
    return own && d.countries.includes(own) ? [own, ...d.countries.filter(c => c !== own)] : d.countries;
  }
  if (d.type === 'Country') return [d.label];
  const c = countryName(d.country);
  return c ? [c] : [];
}

export function nodeSide(d) {
  return SIDE_COLOURS[d.side] ? d.side : 'unknown';
}

/** Slices a node can be drawn with: more countries than this share the last slice's colour. */
export const PIE_SLICES = 6;

/**
 * A group of firms with no one home country but several stated ones (Renault Tanger's next-line
 * makers, "from France, Spain, Italy and even Japan") is drawn, coloured by country, as a pie of
 * them: one colour would pass the group off as from that country alone. Null for other nodes.
 */
export function countryPie(d, mode) {
  if (mode !== 'country' || d.kind || countryName(d.country) || !Array.isArray(d.countries) || d.countries.length < 2) return null;
  const shown = d.countries.slice(0, PIE_SLICES);
  const pie = { _pie: true };
  for (let i = 1; i <= PIE_SLICES; i++) {
    pie[`_pie${i}c`] = i <= shown.length ? countryColour(shown[i - 1]) : '#000000';
    pie[`_pie${i}s`] = i <= shown.length ? 100 / shown.length : 0;
  }
  return pie;
}

export function nodeColour(d, mode) {
  if (d.kind === 'more') return '#e2e8f0';
  if (mode === 'side') return SIDE_COLOURS[nodeSide(d)];
  if (mode === 'country') return countryColour(nodeCountries(d)[0]);
  return TYPE_COLOURS[d.type] || '#64748b';
}

/**
 * The stylesheet for large views: every property costs time on each of thousands of elements, so
 * only what reads at the zoom levels such a view is seen at (no arrows, no edge captions, no label
 * backgrounds, straight "haystack" edges).
 */
function bigStylesheet() {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(_colour)', shape: 'data(_shape)', width: 'data(_w)', height: 'data(_h)',
        label: 'data(label)', 'font-size': 12, 'min-zoomed-font-size': 10, 'text-valign': 'bottom', color: '#1e293b',
      },
    },
    { selector: 'node[?focal]', style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 700, 'z-index': 20 } },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#0f172a', 'border-style': 'dashed' } },
    { selector: 'node[kind = "more"]', style: { 'border-width': 1.5, 'border-style': 'dashed', 'border-color': '#64748b', 'text-valign': 'center' } },
    { selector: 'node[kind = "tier-label"]', style: { 'background-opacity': 0, events: 'no', 'text-valign': 'center', 'font-size': 14, 'font-weight': 700, color: '#475569', 'min-zoomed-font-size': 0, 'text-transform': 'uppercase' } },
    { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0, width: 'data(_width)', 'line-color': 'data(_colour)', opacity: 0.8 } },
    { selector: 'edge[?inferred]', style: { 'line-style': 'dashed' } },
    { selector: '.filtered, .user-hidden', style: { display: 'none' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f59e0b', 'z-index': 30 } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': '#f59e0b' } },
    { selector: 'node.kbd-focus', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.25, 'overlay-padding': 8 } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.context', style: { opacity: 0.35 } },
    { selector: '.highlight', style: { 'border-width': 4, 'border-color': '#f59e0b', 'line-color': '#f59e0b', opacity: 1 } },
  ];
}

/** The Cytoscape stylesheet; `big` trades detail for speed on large views. */
export function stylesheet({ big = false } = {}) {
  if (big) return bigStylesheet();
  const s = [
    {
      selector: 'node',
      style: {
        'background-color': 'data(_colour)',
        shape: 'data(_shape)',
        width: 'data(_w)',
        height: 'data(_h)',
        'border-width': 1.5,
        'border-color': '#ffffff',
        label: 'data(label)',
        'font-family': 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif',
        'font-size': 12,
        color: '#1e293b',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        // Ellipsis measures every label up front: a quarter of the time of a 2,000-element view.
        ...(big ? {} : { 'text-wrap': 'ellipsis', 'text-max-width': 130 }),
        'min-zoomed-font-size': big ? 10 : 7,
        'overlay-padding': 4,
      },
    },
    ...(big ? [] : [{
      selector: 'node',
      style: { 'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1.5, 'text-background-shape': 'round-rectangle' },
    }]),
    { selector: 'node[_font]', style: { 'font-size': 'data(_font)' } },
    // Countries of a group with no single home country (countryPie): PIE_SLICES slices.
    { selector: 'node[?_pie]', style: { 'pie-size': '100%', 'pie-1-background-color': 'data(_pie1c)', 'pie-1-background-size': 'data(_pie1s)', 'pie-2-background-color': 'data(_pie2c)', 'pie-2-background-size': 'data(_pie2s)', 'pie-3-background-color': 'data(_pie3c)', 'pie-3-background-size': 'data(_pie3s)', 'pie-4-background-color': 'data(_pie4c)', 'pie-4-background-size': 'data(_pie4s)', 'pie-5-background-color': 'data(_pie5c)', 'pie-5-background-size': 'data(_pie5s)', 'pie-6-background-color': 'data(_pie6c)', 'pie-6-background-size': 'data(_pie6s)' } },
    { selector: 'node[?focal]', style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 700, 'font-size': 12.5, 'z-index': 20 } },
    { selector: 'node[?ultimateParent]', style: { 'border-width': 4, 'border-color': '#6d28d9', 'border-style': 'double' } },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': '#0f172a', 'border-style': 'dashed' } },
    {
      selector: 'node[kind = "more"]',
      style: {
        shape: 'round-rectangle', 'text-valign': 'center', 'text-margin-y': 0,
        'background-color': '#f1f5f9', 'border-width': 1.5, 'border-style': 'dashed', 'border-color': '#64748b',
        color: '#334155', 'font-size': 11, 'font-weight': 600, 'text-background-opacity': 0,
      },
    },
    {
      selector: 'node[kind = "tier-label"]',
      style: {
        'background-opacity': 0, 'border-width': 0, events: 'no', 'text-valign': 'center', 'text-margin-y': 0,
        'font-size': 14, 'font-weight': 700, color: '#475569', 'text-background-opacity': 0, 'min-zoomed-font-size': 0,
        'text-transform': 'uppercase',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(_width)',
        'line-color': 'data(_colour)',
        'target-arrow-color': 'data(_colour)',
        'target-arrow-shape': big ? 'none' : 'triangle',
        'arrow-scale': 0.8,
        'curve-style': big ? 'haystack' : 'bezier',
        'haystack-radius': 0,
        opacity: 0.85,
        ...(big ? {} : {
          label: 'data(_label)', 'font-size': 9, color: '#475569', 'text-rotation': 'autorotate',
          'min-zoomed-font-size': 12, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85,
          'text-background-padding': 1,
        }),
      },
    },
    { selector: 'edge[?inferred]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'edge[type = "POSSIBLY_SAME_AS"]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
    { selector: 'edge[kind = "more"]', style: { 'line-style': 'dotted', 'line-color': '#94a3b8', 'target-arrow-shape': 'none', label: '' } },
    { selector: 'edge[type = "FLOW"]', style: { 'curve-style': 'bezier', 'control-point-step-size': 40, label: 'data(label)', 'font-size': 13, 'font-weight': 700, color: '#0f172a', 'arrow-scale': 1.1, 'min-zoomed-font-size': 6, opacity: 0.8 } },
    { selector: '.filtered, .user-hidden', style: { display: 'none' } },
    // Links of the selected node, and the selected link, always show their caption.
    { selector: 'edge.near, edge:selected', style: { 'min-zoomed-font-size': 0, 'font-size': 10, color: '#0f172a', 'z-index': 15, 'text-background-opacity': 0.95 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f59e0b', 'z-index': 30 } },
    { selector: 'edge:selected', style: { width: 5, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', 'z-index': 30 } },
    { selector: 'node.kbd-focus', style: { 'overlay-color': '#f59e0b', 'overlay-opacity': 0.25, 'overlay-padding': 8 } },
    { selector: '.faded', style: { opacity: 0.15, 'text-opacity': 0.2 } },
    // Firms a filter would hide but that link a shown firm to the focus (tiers).
    { selector: 'node.context', style: { opacity: 0.35, 'text-opacity': 0.6, 'border-style': 'dotted', 'border-width': 2, 'border-color': '#64748b' } },
    { selector: 'node.highlight', style: { 'border-width': 4, 'border-color': '#f59e0b', opacity: 1, 'z-index': 25 } },
    { selector: 'edge.highlight', style: { width: 4.5, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', opacity: 1, 'z-index': 25 } },
    { selector: 'edge.path-edge', style: { width: 3.5, opacity: 1 } },
  ];
  return s;
}
