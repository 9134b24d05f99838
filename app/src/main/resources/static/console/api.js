// The admin API, called with the bearer token the user pasted into the login box. The token lives in
// sessionStorage: it is gone when the tab closes and never leaves this origin.

const TOKEN_KEY = 'sluice.console.token';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Resolves to the JSON body; rejects with an ApiError carrying the problem's detail. */
export async function call(path, method = 'GET') {
  return (await send(path, method)).body;
}

/** Every item of a list, page after page as each page's next link leads (fine for short lists: syncs). */
export async function all(path) {
  const items = [];
  for (let next = path; next;) {
    const page = await send(next, 'GET');
    items.push(...page.body.items);
    next = nextLink(page.link);
  }
  return items;
}

async function send(path, method) {
  // errors are RFC 9457 problems
  const headers = { Accept: 'application/json, application/problem+json' };
  const bearer = token.get();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  const response = await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store' });
  const body = await response.text();
  const json = body ? parseJson(body) : null;
  if (!response.ok) {
    const message = json && json.detail ? json.detail : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return { body: json, link: response.headers.get('Link') };
}

/** The target of a Link header's rel="next" (RFC 8288): a path on this origin. */
function nextLink(header) {
  const next = header ? header.match(/<([^>]*)>\s*;\s*rel="?next"?/) : null;
  return next ? next[1] : null;
}

/** Builds a query string from the parameters that are set. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
