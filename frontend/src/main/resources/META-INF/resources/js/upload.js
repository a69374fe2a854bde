// Import upload: native CSV files sent to POST /api/imports, with a progress bar. The API answers
// either at once (200/201 with the result) or with a job (202 + Location), polled until it ends:
// {status: queued|running|succeeded|failed, rowsDone, rowsTotal, nodes, relationships, flagged, errors}.
import { getJson, api } from './api.js';
import { write, loggedIn, openLogin } from './auth.js';
import { h, replace, $ } from './dom.js';
import { toast } from './feedback.js';
import { form, field } from './form.js';
import { openDialog } from './curation.js';

const POLL_MS = 500;
let afterImport = async () => {};

export function setup({ onImported }) {
  afterImport = onImported;
}

const sleep = (ms) => new Promise(r => setTimeout(r, ms));

function counts(c) {
  return c ? `${c.created ?? 0} created, ${c.matched ?? 0} matched` : '—';
}

/** Shows a job's (or a synchronous answer's) state in the progress bar and the result list. */
function show(job, bar, label, result) {
  const total = Number(job.rowsTotal) || 0;
  const done = Number(job.rowsDone) || 0;
  const finished = job.status === 'succeeded' || job.status === 'failed';
  if (total > 0) {
    bar.max = total;
    bar.value = Math.min(done, total);
  } else if (finished) {
    bar.max = 1;
    bar.value = 1;
  } else {
    bar.removeAttribute('value'); // indeterminate until the total is known
  }
  const pct = total > 0 ? ` (${Math.round((100 * done) / total)} %)` : '';
  label.textContent = {
    queued: 'Queued…',
    running: `Importing: ${done.toLocaleString('en-GB')} of ${total ? total.toLocaleString('en-GB') : '?'} rows${pct}`,
    succeeded: `Imported${total ? ` ${total.toLocaleString('en-GB')} rows` : ''}.`,
    failed: 'The import failed: nothing was imported.',
  }[job.status] || job.status || '';
  if (!finished) return;
  replace(result,
    h('dl', { class: 'props import-result' },
      h('dt', { text: 'Dataset' }), h('dd', { text: job.dataset || '—' }),
      h('dt', { text: 'Nodes' }), h('dd', { text: counts(job.nodes) }),
      h('dt', { text: 'Relationships' }), h('dd', { text: counts(job.relationships) }),
      job.flagged !== undefined ? h('dt', { text: 'Possible duplicates flagged' }) : null,
      job.flagged !== undefined ? h('dd', { text: String(job.flagged) }) : null,
      h('dt', { text: 'By' }), h('dd', { text: job.importedBy || '—' })),
    (job.errors || []).length ? h('ul', { class: 'error-list', role: 'alert' }, job.errors.slice(0, 100).map(e => h('li', {
      text: `${[e.file, e.row ? `row ${e.row}` : null, e.column].filter(Boolean).join(', ')}: ${e.message}${e.value ? ` (got “${e.value}”)` : ''}`,
    }))) : null);
}

export function openImport() {
  if (!loggedIn()) {
    openLogin('Log in to import data.');
    return;
  }
  const dataset = field({ name: 'dataset', label: 'Dataset name', required: true,
    help: 'Lowercase letters, digits, “-”, “_” or “.”, e.g. my-suppliers-2024. Importing again under the same name updates it.' });
  const nodes = field({ name: 'nodes', label: 'Nodes file (nodes.csv)', type: 'file', attrs: { accept: '.csv,text/csv' } });
  const relationships = field({ name: 'relationships', label: 'Relationships file (relationships.csv)', type: 'file', attrs: { accept: '.csv,text/csv' } });
  const encoding = field({ name: 'encoding', label: 'Text encoding', type: 'select', value: 'UTF-8',
    options: [['UTF-8', 'UTF-8 (CSV UTF-8, LibreOffice, exports of this app)'], ['windows-1252', 'Windows-1252 (Excel “CSV”, Western Europe)'],
      ['windows-1256', 'Windows-1256 (Excel “CSV”, Arabic)'], ['ISO-8859-1', 'ISO-8859-1 (Latin-1)']],
    help: 'A file with accented names refused as “Not UTF-8 text” was saved in the computer’s code page: choose it here.' });
  const bar = h('progress', { id: 'import-progress', class: 'progress', max: 1, value: 0, 'aria-labelledby': 'import-progress-label' });
  const label = h('p', { id: 'import-progress-label', class: 'progress-label', role: 'status', 'aria-live': 'polite', text: 'Not started.' });
  const result = h('div', { id: 'import-result', class: 'import-result-box' });
  const progress = h('div', { class: 'import-progress', hidden: true }, label, bar, result);
  const f = form({
    fields: [dataset, nodes, relationships, encoding], submitLabel: 'Upload and import', id: 'import-form',
    onSubmit: async (v) => {
      if (!v.nodes && !v.relationships) {
        nodes.setError('Choose a nodes file, a relationships file or both.');
        return;
      }
      const data = new FormData();
      data.append('dataset', v.dataset.trim());
      if (v.encoding && v.encoding !== 'UTF-8') data.append('encoding', v.encoding);
      if (v.nodes) data.append('nodes', v.nodes, v.nodes.name);
      if (v.relationships) data.append('relationships', v.relationships, v.relationships.name);
      progress.hidden = false;
      result.replaceChildren();
      show({ status: 'queued' }, bar, label, result);
      const res = await write('POST', '/api/imports', { form: data, label: 'Uploading…' });
      let job = res.body || {};
      if (res.status === 202 || job.status === 'queued' || job.status === 'running') {
        const where = res.headers.get('Location') || `/api/imports/${encodeURIComponent(job.id)}`;
        while (job.status !== 'succeeded' && job.status !== 'failed') {
          show(job, bar, label, result);
          await sleep(POLL_MS);
          job = await getJson(where, null, { quiet: true });
        }
      } else if (!job.status) {
        job = { ...job, status: 'succeeded' }; // the synchronous answer: the import is done
      }
      show(job, bar, label, result);
      if (job.status === 'failed') {
        f.showError({ title: 'Import failed', detail: `${(job.errors || []).length} error(s), listed below; nothing was imported.` });
        return;
      }
      api.forgetEntities();
      toast(`Imported into ${job.dataset}.`);
      await afterImport(job);
    },
  });
  openDialog('Import CSV', h('p', { class: 'dialog-lead', text: 'Native CSV format (see docs/importing.md): the files are checked whole first; any error rejects the import and changes nothing.' }),
    f.el, progress);
  return $('#curation-dialog');
}
