// Who is logged in, the login dialog, and every write the explorer makes: each carries the CSRF
// token of GET /api/session (a browser session needs it; see security/SecurityConfiguration).
import { request, getJson, ApiError } from './api.js';
import { h, replace, $ } from './dom.js';
import { toast } from './feedback.js';
import { form, field } from './form.js';

let session = { authenticated: false, user: null, csrf: null };
const listeners = new Set();

export const current = () => ({ authenticated: session.authenticated, user: session.user });
export const loggedIn = () => session.authenticated;

/** Calls `fn(session)` now and whenever someone logs in or out. */
export function onChange(fn) {
  listeners.add(fn);
  fn(current());
  return () => listeners.delete(fn);
}

function set(next) {
  const changed = next.authenticated !== session.authenticated || next.user !== session.user;
  session = { authenticated: !!next.authenticated, user: next.user || null, csrf: next.csrf || session.csrf };
  if (changed) listeners.forEach(fn => fn(current()));
}

export async function refresh() {
  const s = await getJson('/api/session', null, { quiet: true });
  session.csrf = null;
  set(s || {});
  return current();
}

function headers(extra) {
  const out = { 'X-Requested-With': 'XMLHttpRequest', ...(extra || {}) };
  if (session.csrf) out[session.csrf.header] = session.csrf.token;
  return out;
}

/**
 * A write: `json` is sent as JSON, `form` (FormData) as multipart. A 403 from a stale token is
 * retried once with a fresh one; a 401 means the session ended: the login dialog opens.
 */
export async function write(method, path, { json, form: data, label } = {}) {
  const attempt = () => request(path, {
    method,
    label,
    headers: headers(json !== undefined ? { 'Content-Type': 'application/json' } : null),
    body: json !== undefined ? JSON.stringify(json) : data,
  });
  try {
    return await attempt();
  } catch (e) {
    if (e instanceof ApiError && e.status === 403 && /CSRF/.test(e.detail)) {
      await refresh();
      return attempt();
    }
    if (e instanceof ApiError && e.status === 401) {
      await refresh().catch(() => {});
      if (!session.authenticated) openLogin('Your session has ended: log in again, then repeat the change.');
    }
    throw e;
  }
}

export async function logout() {
  await request('/logout', { method: 'POST', headers: headers(), quiet: true });
  await refresh();
  toast('Logged out.');
}

async function login(user, password) {
  const body = new URLSearchParams({ username: user, password });
  const attempt = () => request('/login', { method: 'POST', headers: headers({ 'Content-Type': 'application/x-www-form-urlencoded' }), body, label: 'Logging in…' });
  let res;
  try {
    res = await attempt();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 403)) throw e;
    await refresh(); // no or stale CSRF token yet: get one and try again
    res = await attempt();
  }
  session.csrf = res.body?.csrf || null;
  set(res.body || {});
}

/** Opens the login dialog (`reason`: why, shown above the form). */
export function openLogin(reason) {
  const dialog = $('#login-dialog');
  const user = field({ name: 'username', label: 'User name', required: true, attrs: { autocomplete: 'username' } });
  const password = field({ name: 'password', label: 'Password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } });
  const f = form({
    fields: [user, password],
    submitLabel: 'Log in',
    onCancel: () => dialog.close(),
    onSubmit: async (v) => {
      await login(v.username, v.password);
      dialog.close();
      toast(`Logged in as ${session.user}.`);
    },
  });
  f.el.id = 'login-form';
  replace(dialog,
    h('h2', { class: 'dialog-title', id: 'login-title', text: 'Log in to edit the graph' }),
    reason ? h('p', { class: 'dialog-lead', text: reason }) : null,
    h('p', { class: 'muted small', text: 'Reading is open to everyone; creating, editing, merging, deleting and importing need the curator account.' }),
    f.el);
  dialog.setAttribute('aria-labelledby', 'login-title');
  if (!dialog.open) dialog.showModal();
  user.input.focus();
}

/** The account area of the top bar: "Log in", or the user and "Log out". */
export function renderAccount(container) {
  onChange((s) => {
    // Logging in or out replaces the button that had the focus: give it to its successor rather
    // than let it fall back to the page, where a keyboard user would have to start over.
    const hadFocus = container.contains(document.activeElement);
    if (s.authenticated) {
      replace(container,
        h('span', { class: 'account-user', id: 'account-user', text: s.user, title: 'Logged in' }),
        h('button', { type: 'button', class: 'btn btn-ghost', id: 'logout-button', text: 'Log out', on: { click: () => logout().catch((e) => toast(e.detail || e.message)) } }));
    } else {
      replace(container, h('button', { type: 'button', class: 'btn btn-ghost', id: 'login-button', text: 'Log in', on: { click: () => openLogin() } }));
    }
    if (hadFocus) container.querySelector('button')?.focus();
  });
}
