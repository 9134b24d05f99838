import { all, call, enc } from '../api.js';
import { badge, el, notice, replace, table, when } from '../dom.js';
import { runChart } from '../chart.js';
import { runsTable } from './runs.js';

// the chart and the table of one sync's latest runs
const RUNS_SHOWN = 100;

/** Every sync file, valid or not, with its last run and a Run button. */
export async function syncsView(view) {
  const syncs = await all('/admin/syncs');
  const message = el('p', { class: 'action-result', role: 'status' });
  replace(view,
    el('h1', {}, 'Syncs'),
    message,
    syncs.length === 0
      ? notice('No sync files found. Add one to the routes folder.')
      : table(['Sync', 'Destination', 'Mode', 'Schedule', 'Status', 'Last run', 'Rows (last run)', ''],
        syncs.map((sync) => syncRow(sync, message)), { class: 'syncs' }));
}

function syncRow(sync, message) {
  const last = sync.lastRun;
  return el('tr', { 'data-sync': sync.name },
    el('td', {}, el('a', { href: `#/syncs/${enc(sync.name)}` }, sync.name)),
    el('td', {}, sync.destination ?? '—', sync.object ? el('span', { class: 'muted' }, ` · ${sync.object}`) : null),
    el('td', {}, sync.syncMode ?? '—'),
    el('td', {}, el('code', {}, sync.schedule ?? '—')),
    el('td', {}, sync.valid ? badge('valid') : [badge('invalid'), problems(sync.errors)]),
    el('td', {}, sync.running ? badge('running') : last
      ? [el('a', { href: `#/runs/${last.id}` }, badge(last.status)), el('div', { class: 'muted' }, when(last.startedAt))]
      : el('span', { class: 'muted' }, 'never run')),
    el('td', {}, last ? countsSummary(last.counts) : '—'),
    el('td', {}, sync.valid ? runButton(sync.name, message) : null));
}

function problems(errors) {
  return el('ul', { class: 'problems' }, errors.map((problem) =>
    el('li', {}, problem.field ? el('code', {}, problem.field) : null, problem.field ? ': ' : null, problem.message)));
}

export function countsSummary(counts) {
  return el('span', { class: 'counts' },
    `${counts.read} read · ${counts.created} created · ${counts.updated} updated · ${counts.deleted} deleted · `,
    el('span', { class: counts.failed > 0 ? 'failed' : null }, `${counts.failed} failed`));
}

/** Operators may start a run; a viewer's token is refused by the API and the refusal is shown. */
function runButton(name, message) {
  return el('button', { type: 'button', class: 'run', onclick: async (event) => {
    event.target.disabled = true;
    try {
      const started = await call(`/admin/syncs/${enc(name)}/run`, 'POST');
      replace(message, `Run ${started.runId} of ${name} started. `,
        el('a', { href: `#/runs/${started.runId}` }, 'Follow it'));
    } catch (error) {
      replace(message, el('span', { class: 'failed' }, `${name}: ${error.message}`));
    } finally {
      event.target.disabled = false;
    }
  } }, 'Run now');
}

/** One sync: its definition, the chart of its runs and its run history. */
export async function syncView(view, name) {
  const [sync, runs] = await Promise.all([
    call(`/admin/syncs/${enc(name)}`),
    call(`/admin/syncs/${enc(name)}/runs?limit=${RUNS_SHOWN}`),
  ]);
  replace(view,
    el('p', { class: 'crumbs' }, el('a', { href: '#/syncs' }, 'Syncs'), ' / ', sync.name),
    el('h1', {}, sync.name),
    el('dl', { class: 'facts' },
      fact('File', sync.file), fact('Model', sync.model), fact('Destination', sync.destination),
      fact('Object', sync.object), fact('Matched on', sync.externalIdField), fact('Mode', sync.syncMode),
      fact('Schedule', sync.schedule),
      fact('Processors', sync.processors.length === 0 ? null : sync.processors.join(' → '))),
    sync.valid ? null : [notice('This sync file is invalid and does not run:', 'error'), problems(sync.errors)],
    el('p', {}, el('a', { href: `#/dead-letters?sync=${enc(sync.name)}&status=open` }, 'Open dead letters of this sync')),
    el('h2', {}, 'Rows changed and failed per run'),
    runChart(runs.items),
    el('h2', {}, 'Runs'),
    runs.total > runs.items.length ? el('p', { class: 'muted' },
      `The latest ${runs.items.length} of ${runs.total} runs.`) : null,
    runsTable(runs.items));
}

function fact(label, value) {
  return [el('dt', {}, label), el('dd', {}, value ?? '—')];
}
