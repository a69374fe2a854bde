// API client: JSON over fetch, errors as readable ApiError (from application/problem+json),
// a loading indicator for slow requests and cancellation of superseded requests per channel.
import { startLoading } from './feedback.js';

export class ApiError extends Error {
  constructor({ title, detail, status, parameter, errors }) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.title = title || `Request failed (HTTP ${status})`;
    this.detail = detail || '';
    this.status = status;
    this.parameter = parameter || null;
    // 422 (curation) and 400 (imports) list what is wrong: [{field|column, row, value, message}]
    this.errors = Array.isArray(errors) ? errors : [];
  }
}

/**
 * Sends any request and reads the answer: `{status, headers, body}` (body parsed when JSON), or an
 * ApiError built from the problem+json answer. Writes go through auth.js, which adds the CSRF token.
 */
export async function request(path, init = {}) {
  const done = init.quiet ? () => {} : startLoading(init.label || 'Saving…');
  try {
    let res;
    try {
      res = await fetch(path, { ...init, headers: { Accept: 'application/json, application/problem+json', ...(init.headers || {}) } });
    } catch (e) {
      throw new ApiError({ title: 'Cannot reach the server', detail: 'Check that Filière is running, then try again.', status: 0 });
    }
    const type = res.headers.get('Content-Type') || '';
    let body = null;
    if (type.includes('json')) {
      try { body = await res.json(); } catch { body = null; }
    }
    if (!res.ok) {
      throw new ApiError({
        title: body?.title, detail: body?.detail || (body ? '' : `The server answered ${res.status} ${res.statusText}.`),
        status: res.status, parameter: body?.parameter, errors: body?.errors,
      });
    }
    return { status: res.status, headers: res.headers, body };
  } finally {
    done();
  }
}

const channels = new Map();

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * GET a JSON resource. `channel`: a name; a new request on the same channel aborts the previous one
 * (its promise rejects with an AbortError, which callers ignore).
 */
export async function getJson(path, params, { channel, label, quiet } = {}) {
  let controller = null;
  if (channel) {
    channels.get(channel)?.abort();
    controller = new AbortController();
    channels.set(channel, controller);
  }
  const done = quiet ? () => {} : startLoading(label);
  try {
    let res;
    try {
      res = await fetch(path + query(params), {
        headers: { Accept: 'application/json, application/problem+json' },
        signal: controller?.signal,
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError({ title: 'Cannot reach the server', detail: 'Check that Filière is running, then try again.', status: 0 });
    }
    const type = res.headers.get('Content-Type') || '';
    let body = null;
    if (type.includes('json')) {
      try { body = await res.json(); } catch { body = null; }
    }
    if (!res.ok) {
      throw new ApiError({
        title: body?.title, detail: body?.detail || (body ? '' : `The server answered ${res.status} ${res.statusText}.`),
        status: res.status, parameter: body?.parameter,
      });
    }
    return body;
  } finally {
    if (channel && channels.get(channel) === controller) channels.delete(channel);
    done();
  }
}

const entityCache = new Map();

export const api = {
  search: (q, { types, limit = 8 } = {}, opts = {}) => getJson('/api/search', { q, types, limit }, { quiet: true, ...opts }),
  entity(id) {
    if (!entityCache.has(id)) {
      const p = getJson(`/api/entities/${encodeURIComponent(id)}`, null, { label: 'Loading details…' });
      p.catch(() => entityCache.delete(id));
      entityCache.set(id, p);
    }
    return entityCache.get(id);
  },
  forgetEntity: (id) => entityCache.delete(id),
  forgetEntities: () => entityCache.clear(),
  neighbourhood: (id, p, opts) => getJson(`/api/graph/neighbourhood/${encodeURIComponent(id)}`, p, opts),
  tiers: (id, p, opts) => getJson(`/api/graph/tiers/${encodeURIComponent(id)}`, p, opts),
  ownership: (id, p, opts) => getJson(`/api/graph/ownership/${encodeURIComponent(id)}`, p, opts),
  paths: (p, opts) => getJson('/api/graph/paths', p, opts),
  exposure: (id, p, opts) => getJson(`/api/analytics/exposure/${encodeURIComponent(id)}`, p, opts),
  flows: (p, opts) => getJson('/api/analytics/flows', p, opts),
};
