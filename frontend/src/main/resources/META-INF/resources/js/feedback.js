// Loading indicator (shown only for requests that take longer than 200 ms) and user-facing messages.
import { h, replace, $ } from './dom.js';

const DELAY_MS = 200;
let pending = 0;
let timer = null;

function indicator() {
  return $('#loading');
}

/** Marks one request as started; returns a function that marks it done. */
export function startLoading(label = 'Loading…') {
  pending++;
  if (pending === 1) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const el = indicator();
      if (!el || pending === 0) return;
      $('.loading-text', el).textContent = label;
      el.hidden = false;
      document.body.setAttribute('aria-busy', 'true');
    }, DELAY_MS);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    pending = Math.max(0, pending - 1);
    if (pending === 0) {
      clearTimeout(timer);
      const el = indicator();
      if (el) el.hidden = true;
      document.body.removeAttribute('aria-busy');
    }
  };
}

export const isLoading = () => pending > 0;

/**
 * Shows a message over the canvas. kind: 'error' | 'empty' | 'info'.
 * `actions`: [{label, run}] rendered as buttons.
 */
export function showMessage(kind, title, detail, actions = []) {
  const box = $('#message');
  if (!box) return;
  box.className = `message message-${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  replace(box,
    h('div', { class: 'message-body' },
      h('strong', { class: 'message-title', text: title }),
      detail ? h('p', { class: 'message-detail', text: detail }) : null,
      actions.length ? h('div', { class: 'message-actions' },
        actions.map(a => h('button', { type: 'button', class: 'btn btn-small', text: a.label, on: { click: a.run } }))) : null),
    h('button', { type: 'button', class: 'message-close', 'aria-label': 'Dismiss message', text: '×', on: { click: clearMessage } }));
  box.hidden = false;
  window.filiere && (window.filiere.message = { kind, title, detail: detail || '' });
}

export function clearMessage() {
  const box = $('#message');
  if (box) {
    box.hidden = true;
    box.replaceChildren();
  }
  window.filiere && (window.filiere.message = null);
}

/** Shows an API or network error as a readable message. */
export function showError(err, context) {
  if (err?.name === 'AbortError') return;
  const title = err?.title || 'Something went wrong';
  const detail = [context, err?.detail || err?.message].filter(Boolean).join(': ');
  showMessage('error', title, detail);
}

/** Short-lived confirmation (e.g. "Link copied"). */
export function toast(text) {
  const el = $('#toast');
  if (!el) return;
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.t);
  toast.t = setTimeout(() => { el.hidden = true; }, 2200);
}
