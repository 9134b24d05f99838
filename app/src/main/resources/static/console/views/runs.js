import { ApiError, call, enc, query } from '../api.js';
import { badge, duration, el, notice, pager, replace, table, when } from '../dom.js';

const PAGE_SIZE = 50;
// the statuses the row-level results endpoint reports, offered as filters
const RECORD_STATUSES = ['delivered', 'failed', 'dead_lettered', 'skipped'];

export function runsTable(runs) {
  if (runs.length === 0) {
    return notice('This sync has not run yet.');
  }
  return table(['Run', 'Trigger', 'Status', 'Started', 'Took', 'Read', 'Unchanged', 'Filtered', 'Created',
    'Updated', 'Deleted', 'Failed', 'Kept'], runs.map((run) => el('tr', {},
    el('td', {}, el('a', { href: `#/runs/${run.id}` }, `#${run.id}`)),
    el('td', {}, run.trigger.toLowerCase()),
    el('td', {}, badge(run.status)),
    el('td', {}, when(run.startedAt)),
    el('td', {}, duration(run.startedAt, run.endedAt)),
    ['read', 'unchanged', 'filtered', 'created', 'updated', 'deleted', 'failed', 'fieldsKept'].map((count) =>
      el('td', { class: 'number' }, run.counts[count])))), { class: 'runs' });
}

/** One run: its counts and error, and the row-level result of every record it sent. */
export async function runView(view, id, parameters) {
  const run = await call(`/admin/runs/${enc(id)}`);
  const results = el('section', { class: 'records' });
  replace(view,
    el('p', { class: 'crumbs' }, el('a', { href: '#/syncs' }, 'Syncs'), ' / ',
      el('a', { href: `#/syncs/${enc(run.sync)}` }, run.sync), ' / ', `run #${run.id}`),
    el('h1', {}, `Run #${run.id} of ${run.sync}`, ' ', badge(run.status)),
    run.error ? notice(run.error, 'error') : null,
    el('dl', { class: 'facts' },
      el('dt', {}, 'Trigger'), el('dd', {}, run.trigger.toLowerCase()),
      el('dt', {}, 'Started'), el('dd', {}, when(run.startedAt)),
      el('dt', {}, 'Ended'), el('dd', {}, when(run.endedAt)),
      el('dt', {}, 'Took'), el('dd', {}, duration(run.startedAt, run.endedAt))),
    el('table', { class: 'counts-table' }, el('tbody', {}, Object.entries(run.counts).map(([name, value]) =>
      el('tr', {}, el('th', { scope: 'row' }, name), el('td', { class: 'number' }, value))))),
    el('p', {}, el('a', { href: `#/dead-letters?sync=${enc(run.sync)}` }, 'Dead letters of this sync')),
    el('h2', {}, 'Row-level results'),
    results);
  await showRecords(results, run, parameters);
}

async function showRecords(section, run, parameters) {
  const status = parameters.get('status') ?? '';
  const key = parameters.get('key') ?? '';
  const offset = Math.max(0, Number(parameters.get('offset') ?? 0));
  let results;
  try {
    results = await call(`/admin/runs/${enc(run.id)}/records${query({ status, key, limit: PAGE_SIZE, offset })}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      replace(section, notice('No row-level results for this run.'));
      return;
    }
    throw error;
  }
  const link = (changes) => `#/runs/${run.id}${query({ status, key, offset, ...changes })}`;
  replace(section,
    el('form', { class: 'filters', onsubmit: (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      location.hash = link({ status: form.get('status'), key: form.get('key').trim(), offset: 0 });
    } },
    el('label', {}, 'Status ', el('select', { name: 'status' },
      el('option', { value: '' }, 'all'),
      RECORD_STATUSES.map((value) => el('option', { value, selected: value === status }, value)))),
    el('label', {}, 'Record key ', el('input', { name: 'key', value: key, type: 'search' })),
    el('button', { type: 'submit' }, 'Filter')),
    results.items.length === 0 ? notice('No records match.') : table(
      ['Record key', 'Operation', 'Destination id', 'Status', 'Error'],
      results.items.map((item) => el('tr', {},
        el('td', {}, el('code', {}, item.recordKey ?? '—')),
        el('td', {}, item.operation ?? '—'),
        el('td', {}, item.destinationId ?? '—'),
        el('td', {}, item.status ? badge(item.status) : '—'),
        el('td', { class: 'error-text' }, item.error ?? ''))), { class: 'records-table' }),
    pager(results, (at) => link({ offset: at })));
}
