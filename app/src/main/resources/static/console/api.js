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

/** Resolves to the JSON body; rejects with an ApiError carrying the API's own message. */
export async function call(path, method = 'GET') {
  const headers = { Accept: 'application/json' };
  const bearer = token.get();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  const response = await fetch(path, { method, headers, credentials: 'omit', cache: 'no-store' });
  const body = await response.text();
  const json = body ? parseJson(body) : null;
  if (!response.ok) {
    const message = json && json.message ? json.message : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return json;
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
