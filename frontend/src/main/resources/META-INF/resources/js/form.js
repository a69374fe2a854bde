// Accessible forms for curation, login and uploads: every field has a label, errors are shown as
// text next to the field they concern (aria-invalid + aria-describedby) and in a summary (role=alert).
import { h, replace, nextId } from './dom.js';

/**
 * One labelled field. `type`: text, password, number, select, textarea, checkbox, file.
 * `options`: [[value, label]] for selects. Returns {el, input, name, setError(text), value()}.
 */
export function field({ name, label, type = 'text', value, required = false, help, options, rows = 3, attrs = {} }) {
  const id = nextId(`f-${name}`);
  const errorId = `${id}-error`;
  const helpId = help ? `${id}-help` : null;
  let input;
  if (type === 'select') {
    input = h('select', { id, name, class: 'select', required, ...attrs },
      options.map(([v, l]) => h('option', { value: v, text: l, selected: String(v) === String(value ?? '') })));
  } else if (type === 'textarea') {
    input = h('textarea', { id, name, class: 'textarea', rows, required, ...attrs });
    input.value = value ?? '';
  } else {
    input = h('input', { id, name, type, class: type === 'checkbox' ? null : 'input', required, ...attrs });
    if (type === 'checkbox') input.checked = !!value;
    else if (type !== 'file') input.value = value ?? '';
  }
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  input.setAttribute('aria-describedby', [helpId, errorId].filter(Boolean).join(' '));
  const labelEl = h('label', { for: id, class: type === 'checkbox' ? 'check-label' : 'field-label' },
    label, required ? h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null);
  const el = type === 'checkbox'
    ? h('div', { class: 'field form-check' }, input, labelEl, help ? h('p', { class: 'field-help', id: helpId, text: help }) : null, error)
    : h('div', { class: 'field' }, labelEl, input, help ? h('p', { class: 'field-help', id: helpId, text: help }) : null, error);
  return {
    el, input, name,
    setError(text) {
      error.textContent = text || '';
      error.hidden = !text;
      if (text) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
    value() {
      if (type === 'checkbox') return input.checked;
      if (type === 'file') return input.files?.[0] || null;
      return input.value;
    },
  };
}

/** Lines of a textarea as a list (blank lines dropped). */
export const lines = (text) => String(text || '').split('\n').map(s => s.trim()).filter(Boolean);

/**
 * A form of fields with a submit button (and optionally Cancel). `onSubmit(values)` may throw an
 * ApiError: its `errors` are shown on their fields (matched by `field` or `column`), the rest in the
 * summary. Returns {el, fields, busy(b), showError(err), clear(), status(text)}.
 */
export function form({ fields, submitLabel, onSubmit, onCancel, extra, danger = false, id }) {
  const summary = h('div', { class: 'form-errors', role: 'alert', hidden: true });
  const statusLine = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: danger ? 'btn btn-danger' : 'btn btn-primary', text: submitLabel });
  const el = h('form', { class: 'form', id, novalidate: true },
    fields.map(f => f.el), extra || null, summary,
    h('div', { class: 'form-actions' }, submit,
      onCancel ? h('button', { type: 'button', class: 'btn', text: 'Cancel', on: { click: onCancel } }) : null),
    statusLine);
  const api = {
    el, fields,
    busy(b) {
      submit.disabled = b;
      el.setAttribute('aria-busy', String(b));
    },
    clear() {
      fields.forEach(f => f.setError(null));
      summary.hidden = true;
      summary.replaceChildren();
    },
    status(text) {
      statusLine.textContent = text || '';
    },
    showError(err) {
      api.clear();
      const byName = new Map(fields.map(f => [f.name, f]));
      const rest = [];
      const shown = new Set();
      for (const e of err?.errors || []) {
        const key = String(e.field ?? e.column ?? '').replace(/\[\d+]$/, '');
        const f = byName.get(key);
        const where = [e.file, e.row ? `row ${e.row}` : null, e.column].filter(Boolean).join(', ');
        const text = [where && !f ? `${where}:` : null, e.message, e.value !== undefined && e.value !== null && e.value !== '' ? `(got “${e.value}”)` : null]
          .filter(Boolean).join(' ');
        if (f && !shown.has(f)) {
          f.setError(text);
          shown.add(f);
        } else rest.push(text);
      }
      const title = err?.title ? `${err.title}: ` : '';
      replace(summary, h('p', { text: `${title}${err?.detail || err?.message || 'Something went wrong.'}` }),
        rest.length ? h('ul', { class: 'error-list' }, rest.slice(0, 50).map(t => h('li', { text: t }))) : null,
        rest.length > 50 ? h('p', { text: `… and ${rest.length - 50} more.` }) : null);
      summary.hidden = false;
      const firstInvalid = fields.find(f => f.input.getAttribute('aria-invalid') === 'true');
      (firstInvalid ? firstInvalid.input : summary).focus?.();
    },
  };
  summary.tabIndex = -1;
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    api.clear();
    const missing = fields.filter(f => f.input.required && !String(f.value() ?? '').trim() && f.input.type !== 'file');
    if (missing.length) {
      missing.forEach(f => f.setError('Required.'));
      missing[0].input.focus();
      return;
    }
    const values = Object.fromEntries(fields.map(f => [f.name, f.value()]));
    api.busy(true);
    try {
      await onSubmit(values, api);
    } catch (err) {
      if (err?.name !== 'AbortError') api.showError(err);
    } finally {
      api.busy(false);
    }
  });
  return api;
}
