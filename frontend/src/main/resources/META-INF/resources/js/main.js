// The explorer: wires the URL state, the views, the graph, the panels and the exports together.
import { api } from './api.js';
import * as State from './state.js';
import { GraphView } from './graph-view.js';
import { searchBox } from './search.js';
import { renderNode, renderEdge, renderEmpty } from './panels.js';
import { renderFilters, renderTime, predicates, sectorIndex } from './filters.js';
import { renderLegend } from './legend.js';
import * as Export from './export.js';
import { showMessage, clearMessage, showError, toast } from './feedback.js';
import { h, $, $$, replace, humanType } from './dom.js';
import * as Auth from './auth.js';
import * as Curation from './curation.js';
import * as Upload from './upload.js';
import neighbourhood, { token as expandToken } from './views/neighbourhood.js';
import tiers from './views/tiers.js';
import ownership from './views/ownership.js';
import paths from './views/paths.js';
import flows from './views/flows.js';

const VIEWS = { neighbourhood, tiers, ownership, paths, flows };

let state = State.parse();
let result = { nodes: [], edges: [] };
let loadSeq = 0;

/** What the views share: the last answers they keep, and entity names. */
const ctx = {
  names: new Map(),
  /** Name of an entity, from what was seen or from the API. */
  async nameOf(id) {
    if (!id) return '';
    if (ctx.names.has(id)) return ctx.names.get(id);
    try {
      const e = await api.entity(id);
      ctx.names.set(id, e.name);
      return e.name;
    } catch {
      return id;
    }
  },
};
const nameNow = (id) => ctx.names.get(id) || graph.cy?.getElementById(id)?.data('label') || id;

const view = () => VIEWS[state.view];
const colourMode = () => state.colour || view().defaultColour || 'type';

// --- test and automation hooks -------------------------------------------------------------------
const hooks = {
  ready: false,
  renders: 0,
  loads: 0,
  message: null,
  lastRender: null,
  state: () => structuredClone(state),
  nodeIds: () => graph.visible().nodes.map(n => n.id()).sort(),
  edgeIds: () => graph.visible().edges.map(e => e.id()).sort(),
  allNodeIds: () => (graph.cy ? graph.cy.nodes().not('[kind]').map(n => n.id()).sort() : []),
  moreNodes: () => (graph.cy ? graph.cy.nodes('[kind = "more"]').map(n => ({ id: n.id(), of: n.data('of'), label: n.data('label'), visible: n.visible() })) : []),
  keyboardNode: () => graph.kbdNode?.id() ?? null,
  positions: () => (graph.cy ? Object.fromEntries(graph.cy.nodes().map(n => [n.id(), { ...n.position() }])) : {}),
  select: (id) => selectById(id),
  expand: (id) => expand(id),
  navigate: (patch) => navigate(patch),
  exportCyjs: () => Export.cyjs(graph.cy, { name: Export.fileStem(state), state: State.serialise(state) }),
  exportPng: () => Export.pngDataUrl(graph.cy),
  exportGraphml: () => Export.graphml(graph.cy, { name: Export.fileStem(state) }),
  session: () => Auth.current(),
  tab: () => currentTab(),
  cy: () => graph.cy,
};
window.filiere = hooks;

// --- graph ---------------------------------------------------------------------------------------
const graph = new GraphView($('#cy'), {
  select: (ele) => {
    if (!ele) {
      state.sel = null;
      State.replaceUrl(state);
      graph.select(null);
      graph.highlight(null);
      clearDetails();
      return;
    }
    graph.select(ele.id());
    setSelection(ele.id());
    showTab('details');
  },
  activate: (d) => activate(d),
  more: (d) => expand(d.of, d.offset),
  hide: (d) => hideNode(d.id),
  pin: (d) => togglePin(d.id),
  announce: (text) => { $('#announce').textContent = text; },
});

// --- navigation ----------------------------------------------------------------------------------

/**
 * Changes the state. Reloads from the API when something the API answers for changed; otherwise
 * re-applies the in-browser filters. `history`: 'push' (default), 'replace' or 'none'.
 */
function navigate(patch, { history = 'push' } = {}) {
  const prev = state;
  const next = { ...state, ...patch };
  if (patch.view && patch.view !== prev.view) {
    Object.assign(next, { expand: [], hide: [], pin: [], sel: patch.sel ?? null, colour: patch.colour ?? null });
  }
  if (patch.focus !== undefined && patch.focus !== prev.focus) {
    Object.assign(next, { expand: patch.expand ?? [], hide: patch.hide ?? [], pin: patch.pin ?? [], sel: patch.sel ?? patch.focus });
  }
  state = next;
  if (history === 'push') State.push(state);
  else if (history === 'replace') State.replaceUrl(state);
  const v = view();
  const reload = prev.view !== state.view
    || v.reloadKeys.some(k => JSON.stringify(prev[k]) !== JSON.stringify(state[k]))
    || (state.view === 'neighbourhood' && JSON.stringify(prev.expand) !== JSON.stringify(state.expand) && state.expand.length < prev.expand.length);
  if (reload) load();
  else refreshClient();
}

window.addEventListener('popstate', () => {
  state = State.parse();
  load();
});

/** Loads the current view from the API and draws it. */
async function load() {
  const seq = ++loadSeq;
  hooks.ready = false;
  clearMessage();
  const v = view();
  renderChrome();
  renderControls();
  if (v.needsFocus && !state.focus) {
    result = { nodes: [], edges: [] };
    draw(result);
    welcome();
    finish();
    return;
  }
  let res;
  try {
    res = await v.load(state, ctx);
  } catch (e) {
    if (e.name === 'AbortError' || seq !== loadSeq) return;
    result = { nodes: [], edges: [] };
    draw(result);
    showError(e, state.focus && v.needsFocus ? `Could not load the ${v.label.toLowerCase()} of “${state.focus}”` : `Could not load ${v.label.toLowerCase()}`);
    renderSidePanels();
    finish();
    return;
  }
  if (seq !== loadSeq) return;
  hooks.loads++;
  result = res;
  for (const n of res.nodes) if (n.data.label && !n.data.kind) ctx.names.set(n.data.id, n.data.label);
  draw(res);
  if (res.empty) {
    showMessage(res.empty.kind || 'empty', res.empty.title, res.empty.detail,
      (res.empty.actions || []).map(a => ({ label: a.label, run: () => navigate(a.patch) })));
  }
  renderSidePanels();
  if (state.sel && !selectById(state.sel, { quiet: true })) state.sel = null;
  if (!state.sel) {
    const focal = state.focus ? graph.cy.getElementById(state.focus) : null;
    if (focal?.nonempty()) renderDetails(focal);
    else clearDetails();
    showTab(state.view === 'neighbourhood' || !res.nodes.length ? 'details' : 'summary');
  } else {
    showTab('details');
  }
  finish();
}

function finish() {
  hooks.ready = true;
  hooks.renders++;
  document.dispatchEvent(new CustomEvent('filiere:rendered'));
}

function pinnedPositions() {
  const fixed = {};
  for (const p of state.pin) {
    const m = /^(.*)@(-?[\d.]+),(-?[\d.]+)$/.exec(p);
    if (m) fixed[m[1]] = { x: Number(m[2]), y: Number(m[3]) };
  }
  return fixed;
}

function draw(res) {
  const t0 = performance.now();
  graph.render(res, { layout: res.layout || 'force', colourMode: colourMode(), fixed: pinnedPositions(), beforeLayout: applyVisibility });
  const stats = (painted) => ({ ms: Math.round(performance.now() - t0), painted, nodes: graph.cy.nodes().length, edges: graph.cy.edges().length, phases: graph.timings });
  hooks.lastRender = stats(false);
  // The time until the browser has painted the new view: the task after the next animation frame.
  requestAnimationFrame(() => setTimeout(() => { hooks.lastRender = stats(true); }, 0));
  updateStatus(res);
}

function currentElements() {
  if (!graph.cy) return { nodes: [], edges: [] };
  return {
    nodes: graph.cy.nodes().map(n => ({ data: n.data() })),
    edges: graph.cy.edges().map(e => ({ data: e.data() })),
  };
}

function applyVisibility() {
  const els = currentElements();
  const { nodeOk, edgeOk } = predicates(state, view(), sectorIndex(els.nodes, els.edges));
  graph.applyVisibility(nodeOk, edgeOk, state.hide, { chains: view().keepChains ? state.direction : null });
}

/** Re-applies what the browser decides alone: filters, colours, hidden and pinned nodes, selection. */
function refreshClient() {
  graph.setColourMode(colourMode());
  applyVisibility();
  for (const [id] of Object.entries(pinnedPositions())) graph.setPinned(id, true);
  renderChrome();
  renderControls();
  renderSidePanels();
  updateStatus(result);
  if (state.sel) selectById(state.sel, { quiet: true });
  finish();
}

function updateStatus(res) {
  const v = graph.visible();
  const parts = [`${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}`, `${v.edges.length} link${v.edges.length === 1 ? '' : 's'}`];
  const all = graph.cy ? graph.cy.nodes().not('[kind]').length : 0;
  if (all > v.nodes.length) parts.push(`${all - v.nodes.length} filtered or hidden`);
  if (res?.truncated && res.total) parts.push(res.total.atLeast ? `capped: at least ${res.total.nodes.toLocaleString('en-GB')} in all` : `capped: about ${res.total.nodes.toLocaleString('en-GB')} in all`);
  if (state.asOf) parts.push(`as of ${state.asOf}`);
  $('#status-counts').textContent = parts.join(' · ');
}

// --- actions -------------------------------------------------------------------------------------

function activate(d) {
  if (state.view === 'neighbourhood') expand(d.id);
  else if ((state.view === 'tiers' || state.view === 'ownership') && !d.focal && /^[a-z0-9][a-z0-9-]*$/.test(d.id)) navigate({ focus: d.id });
  else selectById(d.id);
}

/** Expands a node in place (neighbourhood view): loads its next page of links. */
async function expand(id, offset) {
  if (state.view !== 'neighbourhood' || !ctx.model) {
    navigate({ view: 'neighbourhood', focus: id });
    return;
  }
  const model = ctx.model;
  const page = model.pages.get(id);
  let at = offset;
  if (at === undefined) {
    if (page && page.remaining > 0) at = page.next;
    else if (!model.expanded.has(id)) at = 0;
    else {
      toast(`All links of ${nameNow(id)} are shown.`);
      return;
    }
  }
  hooks.ready = false;
  try {
    const r = await neighbourhood.expand(state, ctx, id, at);
    graph.cy.getElementById(`more:${id}`).remove();
    for (const n of r.nodes) if (n.data.label && !n.data.kind) ctx.names.set(n.data.id, n.data.label);
    graph.add(r, { around: id });
    await graph.pending;
    state = { ...state, expand: [...state.expand, expandToken(id, at)] };
    State.push(state);
    applyVisibility();
    renderSidePanels();
    updateStatus(result);
    $('#announce').textContent = r.added ? `${r.added} entities added around ${nameNow(id)}.` : `No new entities around ${nameNow(id)}.`;
    if (!r.added) toast(`No new entities around ${nameNow(id)}.`);
  } catch (e) {
    showError(e, `Could not expand ${nameNow(id)}`);
  } finally {
    finish();
  }
}

function hideNode(id) {
  if (!id || state.hide.includes(id)) return;
  const d = graph.cy.getElementById(id).data();
  if (d?.focal) {
    toast('The focus cannot be hidden.');
    return;
  }
  navigate({ hide: [...state.hide, id], sel: state.sel === id ? null : state.sel });
  if (!state.sel) clearDetails();
  toast(`${nameNow(id)} hidden. Show it again from the Summary tab.`);
}

function togglePin(id) {
  const n = graph.cy.getElementById(id);
  if (n.empty()) return;
  const pinned = state.pin.some(p => p.startsWith(`${id}@`));
  const pos = n.position();
  const pin = pinned ? state.pin.filter(p => !p.startsWith(`${id}@`)) : [...state.pin, `${id}@${Math.round(pos.x)},${Math.round(pos.y)}`];
  graph.setPinned(id, !pinned);
  navigate({ pin });
  toast(pinned ? `${nameNow(id)} unpinned.` : `${nameNow(id)} pinned: layouts leave it in place.`);
  if (state.sel === id) selectById(id, { quiet: true });
}

function selectById(id, { quiet = false } = {}) {
  const el = graph.select(id);
  if (!el) return false;
  setSelection(id, el);
  if (!quiet) {
    showTab('details');
    graph.center(id);
  }
  return true;
}

function setSelection(id, el = graph.cy.getElementById(id)) {
  if (state.sel !== id) {
    state.sel = id;
    State.replaceUrl(state);
  }
  renderDetails(el);
}

function nodeActions(d) {
  const a = [];
  const isEntity = /^[a-z0-9][a-z0-9-]*$/.test(d.id);
  const pinned = state.pin.some(p => p.startsWith(`${d.id}@`));
  if (state.view === 'neighbourhood') a.push({ label: 'Expand', title: 'Load its links (double-click or Enter)', run: () => expand(d.id) });
  if (isEntity && !(d.focal && state.view !== 'paths')) a.push({ label: 'Make focus', title: 'Centre this view on it', run: () => navigate(state.view === 'paths' || state.view === 'flows' ? { view: 'neighbourhood', focus: d.id } : { focus: d.id }) });
  if (isEntity && state.view !== 'neighbourhood') a.push({ label: 'Neighbourhood', run: () => navigate({ view: 'neighbourhood', focus: d.id }) });
  if (isEntity && state.view !== 'tiers') a.push({ label: 'Tiers', run: () => navigate({ view: 'tiers', focus: d.id }) });
  if (isEntity && state.view !== 'ownership') a.push({ label: 'Ownership', run: () => navigate({ view: 'ownership', focus: d.id }) });
  if (isEntity) {
    a.push({ label: 'Path from here', run: () => navigate({ view: 'paths', from: d.id, to: state.view === 'paths' ? state.to : (state.focus !== d.id ? state.focus : state.to) }) });
    a.push({ label: 'Path to here', run: () => navigate({ view: 'paths', to: d.id, from: state.view === 'paths' ? state.from : (state.focus !== d.id ? state.focus : state.from) }) });
  }
  a.push({ label: pinned ? 'Unpin' : 'Pin', title: 'Keep it where it is when the graph is laid out again (P)', run: () => togglePin(d.id) });
  if (!d.focal) a.push({ label: 'Hide', title: 'Hide it from this view (H)', run: () => hideNode(d.id) });
  return a;
}

function renderDetails(el) {
  const panel = $('#panel-details');
  renderCurate(el);
  if (!el || el.empty()) {
    renderEmpty(panel);
    return;
  }
  const d = el.data();
  if (el.isNode()) {
    if (d.kind === 'more') {
      replace(panel, h('div', { class: 'details-empty' }, h('p', { text: `${d.label} links of ${nameNow(d.of)} are not shown yet.` }),
        h('button', { type: 'button', class: 'btn', text: 'Load the next page', on: { click: () => expand(d.of, d.offset) } })));
      return;
    }
    if (state.view === 'flows' || state.view === 'paths' || /^[a-z0-9][a-z0-9-]*$/.test(d.id)) {
      if (state.view === 'flows' && d.id.includes(':')) {
        replace(panel, h('header', { class: 'details-head' }, h('h2', { class: 'details-title', text: d.label })),
          h('p', { class: 'muted', text: d.id.startsWith('sector:') ? 'A sector: its links go to the directions of its firms\u2019 flows.' : 'A flow direction.' }));
        return;
      }
      renderNode(panel, d, { actions: nodeActions(d) });
    }
  } else {
    renderEdge(panel, d, {
      nameOf: nameNow,
      open: (id) => navigate({ view: 'neighbourhood', focus: id }),
      resolve: (id) => ctx.nameOf(id),
      actions: d.type === 'FLOW' ? [] : [
        { label: `Select ${nameNow(d.source)}`, run: () => selectById(d.source) },
        { label: `Select ${nameNow(d.target)}`, run: () => selectById(d.target) },
      ],
    });
  }
}

function clearDetails() {
  renderEmpty($('#panel-details'));
  renderCurate(null);
}

/** The Curate tab follows the selection (an entity or a link), or offers what needs none. */
function renderCurate(el) {
  const sel = el && !el.empty() ? { kind: el.isNode() ? 'node' : 'edge', data: el.data() } : null;
  Curation.render($('#panel-curate'), sel, { nameOf: nameNow });
}

/** After a curation change: forget cached details, redraw the view, keep the tab the user was on. */
async function afterCuration({ focus, select, removed } = {}) {
  api.forgetEntities();
  ctx.names.clear();
  const tab = currentTab();
  if (removed && state.sel === removed) state.sel = null;
  if (removed && state.focus === removed) {
    navigate(select ? { focus: select, sel: select } : { focus: null, sel: null });
  } else if (focus) {
    navigate({ view: VIEWS[state.view].needsFocus ? state.view : 'neighbourhood', focus, sel: focus });
  } else {
    if (select) state.sel = select;
    await load();
  }
  await new Promise((r) => { if (hooks.ready) r(); else document.addEventListener('filiere:rendered', r, { once: true }); });
  if (!state.sel) renderCurate(null);
  showTab(tab);
}

// --- panels and chrome ---------------------------------------------------------------------------

const TABS = ['details', 'summary', 'curate'];

function currentTab() {
  return TABS.find(t => $(`#tab-${t}`).getAttribute('aria-selected') === 'true') || 'details';
}

function showTab(which) {
  for (const t of TABS) {
    const on = t === which;
    $(`#tab-${t}`).setAttribute('aria-selected', String(on));
    $(`#tab-${t}`).tabIndex = on ? 0 : -1;
    $(`#panel-${t}`).hidden = !on;
  }
}

function setupTabs() {
  const tabs = TABS.map(t => $(`#tab-${t}`));
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => showTab(TABS[i]));
    t.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        const j = (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
        showTab(TABS[j]);
        tabs[j].focus();
      }
    });
  });
}

function setupCuration() {
  Curation.setup({ onChanged: afterCuration });
  Upload.setup({ onImported: () => afterCuration({}) });
  Auth.renderAccount($('#account'));
  const menu = $('#curate-menu');
  const item = (id, run) => $(id).addEventListener('click', () => { menu.open = false; run(); });
  item('#menu-new-entity', Curation.openNewEntity);
  item('#menu-new-relationship', Curation.openNewRelationship);
  item('#menu-duplicates', Curation.openDuplicates);
  item('#menu-import', Upload.openImport);
  document.addEventListener('click', (e) => { if (menu.open && !menu.contains(e.target)) menu.open = false; });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
  // A closing dialog gives the focus back to what opened it; when that is gone (a Curate menu item,
  // hidden with its menu; the Log in button, replaced once logged in), the focus stays on a hidden
  // element or falls to the page itself. Then it goes to the control the dialog belongs to.
  const refocus = (dialog, fallback) => $(dialog).addEventListener('close', (e) => {
    const a = document.activeElement;
    if (!a || a === document.body || e.target.contains(a) || !a.isConnected || a.checkVisibility?.() === false) fallback()?.focus();
  });
  refocus('#curation-dialog', () => menu.querySelector('summary'));
  refocus('#login-dialog', () => $('#account button'));
  let first = true;
  Auth.onChange(() => {
    if (first) { first = false; return; }
    renderCurate(state.sel && graph.cy ? graph.cy.getElementById(state.sel) : null);
  });
  Auth.refresh().catch(() => {});
}

function renderChrome() {
  const v = view();
  for (const b of $$('.view-tab')) {
    const on = b.dataset.view === state.view;
    b.classList.toggle('active', on);
    if (on) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  $('#tab-summary').textContent = v.summaryTab || 'Summary';
  $('#colour-mode').value = colourMode();
  $('#colour-mode').disabled = state.view === 'flows';
  $('#stage-title').textContent = `${v.label}${state.focus && v.needsFocus ? ` of ${nameNow(state.focus)}` : ''}`;
  document.title = `${v.needsFocus && state.focus ? `${nameNow(state.focus)} · ` : ''}${v.label} — Filière`;
  $('#relayout').disabled = state.view !== 'neighbourhood';
  $('#canvas-help').textContent = {
    neighbourhood: 'Double-click or Enter: expand · Space: details · H: hide · P: pin · Arrows: move',
    tiers: 'Double-click or Enter: make focus · Space: details · H: hide · Arrows: move',
    ownership: 'Double-click or Enter: make focus · Space: details · H: hide · Arrows: move',
    paths: 'Click a path in “Explanation” to highlight it · Space: details · Arrows: move',
    flows: 'Click a link for its firms · Space: details · Arrows: move',
  }[state.view];
}

function renderControls() {
  const v = view();
  const focusLine = $('#focus-line');
  if (v.needsFocus) {
    const name = state.focus ? nameNow(state.focus) : null;
    replace(focusLine, h('span', { class: 'focus-label', text: 'Focus' }),
      name ? h('span', { class: 'focus-name', text: name }) : h('span', { class: 'muted', text: 'none — search above' }));
    if (state.focus && !ctx.names.has(state.focus)) {
      ctx.nameOf(state.focus).then(() => {
        if (view().needsFocus) {
          const el = $('.focus-name', focusLine);
          if (el) el.textContent = nameNow(state.focus);
          renderChrome();
        }
      });
    }
  } else {
    focusLine.replaceChildren();
  }
  keepFocus(() => replace($('#view-controls'), v.controls(state, (patch) => navigate(patch), ctx)));
  renderTime($('#time-controls'), state, v, (patch) => navigate(patch));
}

/** Redraws part of the page and gives keyboard focus back to the control that had it (same id). */
function keepFocus(redraw) {
  const id = document.activeElement?.id;
  redraw();
  if (id && document.activeElement?.id !== id) document.getElementById(id)?.focus({ preventScroll: true });
}

const summaryHelpers = {
  entityButton: (id, text) => h('button', { type: 'button', class: 'link-button', text, on: { click: () => (selectById(id) || navigate({ view: 'neighbourhood', focus: id })) } }),
  edgeButton: (id, text) => h('button', { type: 'button', class: 'link-button', text, on: { click: () => selectById(id) } }),
  highlightPath: (p, button) => {
    const pressed = button.getAttribute('aria-pressed') === 'true';
    $$('.path-head').forEach(b => { b.setAttribute('aria-pressed', 'false'); b.closest('.path-card')?.classList.remove('active'); });
    if (pressed) {
      graph.highlight(null);
      return;
    }
    button.setAttribute('aria-pressed', 'true');
    button.closest('.path-card')?.classList.add('active');
    const cy = graph.cy;
    let eles = cy.collection();
    for (const id of [...p.nodeIds, ...p.edgeIds]) eles = eles.union(cy.getElementById(id));
    graph.highlight(eles);
  },
  hiddenList: () => {
    if (!state.hide.length) return null;
    return h('section', { class: 'detail-section' },
      h('h3', { class: 'detail-heading', text: `Hidden (${state.hide.length})` }),
      h('ul', { class: 'plain-list' }, state.hide.map(id => h('li', {},
        h('span', { text: nameNow(id) }), ' ',
        h('button', { type: 'button', class: 'link-button', text: 'Show', 'aria-label': `Show ${nameNow(id)}`, on: { click: () => navigate({ hide: state.hide.filter(x => x !== id) }) } })))),
      h('button', { type: 'button', class: 'btn btn-small', text: 'Show all', on: { click: () => navigate({ hide: [] }) } }));
  },
  pinnedList: () => {
    if (!state.pin.length) return null;
    return h('section', { class: 'detail-section' },
      h('h3', { class: 'detail-heading', text: `Pinned (${state.pin.length})` }),
      h('ul', { class: 'plain-list' }, state.pin.map(p => {
        const id = p.slice(0, p.lastIndexOf('@'));
        return h('li', {}, h('span', { text: nameNow(id) }), ' ',
          h('button', { type: 'button', class: 'link-button', text: 'Unpin', 'aria-label': `Unpin ${nameNow(id)}`, on: { click: () => togglePin(id) } }));
      })));
  },
};

function renderSidePanels() {
  const v = view();
  const els = currentElements();
  keepFocus(() => renderFilters($('#filters'), state, v, els, (patch) => navigate(patch)));
  renderLegend($('#legend'), { ...els, colourMode: colourMode(), view: state.view });
  const panel = $('#panel-summary');
  panel.replaceChildren();
  if (v.needsFocus && !state.focus) {
    panel.append(h('p', { class: 'muted', text: 'Open an entity to see a summary of this view.' }));
  } else {
    v.summary?.(panel, state, ctx, result, summaryHelpers);
    if (state.view !== 'neighbourhood') {
      const hidden = summaryHelpers.hiddenList();
      const pinned = summaryHelpers.pinnedList();
      if (hidden) panel.append(hidden);
      if (pinned) panel.append(pinned);
    }
  }
}

function welcome() {
  const v = view();
  const examples = {
    neighbourhood: [['Sofiprotéol', { focus: 'sofiproteol' }], ['Renault', { focus: 'renault' }], ['Cevital', { focus: 'cevital' }]],
    tiers: [['Renault Tanger (upstream)', { focus: 'renault-tanger', direction: 'upstream' }], ['Next-line equipment makers in Morocco (downstream)', { focus: 'renault-tangier-next-line-equipment-manufacturers', direction: 'downstream' }]],
    ownership: [['Lesieur Cristal', { focus: 'lesieur-cristal' }], ['Cevital', { focus: 'cevital' }], ['Safran', { focus: 'safran' }]],
  }[state.view] || [];
  showMessage('info', `${v.label}: pick an entity`, 'Search for a firm, a site, a country or a sector in the box at the top (typos and accents are fine), or start from an example:',
    examples.map(([label, patch]) => ({ label, run: () => navigate(patch) })));
  clearDetails();
  renderSidePanels();
  updateStatus(result);
}

// --- exports -------------------------------------------------------------------------------------

function setupExports() {
  const menu = $('#export-menu');
  const close = () => { menu.open = false; };
  const guard = () => {
    if (!graph.cy || graph.visible().nodes.length === 0) {
      toast('Nothing to export: the view is empty.');
      close();
      return false;
    }
    return true;
  };
  $('#export-png').addEventListener('click', () => {
    if (!guard()) return;
    Export.download(`${Export.fileStem(state)}.png`, hooks.exportPng(), 'image/png');
    close();
  });
  $('#export-cyjs').addEventListener('click', () => {
    if (!guard()) return;
    Export.download(`${Export.fileStem(state)}.cyjs`, hooks.exportCyjs(), 'application/json');
    close();
  });
  $('#export-graphml').addEventListener('click', () => {
    if (!guard()) return;
    Export.download(`${Export.fileStem(state)}.graphml`, hooks.exportGraphml(), 'application/graphml+xml');
    close();
  });
  document.addEventListener('click', (e) => { if (menu.open && !menu.contains(e.target)) close(); });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      close();
      menu.querySelector('summary').focus();
    }
  });
  $('#copy-link').addEventListener('click', async () => {
    const link = State.permalink(state);
    try {
      await navigator.clipboard.writeText(link);
      toast('Link copied: it opens this exact view.');
    } catch {
      window.prompt('Copy this link:', link);
    }
  });
}

// --- start ---------------------------------------------------------------------------------------

function setup() {
  const search = searchBox({
    label: 'Search entities', placeholder: 'Search firms, sites, countries… (e.g. sofiproteol)', hideLabel: true, id: 'q',
    onPick: (hit) => {
      ctx.names.set(hit.id, hit.name);
      const target = VIEWS[state.view].needsFocus ? state.view : 'neighbourhood';
      navigate({ view: target, focus: hit.id, sel: hit.id });
      search.setValue('');
      $('#cy').focus({ preventScroll: true });
    },
  });
  $('#main-search').append(search.el);
  for (const b of $$('.view-tab')) b.addEventListener('click', () => navigate({ view: b.dataset.view }));
  $('#zoom-in').addEventListener('click', () => graph.zoom(1.25));
  $('#zoom-out').addEventListener('click', () => graph.zoom(0.8));
  $('#fit').addEventListener('click', () => graph.fit());
  $('#relayout').addEventListener('click', () => {
    graph.runLayout(view() === neighbourhood ? 'force' : 'preset', { fixed: pinnedPositions(), animate: true });
    if (view() !== neighbourhood) graph.fitView();
  });
  $('#colour-mode').addEventListener('change', (e) => navigate({ colour: e.target.value }));
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && !['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName)) {
      e.preventDefault();
      search.focus();
    }
  });
  setupTabs();
  setupExports();
  setupCuration();
  clearDetails();
  State.replaceUrl(state);
  load();
}

setup();
