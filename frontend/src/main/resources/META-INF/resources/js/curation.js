// Curation in the explorer: the "Curate" tab (edit, merge, link, delete the selection; its history)
// and the dialogs of the Curate menu (new entity, new relationship, possible duplicates). Every
// change goes through auth.write (CSRF token); every name and quote is inserted as text.
import { api, getJson } from './api.js';
import { write, loggedIn, openLogin } from './auth.js';
import { h, replace, $, humanType, formatValue } from './dom.js';
import { toast } from './feedback.js';
import { form, field, lines } from './form.js';
import { searchBox } from './search.js';
import { quoteFigure } from './quotes.js';
import { NODE_TYPES, REL_TYPES } from './style.js';

const enc = encodeURIComponent;
let changed = async () => {};

/** `onChanged({focus, select})`: called after every successful change, to reload the view. */
export function setup({ onChanged }) {
  changed = onChanged;
}

function section(title, ...content) {
  return h('section', { class: 'detail-section curate-section' }, h('h3', { class: 'detail-heading', text: title }), ...content);
}

function loginNote(what) {
  return h('div', { class: 'login-note' },
    h('p', { text: `Log in to ${what}.` }),
    h('button', { type: 'button', class: 'btn btn-small', text: 'Log in', on: { click: () => openLogin() } }));
}

/** A search box that picks an entity, with the field interface of form.js (name, setError, value). */
function entityPicker(name, label, { value = null, valueName = '' } = {}) {
  let chosen = value;
  const box = searchBox({ label, placeholder: 'Type a name…', onPick: (hit) => { chosen = hit.id; picked.textContent = `${hit.name} (${hit.id})`; } });
  const picked = h('p', { class: 'field-help', 'aria-live': 'polite', text: value ? `${valueName || value} (${value})` : 'None chosen yet.' });
  const error = h('p', { class: 'field-error', hidden: true });
  const el = h('div', { class: 'field' }, box.el, picked, error);
  return {
    el, name, input: box.input,
    setError(text) {
      error.textContent = text || '';
      error.hidden = !text;
      if (text) box.input.setAttribute('aria-invalid', 'true');
      else box.input.removeAttribute('aria-invalid');
    },
    value: () => chosen,
  };
}

/** Inline "are you sure" step: replaces `button` by a question with Confirm / Cancel. */
function confirmStep(holder, question, confirmLabel, run) {
  const original = [...holder.childNodes];
  const yes = h('button', { type: 'button', class: 'btn btn-danger btn-small', text: confirmLabel });
  const no = h('button', { type: 'button', class: 'btn btn-small', text: 'Cancel' });
  const msg = h('p', { class: 'confirm-question', role: 'alert', text: question });
  const status = h('p', { class: 'field-error', role: 'alert', hidden: true });
  replace(holder, h('div', { class: 'confirm' }, msg, h('div', { class: 'form-actions' }, yes, no), status));
  no.addEventListener('click', () => replace(holder, ...original));
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    try {
      await run();
    } catch (e) {
      status.textContent = `${e.title || 'Failed'}: ${e.detail || e.message}`;
      status.hidden = false;
      yes.disabled = false;
    }
  });
  yes.focus();
}

// --- the Curate tab ------------------------------------------------------------------------------

let renderToken = 0;

/** Renders the Curate tab for the selection: `{kind: 'node'|'edge', data}` or null. */
export async function render(panel, selection, { nameOf = (id) => id } = {}) {
  const token = ++renderToken;
  const intro = h('p', { class: 'muted', text: 'Curators correct the graph here: every change is recorded with who made it and when.' });
  const global = h('div', { class: 'details-actions', role: 'group', 'aria-label': 'Curation' },
    h('button', { type: 'button', class: 'btn btn-small', text: 'New entity…', on: { click: () => openNewEntity() } }),
    h('button', { type: 'button', class: 'btn btn-small', text: 'Possible duplicates…', on: { click: () => openDuplicates() } }));
  if (!selection || selection.data?.kind || selection.data?.type === 'FLOW' || !/^[a-z0-9]/.test(selection.data?.id || '')) {
    replace(panel, intro, global, h('p', { text: 'Select an entity or a link in the graph to edit it, merge it or see its history.' }),
      loggedIn() ? null : loginNote('make changes'));
    return;
  }
  if (selection.kind === 'edge') {
    replace(panel, intro, renderEdgeForms(selection.data, nameOf), global);
    return;
  }
  const id = selection.data.id;
  replace(panel, h('p', { class: 'muted loading-inline', text: 'Loading…' }));
  let e;
  try {
    e = await api.entity(id);
  } catch (err) {
    if (token === renderToken) replace(panel, h('p', { class: 'error-inline', text: `Cannot load ${id}: ${err.detail || err.message}` }));
    return;
  }
  if (token !== renderToken) return;
  const history = h('div', { class: 'history', id: 'history' });
  replace(panel,
    h('h2', { class: 'details-title', text: `Curate ${e.name}` }),
    loggedIn() ? null : loginNote('edit, merge or delete it'),
    loggedIn() ? section('Edit', editEntityForm(e)) : null,
    loggedIn() ? section('Merge another entity into this one', mergeForm(e)) : null,
    loggedIn() ? section('Add a relationship', relationshipForm({ fixed: e })) : null,
    loggedIn() ? section('Delete', deleteEntity(e)) : null,
    section('History', history),
    global);
  loadHistory(history, id);
}

function editEntityForm(e) {
  const p = e.properties || {};
  const initial = {
    name: e.name || '', type: e.type || '', country: p.country || '', sector: p.sector || '', description: p.description || '',
    document: p.document || '', aliases: (e.aliases || []).join('\n'), quotes: (e.quotes || []).map(q => q.quote).join('\n'),
  };
  const sectionOf = new Map((e.quotes || []).map(q => [q.quote, q.section]));
  const fields = [
    field({ name: 'name', label: 'Name', value: initial.name, required: true }),
    field({ name: 'type', label: 'Type', type: 'select', value: initial.type, options: NODE_TYPES.map(t => [t, humanType(t)]) }),
    field({ name: 'country', label: 'Country (ISO code)', value: initial.country, help: 'Two letters, e.g. MA or FR. Empty removes it.', attrs: { maxlength: 2, autocomplete: 'off' } }),
    field({ name: 'sector', label: 'Sector', value: initial.sector }),
    field({ name: 'description', label: 'Description', type: 'textarea', value: initial.description, rows: 2 }),
    field({ name: 'document', label: 'Source document', value: initial.document }),
    field({ name: 'aliases', label: 'Aliases (one per line)', type: 'textarea', value: initial.aliases }),
    field({ name: 'quotes', label: 'Quotes (one per line)', type: 'textarea', value: initial.quotes, rows: 4 }),
    field({ name: 'comment', label: 'Why this change (for the history)', value: '' }),
  ];
  const f = form({
    fields, submitLabel: 'Save changes', id: 'edit-entity-form',
    onSubmit: async (v) => {
      const patch = {};
      for (const k of ['name', 'type', 'country', 'sector', 'description', 'document']) {
        const now = String(v[k] ?? '').trim();
        if (now !== initial[k]) patch[k] = now === '' ? null : now;
      }
      if (lines(v.aliases).join('\n') !== lines(initial.aliases).join('\n')) patch.aliases = lines(v.aliases);
      if (lines(v.quotes).join('\n') !== lines(initial.quotes).join('\n')) {
        patch.quotes = lines(v.quotes).map(q => ({ quote: q, section: sectionOf.get(q) || null }));
      }
      if (!Object.keys(patch).length) {
        f.status('Nothing changed.');
        return;
      }
      if (v.comment.trim()) patch.comment = v.comment.trim();
      await write('PATCH', `/api/entities/${enc(e.id)}`, { json: patch });
      toast(`${patch.name || e.name} saved.`);
      await changed({ select: e.id });
    },
  });
  return f.el;
}

function mergeForm(e) {
  const other = entityPicker('other', 'Entity to merge into this one');
  const comment = field({ name: 'comment', label: 'Why (for the history)' });
  const holder = h('div');
  const f = form({
    fields: [other, comment], submitLabel: 'Merge…', id: 'merge-form',
    onSubmit: async (v) => {
      if (!v.other) {
        other.setError('Choose the entity to merge into this one.');
        return;
      }
      confirmStep(holder, `Merge “${v.other}” into “${e.name}”? Its name and aliases become aliases here, its relationships move `
        + 'here and it is deleted. The history keeps a copy.', 'Merge', async () => {
        const r = await write('POST', `/api/entities/${enc(e.id)}/merge`, { json: { other: v.other, comment: v.comment.trim() || undefined } });
        toast(`Merged: ${r.body.moved} relationships moved, ${r.body.combined} combined, ${r.body.dropped} dropped.`);
        await changed({ select: e.id, removed: v.other });
      });
    },
  });
  holder.append(f.el);
  return holder;
}

function deleteEntity(e) {
  const holder = h('div');
  const count = (e.relationships || []).reduce((n, r) => n + r.count, 0);
  const button = h('button', { type: 'button', class: 'btn btn-danger btn-small', text: 'Delete this entity…', id: 'delete-entity' });
  button.addEventListener('click', () => confirmStep(holder, `Delete “${e.name}” and its ${count} relationship${count === 1 ? '' : 's'}? `
    + 'The history keeps a copy.', 'Delete', async () => {
    await write('DELETE', `/api/entities/${enc(e.id)}`);
    toast(`${e.name} deleted.`);
    await changed({ removed: e.id });
  }));
  holder.append(button);
  return holder;
}

const num = (text) => {
  const t = String(text ?? '').trim();
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t; // not a number: the server names the field
};

/** Creates a relationship; `fixed`: the entity of the Curate tab (one end), else both ends are picked. */
function relationshipForm({ fixed = null, onDone } = {}) {
  const type = field({ name: 'type', label: 'Type', type: 'select', value: 'SUPPLIES', options: REL_TYPES.map(t => [t, humanType(t)]) });
  const fields = [type];
  let direction = null;
  let other = null;
  let source = null;
  let target = null;
  if (fixed) {
    direction = field({ name: 'direction', label: 'Direction', type: 'select', value: 'out',
      options: [['out', `${fixed.name} → the other entity`], ['in', `the other entity → ${fixed.name}`]] });
    other = entityPicker('target', 'Other entity');
    fields.push(direction, other);
  } else {
    source = entityPicker('source', 'From (source)');
    target = entityPicker('target', 'To (target)');
    fields.push(source, target);
  }
  fields.push(
    field({ name: 'year', label: 'Year', attrs: { inputmode: 'numeric' } }),
    field({ name: 'start', label: 'Start year', attrs: { inputmode: 'numeric' } }),
    field({ name: 'end', label: 'End year', attrs: { inputmode: 'numeric' } }),
    field({ name: 'share', label: 'Share (0–1)', help: '0.51 for 51 %', attrs: { inputmode: 'decimal' } }),
    field({ name: 'tier', label: 'Tier', attrs: { inputmode: 'numeric' } }),
    field({ name: 'document', label: 'Source document' }),
    field({ name: 'quotes', label: 'Quotes (one per line)', type: 'textarea' }),
    field({ name: 'comment', label: 'Why (for the history)' }));
  const f = form({
    fields, submitLabel: 'Create relationship', id: fixed ? 'new-relationship-form' : 'new-relationship-dialog-form',
    onSubmit: async (v) => {
      let s = v.source;
      let t = v.target;
      if (fixed) {
        if (!v.target) {
          other.setError('Choose the other entity.');
          return;
        }
        [s, t] = v.direction === 'in' ? [v.target, fixed.id] : [fixed.id, v.target];
      }
      const body = { source: s, target: t, type: v.type };
      for (const k of ['year', 'start', 'end', 'share', 'tier']) if (num(v[k]) !== null) body[k] = num(v[k]);
      if (v.document.trim()) body.document = v.document.trim();
      if (lines(v.quotes).length) body.quotes = lines(v.quotes);
      if (v.comment.trim()) body.comment = v.comment.trim();
      const r = await write('POST', '/api/relationships', { json: body });
      toast(`Created: ${r.body.source.name} ${humanType(r.body.type)} ${r.body.target.name}.`);
      onDone?.();
      await changed({ select: fixed ? fixed.id : r.body.id });
    },
  });
  return f.el;
}

function renderEdgeForms(d, nameOf) {
  const title = `${nameOf(d.source)} ${humanType(d.type)} ${nameOf(d.target)}`;
  if (!loggedIn()) return h('div', {}, h('h2', { class: 'details-title', text: title }), loginNote('edit or delete this link'));
  const initial = Object.fromEntries(['year', 'start', 'end', 'share', 'tier', 'document', 'reason'].map(k => [k, d[k] === undefined || d[k] === null ? '' : String(d[k])]));
  const quotes = Array.isArray(d.quotes) ? d.quotes : [];
  const sectionOf = new Map(quotes.map((q, i) => [q, d.quoteSections?.[i] || null]));
  initial.quotes = quotes.join('\n');
  const fields = [
    field({ name: 'year', label: 'Year', value: initial.year, attrs: { inputmode: 'numeric' } }),
    field({ name: 'start', label: 'Start year', value: initial.start, attrs: { inputmode: 'numeric' } }),
    field({ name: 'end', label: 'End year', value: initial.end, attrs: { inputmode: 'numeric' } }),
    field({ name: 'share', label: 'Share (0–1)', value: initial.share, attrs: { inputmode: 'decimal' } }),
    field({ name: 'tier', label: 'Tier', value: initial.tier, attrs: { inputmode: 'numeric' } }),
    field({ name: 'document', label: 'Source document', value: initial.document }),
    field({ name: 'quotes', label: 'Quotes (one per line)', type: 'textarea', value: initial.quotes, rows: 4 }),
    field({ name: 'inferred', label: 'Inferred (not stated in the source)', type: 'checkbox', value: !!d.inferred }),
    field({ name: 'reason', label: 'Why it is inferred', value: initial.reason }),
    field({ name: 'comment', label: 'Why this change (for the history)' }),
  ];
  const f = form({
    fields, submitLabel: 'Save changes', id: 'edit-relationship-form',
    onSubmit: async (v) => {
      const patch = {};
      for (const k of ['year', 'start', 'end', 'share', 'tier']) if (v[k].trim() !== initial[k]) patch[k] = num(v[k]);
      for (const k of ['document', 'reason']) if (v[k].trim() !== initial[k]) patch[k] = v[k].trim() || null;
      if (v.inferred !== !!d.inferred) patch.inferred = v.inferred;
      if (lines(v.quotes).join('\n') !== lines(initial.quotes).join('\n')) {
        patch.quotes = lines(v.quotes).map(q => ({ quote: q, section: sectionOf.get(q) || null }));
      }
      if (!Object.keys(patch).length) {
        f.status('Nothing changed.');
        return;
      }
      if (v.comment.trim()) patch.comment = v.comment.trim();
      await write('PATCH', `/api/relationships/${enc(d.id)}`, { json: patch });
      toast('Link saved.');
      await changed({ select: d.id });
    },
  });
  const removeHolder = h('div');
  const remove = h('button', { type: 'button', class: 'btn btn-danger btn-small', text: 'Delete this link…' });
  remove.addEventListener('click', () => confirmStep(removeHolder, `Delete the link “${title}”? The history keeps a copy.`, 'Delete', async () => {
    await write('DELETE', `/api/relationships/${enc(d.id)}`);
    toast('Link deleted.');
    await changed({ removed: d.id });
  }));
  removeHolder.append(remove);
  const parts = [h('h2', { class: 'details-title', text: `Curate: ${title}` })];
  if (d.type === 'POSSIBLY_SAME_AS') {
    parts.push(section('Possibly the same', duplicateActions({ id: d.id, source: { id: d.source, name: nameOf(d.source) }, target: { id: d.target, name: nameOf(d.target) } })));
  }
  parts.push(section('Edit', f.el), section('Delete', removeHolder));
  return h('div', {}, ...parts);
}

// --- history -------------------------------------------------------------------------------------

const ACTIONS = { create: 'Created', edit: 'Edited', delete: 'Deleted', merge: 'Merged', dismiss: 'Dismissed' };

function diff(before, after) {
  const b = before?.properties ?? before ?? {};
  const a = after?.properties ?? after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(k => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return keys.map(k => [k, b[k], a[k]]);
}

function describe(c) {
  if (c.action === 'merge') return `Merged ${c.merged} into ${c.survivor}`;
  if (c.action === 'dismiss') return `Dismissed “possibly the same” link ${c.subjectId}`;
  return `${ACTIONS[c.action] || c.action} ${c.subject} ${c.subjectId}`;
}

function changeItem(c) {
  const when = new Date(String(c.at).replace(/\[.*]$/, ''));
  const changes = c.action === 'edit' ? diff(c.before, c.after) : [];
  return h('li', { class: 'history-item' },
    h('p', { class: 'history-line' },
      h('strong', { class: 'history-action', text: describe(c) })),
    h('p', { class: 'history-meta muted small', text: `by ${c.user} · ${Number.isNaN(when.getTime()) ? c.at : when.toLocaleString('en-GB')}` }),
    c.comment ? h('p', { class: 'history-comment', text: `“${c.comment}”` }) : null,
    changes.length ? h('dl', { class: 'props history-diff' }, changes.flatMap(([k, was, now]) => [
      h('dt', { text: k }),
      h('dd', {}, h('span', { class: 'was', text: formatValue(was, k) }), ' → ', h('span', { class: 'now', text: formatValue(now, k) }))])) : null,
    h('details', { class: 'history-raw' }, h('summary', { text: 'Before and after' }),
      h('pre', { class: 'json', text: JSON.stringify({ before: c.before, after: c.after }, null, 2) })));
}

async function loadHistory(container, id, offset = 0) {
  const list = offset === 0 ? h('ol', { class: 'history-list', 'aria-label': 'Changes, newest first' }) : container.querySelector('.history-list');
  if (offset === 0) replace(container, h('p', { class: 'muted', text: 'Loading the history…' }));
  let page;
  try {
    page = await getJson(`/api/entities/${enc(id)}/history`, { offset, limit: 20 }, { quiet: true });
  } catch (e) {
    if (e.status === 404) replace(container, h('p', { class: 'muted', text: 'No recorded change: as loaded from its dataset.' }));
    else replace(container, h('p', { class: 'error-inline', text: e.detail || e.message }));
    return;
  }
  container.querySelector('.history-more')?.remove();
  if (offset === 0) {
    replace(container, page.total ? h('p', { class: 'muted small', text: `${page.total} change${page.total === 1 ? '' : 's'}${page.includes?.length ? `, including those of ${page.includes.join(', ')} (merged into it)` : ''}.` })
      : h('p', { class: 'muted', text: 'No recorded change: as loaded from its dataset.' }), list);
  }
  page.changes.forEach(c => list.append(changeItem(c)));
  if (offset + page.changes.length < page.total) {
    container.append(h('button', { type: 'button', class: 'btn btn-small history-more', text: 'Show older changes',
      on: { click: () => loadHistory(container, id, offset + page.changes.length) } }));
  }
}

// --- dialogs -------------------------------------------------------------------------------------

/** Opens the shared dialog with a title and content; returns the dialog. */
export function openDialog(title, ...content) {
  const dialog = $('#curation-dialog');
  replace(dialog,
    h('div', { class: 'dialog-head' },
      h('h2', { class: 'dialog-title', id: 'curation-dialog-title', text: title }),
      h('button', { type: 'button', class: 'message-close', 'aria-label': 'Close', text: '×', on: { click: () => dialog.close() } })),
    ...content);
  dialog.setAttribute('aria-labelledby', 'curation-dialog-title');
  if (!dialog.open) dialog.showModal();
  dialog.querySelector('input, select, textarea, button:not(.message-close)')?.focus();
  return dialog;
}

export function openNewEntity() {
  if (!loggedIn()) {
    openLogin('Log in to create an entity.');
    return;
  }
  const fields = [
    field({ name: 'name', label: 'Name', required: true }),
    field({ name: 'type', label: 'Type', type: 'select', value: 'Company', options: NODE_TYPES.map(t => [t, humanType(t)]) }),
    field({ name: 'id', label: 'Id (optional)', help: 'Lowercase letters, digits and hyphens; made from the name when empty.' }),
    field({ name: 'country', label: 'Country (ISO code)', help: 'Two letters, e.g. MA.', attrs: { maxlength: 2 } }),
    field({ name: 'sector', label: 'Sector' }),
    field({ name: 'aliases', label: 'Aliases (one per line)', type: 'textarea' }),
    field({ name: 'document', label: 'Source document' }),
    field({ name: 'quotes', label: 'Quotes (one per line)', type: 'textarea' }),
  ];
  const dialog = $('#curation-dialog');
  const f = form({
    fields, submitLabel: 'Create entity', id: 'new-entity-form', onCancel: () => dialog.close(),
    onSubmit: async (v) => {
      const body = { name: v.name.trim(), type: v.type };
      for (const k of ['id', 'country', 'sector', 'document']) if (v[k].trim()) body[k] = v[k].trim();
      if (lines(v.aliases).length) body.aliases = lines(v.aliases);
      if (lines(v.quotes).length) body.quotes = lines(v.quotes);
      const r = await write('POST', '/api/entities', { json: body });
      dialog.close();
      toast(`${r.body.name} created.`);
      await changed({ focus: r.body.id });
    },
  });
  openDialog('New entity', f.el);
}

export function openNewRelationship() {
  if (!loggedIn()) {
    openLogin('Log in to create a relationship.');
    return;
  }
  const dialog = $('#curation-dialog');
  openDialog('New relationship', relationshipForm({ onDone: () => dialog.close() }));
}

/** Merge either way or dismiss one POSSIBLY_SAME_AS pair. */
function duplicateActions(rel, onDone) {
  const holder = h('div', { class: 'duplicate-actions form-actions' });
  const a = rel.source;
  const b = rel.target;
  const merge = (keep, drop) => () => confirmStep(holder, `Merge “${drop.name}” into “${keep.name}”? “${drop.name}” becomes an alias of “${keep.name}”, `
    + 'its relationships move and it is deleted.', 'Merge', async () => {
    await write('POST', `/api/entities/${enc(keep.id)}/merge`, { json: { other: drop.id, comment: 'possibly-same review' } });
    toast(`${drop.name} merged into ${keep.name}.`);
    onDone?.(`Merged into ${keep.name}.`);
    await changed({ select: keep.id, removed: drop.id });
  });
  if (!loggedIn()) {
    holder.append(h('button', { type: 'button', class: 'btn btn-small', text: 'Log in to resolve', on: { click: () => openLogin() } }));
    return holder;
  }
  holder.append(
    h('button', { type: 'button', class: 'btn btn-small', text: `Keep ${a.name}`, title: `Merge ${b.name} into ${a.name}`, on: { click: merge(a, b) } }),
    h('button', { type: 'button', class: 'btn btn-small', text: `Keep ${b.name}`, title: `Merge ${a.name} into ${b.name}`, on: { click: merge(b, a) } }),
    h('button', { type: 'button', class: 'btn btn-small', text: 'Not the same', on: {
      click: () => confirmStep(holder, `Dismiss: “${a.name}” and “${b.name}” are different entities?`, 'Dismiss', async () => {
        await write('POST', `/api/relationships/${enc(rel.id)}/dismiss`, { json: { comment: 'possibly-same review' } });
        toast('Dismissed: kept as two entities.');
        onDone?.('Dismissed: two different entities.');
        await changed({ removed: rel.id });
      }),
    } }));
  return holder;
}

export async function openDuplicates() {
  const list = h('ul', { class: 'duplicates', id: 'duplicates', 'aria-label': 'Pairs that may be one entity' });
  const status = h('p', { class: 'muted', role: 'status', text: 'Loading…' });
  openDialog('Possible duplicates', h('p', { class: 'dialog-lead', text: 'Names that may be one entity. Merge them (the one you keep absorbs the other) or dismiss the link.' }),
    status, list);
  let page;
  try {
    page = await getJson('/api/relationships', { type: 'POSSIBLY_SAME_AS', limit: 500 }, { label: 'Loading…' });
  } catch (e) {
    status.textContent = e.detail || e.message;
    return;
  }
  status.textContent = page.total ? `${page.total} pair${page.total === 1 ? '' : 's'} to review.` : 'Nothing to review.';
  for (const rel of page.relationships) {
    const quote = rel.properties?.quotes?.[0];
    const item = h('li', { class: 'duplicate', dataset: { id: rel.id } });
    const done = (text) => replace(item, h('p', { class: 'muted', text: `${rel.source.name} / ${rel.target.name}: ${text}` }));
    replace(item,
      h('p', { class: 'duplicate-pair' },
        h('strong', { text: rel.source.name }), h('span', { class: 'muted', text: ` (${humanType(rel.source.type)}, ${rel.source.id})` }),
        ' — ',
        h('strong', { text: rel.target.name }), h('span', { class: 'muted', text: ` (${humanType(rel.target.type)}, ${rel.target.id})` })),
      quote ? quoteFigure(quote) : null,
      duplicateActions(rel, done));
    list.append(item);
  }
}
