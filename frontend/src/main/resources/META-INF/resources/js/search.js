// Search box with suggestions as you type (ARIA combobox): ↑/↓ move, Enter opens, Esc closes.
import { api } from './api.js';
import { h, replace, debounce, nextId, humanType, countryName } from './dom.js';

/**
 * Builds a search combobox.
 * @param {object} o
 * @param {string} o.label visible label text
 * @param {string} o.placeholder
 * @param {(hit) => void} o.onPick called with {id, name, type, country}
 * @param {string} [o.types] restrict to node types
 * @param {boolean} [o.hideLabel] label only for assistive technology
 * @returns {{el: HTMLElement, input: HTMLInputElement, setValue(name): void, focus(): void}}
 */
export function searchBox({ label, placeholder, onPick, types, hideLabel = false, id }) {
  const inputId = id || nextId('search');
  const listId = `${inputId}-list`;
  const hintId = `${inputId}-hint`;
  const input = h('input', {
    id: inputId, type: 'search', class: 'search-input', placeholder, autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-describedby': hintId,
  });
  const list = h('ul', { id: listId, class: 'suggestions', role: 'listbox', 'aria-label': `${label}: suggestions` });
  list.hidden = true;
  const status = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const hint = h('span', { id: hintId, class: 'sr-only', text: 'Type at least two letters; use the up and down arrows to choose a suggestion and Enter to open it.' });
  const el = h('div', { class: 'search' },
    h('label', { for: inputId, class: hideLabel ? 'sr-only' : 'field-label', text: label }),
    h('div', { class: 'search-field' }, input, list), status, hint);

  let hits = [];
  let active = -1;
  let seq = 0;
  let lastQuery = '';

  function open(show) {
    list.hidden = !show;
    input.setAttribute('aria-expanded', String(show));
    if (!show) {
      active = -1;
      input.removeAttribute('aria-activedescendant');
    }
  }

  function setActive(i) {
    const items = list.querySelectorAll('[role="option"]');
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach((it, j) => it.setAttribute('aria-selected', String(j === active)));
    input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  }

  function pick(hit) {
    if (!hit) return;
    input.value = hit.name;
    open(false);
    onPick(hit);
  }

  function renderHits(q) {
    if (!hits.length) {
      replace(list, h('li', { class: 'suggestion-empty', role: 'presentation', text: `No entity matches “${q}”.` }));
      status.textContent = 'No suggestions.';
      open(true);
      return;
    }
    replace(list, hits.map((hit, i) => h('li', {
      id: `${listId}-${i}`, class: 'suggestion', role: 'option', 'aria-selected': 'false', dataset: { id: hit.id },
      on: {
        mousedown: (e) => e.preventDefault(), // keep focus in the input
        click: () => pick(hit),
      },
    },
    h('span', { class: `type-dot type-${hit.type}`, 'aria-hidden': 'true' }),
    h('span', { class: 'suggestion-main' },
      h('span', { class: 'suggestion-name', text: hit.name }),
      hit.matchedAlias ? h('span', { class: 'suggestion-alias', text: `matched “${hit.matchedAlias}”` }) : null),
    h('span', { class: 'suggestion-meta', text: [humanType(hit.type), countryName(hit.country)].filter(Boolean).join(' · ') }))));
    status.textContent = `${hits.length} suggestion${hits.length === 1 ? '' : 's'}.`;
    open(true);
  }

  const lookup = debounce(async (q) => {
    const mine = ++seq;
    try {
      const res = await api.search(q, { types, limit: 8 }, { channel: `search-${inputId}` });
      if (mine !== seq) return;
      hits = res || [];
      lastQuery = q;
      renderHits(q);
    } catch (e) {
      if (e.name === 'AbortError' || mine !== seq) return;
      hits = [];
      replace(list, h('li', { class: 'suggestion-empty', role: 'presentation', text: e.detail || e.message }));
      open(true);
    }
  }, 140);

  input.addEventListener('input', () => {
    const q = input.value.trim();
    if (q.length < 2) {
      seq++;
      lookup.cancel();
      hits = [];
      open(false);
      return;
    }
    lookup(q);
  });

  input.addEventListener('keydown', async (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden && hits.length) open(true);
      setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const q = input.value.trim();
      if (active >= 0 && hits[active]) {
        pick(hits[active]);
      } else if (q.length >= 1) {
        // Enter before the suggestions arrived: search now and open the best hit.
        if (q !== lastQuery || !hits.length) {
          lookup.cancel();
          const mine = ++seq;
          try {
            hits = await api.search(q, { types, limit: 8 }, { channel: `search-${inputId}`, label: 'Searching…' }) || [];
            lastQuery = q;
          } catch (err) {
            if (err.name !== 'AbortError') {
              hits = [];
              replace(list, h('li', { class: 'suggestion-empty', role: 'presentation', text: err.detail || err.message }));
              open(true);
            }
            return;
          }
          if (mine !== seq) return;
        }
        if (hits.length) pick(hits[0]);
        else renderHits(q);
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        open(false);
      } else if (input.value) {
        e.preventDefault();
        input.value = '';
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(() => open(false), 120));
  input.addEventListener('focus', () => {
    if (hits.length && input.value.trim() === lastQuery) open(true);
  });

  return {
    el,
    input,
    setValue(name) {
      input.value = name || '';
      hits = [];
      lastQuery = '';
    },
    focus() {
      input.focus();
    },
  };
}
