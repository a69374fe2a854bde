// Small labelled form controls shared by the views' sidebars.
import { h } from '../dom.js';

export function selectField(label, id, options, value, onChange, help) {
  const helpId = help ? `${id}-help` : null;
  const select = h('select', { id, class: 'select', 'aria-describedby': helpId, on: { change: (e) => onChange(e.target.value) } },
    options.map(([v, text]) => h('option', { value: String(v), selected: String(v) === String(value), text })));
  return h('div', { class: 'field' },
    h('label', { for: id, class: 'field-label', text: label }), select,
    help ? h('p', { id: helpId, class: 'field-help', text: help }) : null);
}

export function radioGroup(label, name, options, value, onChange) {
  return h('fieldset', { class: 'field radio-group' },
    h('legend', { class: 'field-label', text: label }),
    h('div', { class: 'segmented' }, options.map(([v, text]) => {
      const id = `${name}-${v}`;
      return h('span', { class: 'segment' },
        h('input', { type: 'radio', id, name, value: v, checked: v === value, on: { change: () => onChange(v) } }),
        h('label', { for: id, text }));
    })));
}

export function checkboxField(label, id, checked, onChange, help) {
  const helpId = help ? `${id}-help` : null;
  return h('div', { class: 'field field-check' },
    h('input', { type: 'checkbox', id, checked, 'aria-describedby': helpId, on: { change: (e) => onChange(e.target.checked) } }),
    h('label', { for: id, text: label }),
    help ? h('p', { id: helpId, class: 'field-help', text: help }) : null);
}
