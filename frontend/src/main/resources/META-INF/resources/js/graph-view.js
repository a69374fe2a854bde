// Cytoscape.js wrapper: one canvas, elements decorated for the stylesheet, layouts, visibility
// (filters, hidden nodes), pinning, keyboard navigation and selection events.
import cytoscape from '/webjars/cytoscape/dist/cytoscape.esm.min.mjs';
import { stylesheet, nodeColour, countryPie, TYPE_SHAPES, relColour } from './style.js';
import { countryName, humanType } from './dom.js';

const hasFcose = typeof window.cytoscapeFcose === 'function';
if (hasFcose) cytoscape.use(window.cytoscapeFcose);

/** Above this many elements the view switches to the fast rendering settings. */
export const BIG = 900;
/** Above this many nodes force-directed layouts are too slow for an interactive answer. */
const FORCE_MAX_NODES = 450;

/** Edge caption: relationship, share, dates, "inferred". */
export function edgeCaption(d) {
  if (d.kind === 'more') return '';
  if (d.type === 'FLOW') return d.label || '';
  const parts = [d.label || humanType(d.type)];
  if (typeof d.share === 'number') parts.push(`${+(d.share <= 1 ? d.share * 100 : d.share).toFixed(1)}%`);
  if (d.start && d.end) parts.push(`${d.start}–${d.end}`);
  else if (d.start) parts.push(`since ${d.start}`);
  else if (d.end) parts.push(`until ${d.end}`);
  else if (d.year) parts.push(String(d.year));
  if (d.inferred) parts.push('inferred');
  return parts.join(' · ');
}

export class GraphView {
  /**
   * @param {HTMLElement} container
   * @param {object} on handlers: select(ele|null), activate(nodeData) (double-click / Enter), more(nodeData), announce(text)
   */
  constructor(container, on) {
    this.container = container;
    this.on = on;
    this.cy = null;
    this.colourMode = 'type';
    this.big = false;
    this.kbdNode = null;
    this.pending = Promise.resolve();
    // Animated expansions, unless the user asked for reduced motion.
    this.animate = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    container.addEventListener('keydown', (e) => this.#onKey(e));
  }

  get hasFcose() {
    return hasFcose;
  }

  /**
   * Replaces the whole view. `layout`: 'force' | 'concentric' | 'preset' (positions on the elements).
   * Returns the time it took, in ms (layout included).
   */
  render({ nodes, edges }, { layout = 'force', colourMode = this.colourMode, fixed = {}, beforeLayout } = {}) {
    const t0 = performance.now();
    this.colourMode = colourMode;
    const count = nodes.length + edges.length;
    const big = count > BIG;
    if (this.cy && big === this.big) {
      this.cy.elements().remove();
    } else {
      this.cy?.destroy();
      this.cy = this.#create(big);
    }
    this.big = big;
    this.kbdNode = null;
    const cy = this.cy;
    const t1 = performance.now();
    cy.batch(() => {
      // Style fields go in with the data: setting them afterwards would restyle every element twice.
      cy.add([
        ...nodes.map(n => ({ group: 'nodes', ...n, data: { ...n.data, ...this.nodeStyle(n.data) } })),
        ...edges.map(e => ({ group: 'edges', ...e, data: { ...e.data, ...this.edgeStyle(e.data) } })),
      ]);
    });
    const t2 = performance.now();
    beforeLayout?.();
    const t3 = performance.now();
    this.runLayout(layout, { fixed, animate: false });
    const t4 = performance.now();
    this.fitView();
    const t5 = performance.now();
    /** Where the time of the last render went, in ms (for the test hooks). */
    this.timings = { add: Math.round(t2 - t1), filters: Math.round(t3 - t2), layout: Math.round(t4 - t3), style: Math.round(t5 - t4) };
    return performance.now() - t0;
  }

  #create(big) {
    const cy = cytoscape({
      container: this.container,
      style: stylesheet({ big }),
      layout: { name: 'preset' },
      minZoom: 0.03,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      hideEdgesOnViewport: big,
      textureOnViewport: big,
      motionBlur: false,
      pixelRatio: big ? 1 : 'auto',
    });
    cy.on('tap', 'node', (e) => {
      const d = e.target.data();
      this.#setKbd(e.target, false);
      if (d.kind === 'more') this.on.more?.(d);
      else this.on.select?.(e.target);
    });
    cy.on('tap', 'edge', (e) => {
      if (e.target.data('kind') !== 'more') this.on.select?.(e.target);
    });
    cy.on('tap', (e) => {
      if (e.target === cy) this.on.select?.(null);
    });
    cy.on('dbltap', 'node', (e) => {
      const d = e.target.data();
      if (d.kind === 'more') return;
      this.on.activate?.(d);
    });
    cy.on('dragfree', 'node', (e) => this.on.moved?.(e.target));
    // Long names are cut to fit under their node (text-max-width): the pointer shows the whole name,
    // as the browser's own tooltip of the canvas.
    cy.on('mouseover', 'node', (e) => {
      const label = e.target.data('label');
      if (label && e.target.data('kind') !== 'tier-label') cy.container().title = String(label);
    });
    cy.on('mouseout', 'node', () => cy.container().removeAttribute('title'));
    return cy;
  }

  /** Style fields (colour, shape, size, caption) of a node's data, for the stylesheet's data() mappers. */
  nodeStyle(d) {
    if (d.kind === 'more') return { _colour: '#f1f5f9', _shape: 'round-rectangle', _w: Math.max(60, 8 + 6.4 * String(d.label).length), _h: 22 };
    if (d.kind === 'tier-label') return { _colour: '#ffffff', _shape: 'rectangle', _w: 1, _h: 1 };
    const size = d.focal ? 46 : d._baseSize || (d.type === 'Country' || d.type === 'Sector' ? 24 : 30);
    return { _colour: nodeColour(d, this.colourMode), _shape: TYPE_SHAPES[d.type] || 'ellipse', _w: size, _h: size,
      ...(countryPie(d, this.colourMode) || { _pie: false }) };
  }

  edgeStyle(d) {
    return {
      _colour: d._colourOverride || relColour(d.type),
      _label: edgeCaption(d),
      _width: d._widthOverride || (d.kind === 'more' ? 1 : 1.8),
    };
  }

  /** Recomputes the style fields of elements already in the graph (only those that changed). */
  decorate(eles) {
    const same = (a, b) => Object.keys(b).every(k => a[k] === b[k]);
    eles.nodes().forEach((n) => {
      const d = n.data();
      const st = this.nodeStyle(d);
      if (!same(d, st)) n.data(st);
    });
    eles.edges().forEach((e) => {
      const d = e.data();
      const st = this.edgeStyle(d);
      if (!same(d, st)) e.data(st);
    });
  }

  setColourMode(mode) {
    this.colourMode = mode;
    if (this.cy) this.cy.batch(() => this.decorate(this.cy.nodes()));
  }

  /**
   * Lays out the (visible) view. 'force' = fcose (cose without it), or concentric rings around the
   * focal node when the view is too big; 'concentric' = rings by distance from the focal node;
   * 'preset' = positions already on the nodes. `fixed`: {id: {x, y}} positions to keep (pinned).
   */
  runLayout(kind = 'force', { fixed = {}, animate = false } = {}) {
    const cy = this.cy;
    if (!cy) return;
    const eles = cy.elements().not('.filtered, .user-hidden');
    const nodes = eles.nodes();
    if (kind === 'preset' || nodes.length === 0) {
      this.#applyFixed(fixed);
      return;
    }
    if (kind === 'concentric' || nodes.length > FORCE_MAX_NODES || !hasFcose) {
      if (kind === 'force' && nodes.length <= FORCE_MAX_NODES) {
        eles.layout({ name: 'cose', animate: false, randomize: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 80, numIter: 600 }).run();
      } else {
        this.#concentric(nodes);
      }
      this.#applyFixed(fixed);
      return;
    }
    const constraint = Object.entries(fixed)
      .filter(([id]) => cy.getElementById(id).nonempty())
      .map(([nodeId, position]) => ({ nodeId, position }));
    eles.layout({
      name: 'fcose',
      quality: nodes.length > 200 ? 'draft' : 'default',
      randomize: true,
      animate,
      animationDuration: 350,
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 7000,
      idealEdgeLength: (e) => (e.data('kind') === 'more' ? 40 : 85),
      edgeElasticity: () => 0.45,
      nodeSeparation: 90,
      numIter: 2500,
      packComponents: true,
      fixedNodeConstraint: constraint.length ? constraint : undefined,
    }).run();
    this.#applyFixed(fixed);
  }

  /** Rings by breadth-first distance from the focal node: instant, for large views. */
  #concentric(nodes) {
    const cy = this.cy;
    const focal = nodes.filter('[?focal]')[0] || nodes.max(n => n.degree()).ele;
    const dist = new Map([[focal.id(), 0]]);
    const queue = [focal];
    while (queue.length) {
      const n = queue.shift();
      n.neighborhood('node').forEach((m) => {
        if (!dist.has(m.id()) && nodes.has(m)) {
          dist.set(m.id(), dist.get(n.id()) + 1);
          queue.push(m);
        }
      });
    }
    const rings = new Map();
    nodes.forEach((n) => {
      const r = dist.has(n.id()) ? dist.get(n.id()) : 99;
      if (!rings.has(r)) rings.set(r, []);
      rings.get(r).push(n);
    });
    let radius = 0;
    cy.batch(() => {
      [...rings.keys()].sort((a, b) => a - b).forEach((r) => {
        const ring = rings.get(r).sort((a, b) => String(a.data('type')).localeCompare(b.data('type')) || String(a.data('label')).localeCompare(b.data('label')));
        if (r === 0 && ring.length === 1) {
          ring[0].position({ x: 0, y: 0 });
          return;
        }
        radius = Math.max(radius + 160, (ring.length * 46) / (2 * Math.PI));
        ring.forEach((n, i) => {
          const a = (2 * Math.PI * i) / ring.length - Math.PI / 2;
          n.position({ x: radius * Math.cos(a), y: radius * Math.sin(a) });
        });
      });
    });
  }

  #applyFixed(fixed) {
    for (const [id, pos] of Object.entries(fixed)) {
      const n = this.cy.getElementById(id);
      if (n.nonempty()) {
        n.unlock();
        n.position(pos);
        n.lock();
        n.addClass('pinned');
      }
    }
  }

  /**
   * Adds elements to the current view, new nodes placed around `around` (expansion in place),
   * then nudges only the new nodes with a short force layout. Returns the added elements.
   */
  add({ nodes, edges }, { around } = {}) {
    const cy = this.cy;
    const added = cy.collection();
    const centre = around ? cy.getElementById(around) : null;
    const origin = centre?.nonempty() ? centre.position() : { x: 0, y: 0 };
    const fresh = nodes.filter(n => cy.getElementById(n.data.id).empty());
    // Direction away from the rest of the graph, so the new nodes fan out into free space.
    const others = cy.nodes(':visible').not(centre || cy.collection());
    let away = 0;
    if (others.length) {
      const bb = others.boundingBox();
      const cx = (bb.x1 + bb.x2) / 2;
      const cyy = (bb.y1 + bb.y2) / 2;
      away = Math.atan2(origin.y - cyy, origin.x - cx);
      if (Math.hypot(origin.y - cyy, origin.x - cx) < 1) away = 0;
    }
    const n = fresh.length;
    const spread = Math.min(2 * Math.PI, Math.max(Math.PI / 2, n * 0.32));
    const radius = 110 + Math.min(260, n * 5);
    cy.batch(() => {
      fresh.forEach((node, i) => {
        const a = n === 1 ? away : away - spread / 2 + (spread * i) / Math.max(1, n - (spread >= 2 * Math.PI ? 0 : 1));
        added.merge(cy.add({ group: 'nodes', ...node, position: { x: origin.x + radius * Math.cos(a), y: origin.y + radius * Math.sin(a) } }));
      });
      for (const node of nodes) {
        const existing = cy.getElementById(node.data.id);
        if (!fresh.includes(node) && existing.nonempty()) existing.data(node.data);
      }
      for (const e of edges) {
        if (cy.getElementById(e.data.id).empty() && cy.getElementById(e.data.source).nonempty() && cy.getElementById(e.data.target).nonempty()) {
          added.merge(cy.add({ group: 'edges', ...e }));
        }
      }
      this.decorate(cy.elements());
    });
    if (hasFcose && fresh.length && cy.nodes().length <= FORCE_MAX_NODES) {
      // Incremental force layout from the current positions: the new nodes find free space and the
      // rest of the drawing moves as little as it can. Pinned (locked) nodes stay put.
      const keep = cy.nodes('.pinned').map(x => ({ nodeId: x.id(), position: { ...x.position() } }));
      const layout = cy.elements().not('.filtered, .user-hidden').layout({
        name: 'fcose', randomize: false, animate: this.animate, animationDuration: 400, quality: 'default',
        nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 7000, idealEdgeLength: (e) => (e.data('kind') === 'more' ? 40 : 85),
        numIter: 1500, fixedNodeConstraint: keep.length ? keep : undefined,
      });
      const done = layout.promiseOn('layoutstop');
      layout.run();
      this.pending = done;
    } else {
      this.pending = Promise.resolve();
    }
    return added;
  }

  remove(selector) {
    this.cy?.remove(selector);
  }

  /**
   * Shows only what passes: node predicate on data, edge predicate on data; hidden = user-hidden ids.
   * `chains` ('upstream' or 'downstream', else none): in a tiered view, a firm that passes stays
   * linked to the focus: the firms that a filter hid on its supply chain to the focus (one tier
   * nearer at each step) are drawn faded, as context, rather than leaving the firm adrift.
   */
  applyVisibility(nodeOk, edgeOk, hiddenIds = [], { chains = null } = {}) {
    const cy = this.cy;
    if (!cy) return;
    const hidden = new Set(hiddenIds);
    // Classes change only where they must: every change restyles the element.
    const set = (ele, cls, on) => {
      if (ele.hasClass(cls) !== on) ele.toggleClass(cls, on);
    };
    const off = new Set();
    cy.batch(() => {
      const filteredOut = new Set();
      cy.nodes().forEach((n) => {
        const d = n.data();
        if (d.kind === 'more') return;
        const userHidden = hidden.has(d.id) && !d.focal;
        if (userHidden) off.add(d.id);
        else if (!nodeOk(d)) filteredOut.add(d.id);
        set(n, 'user-hidden', userHidden);
      });
      const context = chains ? this.#chainContext(filteredOut, off, edgeOk, chains === 'upstream') : new Set();
      cy.nodes().forEach((n) => {
        const d = n.data();
        if (d.kind === 'more') return;
        set(n, 'filtered', filteredOut.has(d.id) && !context.has(d.id));
        set(n, 'context', context.has(d.id));
        if (filteredOut.has(d.id) && !context.has(d.id)) off.add(d.id);
      });
      cy.nodes('[kind = "more"]').forEach((n) => {
        const of = n.data('of');
        const gone = off.has(of) || cy.getElementById(of).empty();
        set(n, 'filtered', gone);
        if (gone) off.add(n.id());
      });
      cy.edges().forEach((e) => {
        const d = e.data();
        const ok = (d.kind === 'more' || edgeOk(d)) && !off.has(d.source) && !off.has(d.target);
        set(e, 'filtered', !ok);
      });
    });
  }

  /**
   * The filtered-out firms that link a shown firm to the focus, walking one tier nearer at each step
   * along supply links only, the way the chain runs: upstream the farther firm supplies the nearer,
   * downstream the nearer supplies the farther (the answer also holds links among firms of the
   * network that are on no chain to the focus).
   */
  #chainContext(filteredOut, userHidden, edgeOk, upstream) {
    const context = new Set();
    let frontier = this.cy.nodes().filter((n) => {
      const d = n.data();
      return !d.focal && !d.kind && d.tier > 1 && !filteredOut.has(d.id) && !userHidden.has(d.id);
    }).toArray();
    while (frontier.length) {
      const next = [];
      for (const n of frontier) {
        const tier = n.data('tier');
        (upstream ? n.outgoers('edge') : n.incomers('edge')).forEach((e) => {
          if (e.data('type') !== 'SUPPLIES' || !edgeOk(e.data())) return;
          const other = upstream ? e.target() : e.source();
          const id = other.id();
          if (other.data('tier') !== tier - 1 || !filteredOut.has(id) || context.has(id)) return;
          context.add(id);
          next.push(other);
        });
      }
      frontier = next;
    }
    return context;
  }

  setPinned(id, pinned) {
    const n = this.cy?.getElementById(id);
    if (!n || n.empty()) return;
    if (pinned) n.lock(); else n.unlock();
    n.toggleClass('pinned', pinned);
  }

  select(id) {
    const cy = this.cy;
    if (!cy) return null;
    cy.elements(':selected').unselect();
    cy.edges('.near').removeClass('near');
    if (!id) return null;
    const el = cy.getElementById(id);
    if (el.empty()) return null;
    el.select();
    if (el.isNode()) el.connectedEdges().addClass('near');
    if (el.isNode()) this.#setKbd(el, false);
    return el;
  }

  highlight(eles) {
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().removeClass('highlight faded');
      if (eles && eles.nonempty()) {
        cy.elements().not(eles).addClass('faded');
        eles.addClass('highlight');
      }
    });
  }

  /**
   * Fits the shown elements without zooming in further than a comfortable reading size. The box is
   * computed without labels: measuring a thousand labels would cost more than the whole layout.
   */
  fitView(padding = 40) {
    const cy = this.cy;
    if (!cy) return;
    const nodes = cy.nodes().not('.filtered, .user-hidden');
    if (!nodes.length) return;
    const bb = nodes.boundingBox({ includeLabels: false, includeOverlays: false, includeEdges: false });
    const w = cy.width();
    const h = cy.height();
    const margin = 28; // room for the labels under the nodes at the edges
    const bw = Math.max(1, bb.w + 2 * margin);
    const bh = Math.max(1, bb.h + 2 * margin);
    const zoom = Math.max(cy.minZoom(), Math.min(1.5, (w - 2 * padding) / bw, (h - 2 * padding) / bh));
    const cx = (bb.x1 + bb.x2) / 2;
    const cyy = (bb.y1 + bb.y2) / 2;
    cy.viewport({ zoom, pan: { x: w / 2 - zoom * cx, y: h / 2 - zoom * cyy } });
  }

  fit() {
    this.fitView();
  }

  zoom(factor) {
    const cy = this.cy;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  center(id) {
    const el = this.cy?.getElementById(id);
    if (el && el.nonempty()) this.cy.animate({ center: { eles: el } }, { duration: 200 });
  }

  /** Visible real elements (no "+N more" helpers), as Cytoscape collections. */
  visible() {
    if (!this.cy) return { nodes: [], edges: [] };
    const v = this.cy.elements().not('.filtered, .user-hidden').not('[kind]');
    return { nodes: v.nodes(), edges: v.edges() };
  }

  // --- keyboard -----------------------------------------------------------------------------

  /** The node the arrow keys move from; `ring` draws the keyboard focus ring on it. */
  #setKbd(node, ring = true) {
    this.kbdNode?.removeClass('kbd-focus');
    this.kbdNode = node;
    if (ring) node?.addClass('kbd-focus');
  }

  #describe(node) {
    const d = node.data();
    if (d.kind === 'more') return `${d.label}: press Enter to load them`;
    const degree = node.connectedEdges(':visible').length;
    // The country's name, not its code: a screen reader says "DZ" as two letters.
    return `${d.label}, ${humanType(d.type) || 'entity'}${d.country ? `, ${countryName(d.country) || d.country}` : ''}, ${degree} link${degree === 1 ? '' : 's'} shown`;
  }

  #onKey(e) {
    const cy = this.cy;
    if (!cy || e.target !== this.container && !this.container.contains(e.target)) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const visible = cy.nodes(':visible').filter(n => n.data('kind') !== 'tier-label');
    if (!visible.length) return;
    let cur = this.kbdNode && this.kbdNode.inside() && this.kbdNode.visible() ? this.kbdNode : null;
    const key = e.key;
    const arrows = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    if (arrows[key]) {
      e.preventDefault();
      let next;
      if (!cur) {
        next = visible.filter('[?focal]')[0] || visible[0];
      } else {
        const [dx, dy] = arrows[key];
        const p = cur.position();
        let best = null;
        let bestScore = Infinity;
        visible.forEach((n) => {
          if (n === cur) return;
          const q = n.position();
          const vx = q.x - p.x;
          const vy = q.y - p.y;
          const along = vx * dx + vy * dy;
          if (along <= 0) return;
          const across = Math.abs(vx * dy - vy * dx);
          const score = along + 2.5 * across;
          if (score < bestScore) {
            bestScore = score;
            best = n;
          }
        });
        next = best || cur;
      }
      this.#setKbd(next);
      this.center(next.id());
      this.on.announce?.(this.#describe(next));
      return;
    }
    if (key === 'Tab' || !cur && !['+', '=', '-', '0'].includes(key)) return;
    switch (key) {
      case 'Enter':
        e.preventDefault();
        if (cur.data('kind') === 'more') this.on.more?.(cur.data());
        else this.on.activate?.(cur.data());
        break;
      case ' ':
        e.preventDefault();
        if (cur.data('kind') !== 'more') this.on.select?.(cur);
        break;
      case 'h': case 'H': case 'Delete': {
        e.preventDefault();
        // The keyboard moves on to the nearest node still shown, and says so: left on the hidden
        // node, Enter would do nothing and the next arrow would jump back to the focus.
        const p = cur.position();
        const rest = visible.filter(n => n !== cur && n.data('kind') !== 'more');
        const next = rest.sort((a, b) => dist(a, p) - dist(b, p))[0];
        const hidden = cur.data('label');
        this.on.hide?.(cur.data());
        if (next) {
          this.#setKbd(next);
          this.on.announce?.(`${hidden} hidden. ${this.#describe(next)}`);
        }
        break;
      }
      case 'p': case 'P':
        e.preventDefault();
        this.on.pin?.(cur.data());
        break;
      case '+': case '=':
        this.zoom(1.25);
        break;
      case '-':
        this.zoom(0.8);
        break;
      case '0':
        this.fit();
        break;
      default:
    }
  }
}

function dist(node, p) {
  const q = node.position();
  return Math.hypot(q.x - p.x, q.y - p.y);
}
