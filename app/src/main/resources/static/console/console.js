// The console: a login box for the admin token, and a view per hash route, each drawn from the admin API.
import { ApiError, token } from './api.js';
import { el, notice, replace } from './dom.js';
import { deadLettersView } from './views/dead-letters.js';
import { runView } from './views/runs.js';
import { syncsView, syncView } from './views/syncs.js';

const ROUTES = [
  { pattern: /^\/syncs$/, show: (view) => syncsView(view) },
  { pattern: /^\/syncs\/([^/]+)$/, show: (view, [name]) => syncView(view, name) },
  { pattern: /^\/runs\/(\d+)$/, show: (view, [id], parameters) => runView(view, id, parameters) },
  { pattern: /^\/dead-letters$/, show: (view, _, parameters) => deadLettersView(view, parameters) },
];

const view = document.getElementById('view');
const signOut = document.getElementById('sign-out');
// a view still loading when the user moves on must not draw over the next one
let shown = 0;

async function show() {
  if (!token.get()) {
    login();
    return;
  }
  signOut.hidden = false;
  const [path, search] = (location.hash.slice(1) || '/syncs').split('?');
  const route = ROUTES.find((each) => each.pattern.test(path));
  if (!route) {
    replace(view, notice(`Nothing here: ${path}`, 'error'));
    return;
  }
  const captured = path.match(route.pattern).slice(1).map(decodeURIComponent);
  const showing = ++shown;
  const target = el('div');
  replace(view, notice('Loading…'));
  try {
    await route.show(target, captured, new URLSearchParams(search ?? ''));
    if (showing === shown) {
      replace(view, target);
    }
  } catch (error) {
    if (showing !== shown) {
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      token.clear();
      login('Sluice did not accept that token. Paste it again.');
    } else {
      replace(view, notice(error.message, 'error'));
    }
  }
}

function login(problem) {
  signOut.hidden = true;
  replace(view, el('form', { class: 'login', onsubmit: (event) => {
    event.preventDefault();
    const value = new FormData(event.target).get('token').trim();
    if (value) {
      token.set(value);
      show();
    }
  } },
  el('h1', {}, 'Sign in'),
  el('p', {}, 'Paste an admin token (sluice.admin.operator-token, or sluice.admin.viewer-token to look without '
    + 'acting). It is kept in this tab only and sent as a bearer token to the admin API.'),
  problem ? notice(problem, 'error') : null,
  el('label', {}, 'Token ', el('input', { name: 'token', id: 'token', type: 'password', autocomplete: 'off',
    required: true })),
  el('button', { type: 'submit' }, 'Sign in')));
  document.getElementById('token').focus();
}

signOut.addEventListener('click', () => {
  token.clear();
  login();
});
window.addEventListener('hashchange', show);
show();
