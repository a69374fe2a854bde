// Quotes as figures. Some boxes of the report were printed with dots for spaces ("Along.similar.
// lines,.the.equipment.manufacturer"): the exact quote stays the provenance, shown as printed on
// demand, and a reading with the spaces put back is shown first.
import { h } from './dom.js';

/** The quote with its spaces back, or null when it was printed with spaces. */
export function readable(quote) {
  if (typeof quote !== 'string') return null;
  // Abbreviations (S.p.A., U.S., e.g.) and web addresses are dots of ordinary text: a dot counts
  // as a space only after a word of two characters or more.
  const probe = quote.replace(/\b(?:https?:\/\/|www\.)\S+/g, 'URL');
  const dotted = (probe.match(/[^\s.(]{2}\.(?= ?[^\s.])/g) || []).length;
  const spaces = (probe.match(/[^.\s] /g) || []).length;
  if (dotted < 3 || dotted <= spaces) return null;
  return quote
    .replace(/([^.])\.$/, '$1')                // a last single dot stood for the line's space
    .replace(/\.\.+/g, '\u0000')                 // ".." was a full stop before a space
    .replace(/\. /g, ' ')                        // a dot before a line's space was a space too
    .replace(/(\d)\.(?=\d)/g, '$1\u0001')        // 1.8: a decimal point
    .replace(/\.(?=[^\s)\u0000\u0001])/g, ' ')
    .replace(/\u0000/g, '. ')
    .replace(/\u0001/g, '.')
    .replace(/\s+/g, ' ')
    .replace(/\b[A-Za-z]{3,}\b/g, smallCaps)
    .trim();
}

// The same boxes set names in small capitals, which the text layer read as "vALEO", "IbM",
// "ObSERvATORy": a word of capitals but for a b, v or y reads as capitals. "SMEs" stays.
function smallCaps(word) {
  const lower = word.match(/[a-z]/g) || [];
  const upper = word.length - lower.length;
  return lower.length && upper >= 2 && upper >= lower.length && lower.every(c => 'bvy'.includes(c))
    ? word.toUpperCase() : word;
}

/** A quote as a figure: the readable text, the exact one under "As printed" when they differ, the citation. */
export function quoteFigure(text, cite, cls = '') {
  const reading = readable(text);
  return h('figure', { class: `quote ${cls}`.trim() },
    h('blockquote', { class: 'quote-text', text: reading ?? text }),
    reading ? h('details', { class: 'quote-printed' },
      h('summary', { text: 'As printed (spaces restored above)' }),
      h('p', { class: 'quote-exact', text })) : null,
    cite ? h('figcaption', { class: 'quote-cite', text: cite }) : null);
}
