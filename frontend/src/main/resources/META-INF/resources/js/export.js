// Export of the current view: PNG picture, Cytoscape JSON (.cyjs) and GraphML, all made in the browser.

/** Data of an element without the explorer's own style fields. */
function cleanData(data) {
  const out = {};
  for (const [k, v] of Object.entries(data)) {
    if (!k.startsWith('_') && v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * What an element of the view exports: its data, and `context: true` for a firm a filter hides but
 * that is drawn faded because it links a shown firm to the focus, so a reader of the file can tell
 * it from what the filter asked for.
 */
function exported(el) {
  const data = cleanData(el.data());
  if (el.hasClass('context')) data.context = true;
  return data;
}

/** PNG of the whole visible view as a data URL (image/png;base64). */
export function pngDataUrl(cy, { scale = 2 } = {}) {
  return cy.png({ output: 'base64uri', full: true, scale, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 });
}

/**
 * Cytoscape JSON as Cytoscape desktop reads it (.cyjs): elements with their data and positions.
 * Only what is shown is exported (filtered and hidden elements and "+N more" helpers are left out;
 * faded context firms are in, marked).
 */
export function cyjs(cy, { name = 'Filière view', state } = {}) {
  const shown = cy.elements().not('.filtered, .user-hidden').not('[kind]');
  const nodes = [];
  const edges = [];
  shown.forEach((el) => {
    const item = { data: exported(el) };
    if (el.isNode()) {
      const p = el.position();
      item.position = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
      nodes.push(item);
    } else {
      edges.push(item);
    }
  });
  return JSON.stringify({
    format_version: '1.0',
    generated_by: 'Filière',
    target_cytoscapejs_version: '~3.33',
    data: { name, shared_name: name, ...(state ? { filiere_view: state } : {}) },
    elements: { nodes, edges },
  }, null, 2);
}

// --- GraphML -------------------------------------------------------------------------------------

// XML 1.0 allows tab, newline, carriage return and characters from U+0020 on (minus surrogates and FFFE/FFFF).
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(value) {
  return String(value).replace(INVALID_XML, '').replace(/[&<>"']/g, c => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;',
  })[c]);
}

function graphmlType(values) {
  let t = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const vt = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : 'string';
    if (t === null) t = vt;
    else if (t !== vt) {
      if ((t === 'long' && vt === 'double') || (t === 'double' && vt === 'long')) t = 'double';
      else return 'string';
    }
  }
  return t || 'string';
}

function graphmlValue(v, type) {
  if (Array.isArray(v) || (v && typeof v === 'object')) return JSON.stringify(v);
  if (type === 'string') return String(v);
  return String(v);
}

/** GraphML document of the shown elements; lists and objects are written as JSON text. */
export function graphml(cy, { name = 'Filière view' } = {}) {
  const shown = cy.elements().not('.filtered, .user-hidden').not('[kind]');
  const nodes = shown.nodes().map(exported);
  const edges = shown.edges().map(exported);
  const keys = [];
  const collect = (items, domain, skip) => {
    const names = new Map();
    for (const it of items) for (const [k, v] of Object.entries(it)) {
      if (skip.includes(k)) continue;
      if (!names.has(k)) names.set(k, []);
      names.get(k).push(Array.isArray(v) || (v && typeof v === 'object') ? 'x' : v);
    }
    let i = 0;
    const map = new Map();
    for (const [k, values] of names) {
      const id = `${domain === 'node' ? 'n' : 'e'}${i++}`;
      const type = [...values].some(v => v === 'x') ? 'string' : graphmlType(values);
      map.set(k, { id, type });
      keys.push(`  <key id="${id}" for="${domain}" attr.name="${xmlEscape(k)}" attr.type="${type}"/>`);
    }
    return map;
  };
  const nodeKeys = collect(nodes, 'node', ['id']);
  const edgeKeys = collect(edges, 'edge', ['id', 'source', 'target']);
  const dataLines = (item, map, skip) => Object.entries(item)
    .filter(([k, v]) => !skip.includes(k) && v !== null && v !== undefined)
    .map(([k, v]) => `      <data key="${map.get(k).id}">${xmlEscape(graphmlValue(v, map.get(k).type))}</data>`);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys,
    `  <graph id="${xmlEscape(name)}" edgedefault="directed">`,
  ];
  for (const n of nodes) {
    out.push(`    <node id="${xmlEscape(n.id)}">`, ...dataLines(n, nodeKeys, ['id']), '    </node>');
  }
  for (const e of edges) {
    out.push(`    <edge id="${xmlEscape(e.id)}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">`,
      ...dataLines(e, edgeKeys, ['id', 'source', 'target']), '    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/** Saves text or a data URL as a file through a temporary link. */
export function download(filename, content, type) {
  let href;
  let revoke = false;
  if (typeof content === 'string' && content.startsWith('data:')) {
    href = content;
  } else {
    href = URL.createObjectURL(new Blob([content], { type }));
    revoke = true;
  }
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(href), 4000);
}

export function fileStem(state) {
  const parts = ['filiere', state.view];
  if (state.view === 'paths') parts.push(state.from || 'x', 'to', state.to || 'y');
  else if (state.view === 'flows') parts.push(state.by);
  else if (state.focus) parts.push(state.focus);
  if (state.asOf) parts.push(String(state.asOf));
  return parts.join('-');
}
