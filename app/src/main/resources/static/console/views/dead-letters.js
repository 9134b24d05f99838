import { all, call, enc, query } from '../api.js';
import { badge, el, notice, pager, replace, table, when } from '../dom.js';

const PAGE_SIZE = 50;
const STATUSES = ['open', 'replayed', 'resolved', 'discarded'];

/** Dead letters of one sync or all, by status, with their payload and error, to replay or discard. */
export async function deadLettersView(view, parameters, flash = '') {
  const sync = parameters.get('sync') ?? '';
  const status = parameters.get('status') ?? '';
  const offset = Math.max(0, Number(parameters.get('offset') ?? 0));
  const [syncs, letters] = await Promise.all([
    all('/admin/syncs'),
    call(`/admin/dead-letters${query({ sync, status, limit: PAGE_SIZE, offset })}`),
  ]);
  const link = (changes) => `#/dead-letters${query({ sync, status, offset, ...changes })}`;
  const message = el('p', { class: 'action-result', role: 'status' }, flash);
  const replayAll = async (event) => {
    event.target.disabled = true;
    try {
      const result = await call(`/admin/dead-letters/replay${query({ sync })}`, 'POST');
      await deadLettersView(view, parameters, `Replayed ${result.replayed}: ${result.delivered} delivered, `
        + `${result.failed} refused again, ${result.skipped} skipped.`);
    } catch (error) {
      replace(message, el('span', { class: 'failed' }, error.message));
      event.target.disabled = false;
    }
  };
  replace(view,
    el('h1', {}, 'Dead letters'),
    el('form', { class: 'filters', onsubmit: (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      location.hash = link({ sync: form.get('sync'), status: form.get('status'), offset: 0 });
    } },
    el('label', {}, 'Sync ', el('select', { name: 'sync' },
      el('option', { value: '' }, 'all'),
      syncs.map((each) => el('option', { value: each.name, selected: each.name === sync }, each.name)))),
    el('label', {}, 'Status ', el('select', { name: 'status' },
      el('option', { value: '' }, 'all'),
      STATUSES.map((value) => el('option', { value, selected: value === status }, value)))),
    el('button', { type: 'submit' }, 'Show'),
    sync ? el('button', { type: 'button', class: 'replay-all', onclick: replayAll },
      `Replay every open letter of ${sync}`) : null),
    message,
    letters.items.length === 0 ? notice('No dead letters match.') : table(
      ['Id', 'Sync', 'Record key', 'Operation', 'Error', 'Attempts', 'Status', 'Created', 'Payload', ''],
      letters.items.map(letterRow), { class: 'dead-letters' }),
    pager(letters, (at) => link({ offset: at })));
}

function letterRow(letter, outcome) {
  const row = el('tr', { 'data-dead-letter': letter.id },
    el('td', {}, letter.id),
    el('td', {}, el('a', { href: `#/syncs/${enc(letter.sync)}` }, letter.sync),
      letter.runId ? el('div', {}, el('a', { class: 'muted', href: `#/runs/${letter.runId}` }, `run #${letter.runId}`)) : null),
    el('td', {}, letter.recordKey ? el('code', {}, letter.recordKey) : el('span', { class: 'muted' }, 'no key')),
    el('td', {}, letter.operation.toLowerCase()),
    el('td', { class: 'error-text' }, el('strong', {}, letter.errorCode ?? ''), ' ', letter.errorMessage ?? '',
      letter.retryable ? el('div', { class: 'muted' }, 'retryable') : null),
    el('td', { class: 'number' }, letter.attempts),
    el('td', {}, badge(letter.status)),
    el('td', {}, when(letter.createdAt)),
    el('td', {}, payload(letter)),
    el('td', { class: 'actions' }, letter.status === 'OPEN' ? [
      // a letter without a record key cannot be matched at the destination: its fix is in the warehouse
      letter.recordKey === null ? null : el('button', { type: 'button', class: 'replay', onclick: () => act(row, letter, 'POST', `/admin/dead-letters/${letter.id}/replay`) }, 'Replay'),
      el('button', { type: 'button', class: 'discard', onclick: () => {
        if (confirm(`Discard dead letter ${letter.id}? It stays listed as discarded and is never sent.`)) {
          act(row, letter, 'DELETE', `/admin/dead-letters/${letter.id}`);
        }
      } }, 'Discard'),
    ] : null, outcome ? el('div', { class: `outcome outcome-${outcome.kind}`, role: 'status' }, outcome.text) : null));
  return row;
}

/** Payloads can hold personal data: the API gives them to operators only, and purges them on discard. */
function payload(letter) {
  if (letter.payload === null || letter.payload === undefined) {
    return el('span', { class: 'muted' }, letter.status === 'DISCARDED' ? 'purged' : 'operators only');
  }
  return el('details', {}, el('summary', {}, 'payload'),
    el('pre', { class: 'payload' }, JSON.stringify(letter.payload, null, 2)));
}

/** Runs an action on one letter, then shows the letter as the API now holds it, with what happened. */
async function act(row, letter, method, path) {
  row.querySelectorAll('button').forEach((button) => { button.disabled = true; });
  let outcome;
  try {
    const result = await call(path, method);
    outcome = method === 'DELETE' ? { kind: 'discarded', text: 'Discarded' } : replayOutcome(result);
  } catch (error) {
    outcome = { kind: 'error', text: error.message };
  }
  let current = letter;
  try {
    current = await call(`/admin/dead-letters/${letter.id}`);
  } catch (error) {
    outcome = { kind: 'error', text: `${outcome.text}; reloading the letter failed: ${error.message}` };
  }
  row.replaceWith(letterRow(current, outcome));
}

function replayOutcome(result) {
  if (result.delivered > 0) {
    return { kind: 'delivered', text: 'Delivered' };
  }
  return { kind: 'failed', text: 'Refused again; see the error' };
}
