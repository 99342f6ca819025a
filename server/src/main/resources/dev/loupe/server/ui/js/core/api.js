/**
 * The one way the UI talks to the server: JSON over fetch with the session cookie and the CSRF header.
 *
 * Every failure becomes an ApiError carrying the HTTP status and Sumo's error body (`code`, `message`), so pages
 * can show the server's own words. A 401 also fires the `loupe:signed-out` event on window, which sends the user
 * to the sign-in page.
 */
const CSRF_HEADER = 'X-Loupe-Csrf';
const CSRF_STORAGE_KEY = 'loupe.csrf';

/** An API call that did not succeed: `status` (0 when the server could not be reached), `code`, `message`. */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

function csrfToken() {
  return sessionStorage.getItem(CSRF_STORAGE_KEY);
}

/** Remembers the CSRF token of the signed-in session (null forgets it). */
export function rememberCsrfToken(token) {
  if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
  else sessionStorage.removeItem(CSRF_STORAGE_KEY);
}

/**
 * Sends a request; resolves to the parsed JSON body (or null for an empty body). `options.signal` aborts it;
 * `options.headers` adds headers.
 */
export async function request(method, path, body, options = {}) {
  // X-Requested-With keeps the server from answering 401 with a Basic challenge, which would make the browser
  // open its own password dialog instead of letting the UI show its sign-in page.
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...(options.headers ?? {}) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken()) headers[CSRF_HEADER] = csrfToken();
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The Loupe server cannot be reached: ' + error.message, null);
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { message: text };
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !options.quietUnauthorized) {
      window.dispatchEvent(new CustomEvent('loupe:signed-out'));
    }
    const first = Array.isArray(parsed?.errors) ? parsed.errors[0] : parsed;
    throw new ApiError(response.status, first?.code ?? String(response.status),
      first?.message ?? response.statusText, parsed);
  }
  return parsed;
}

export const api = {
  get: (path, options) => request('GET', path, undefined, options),
  post: (path, body, options) => request('POST', path, body ?? {}, options),
  put: (path, body, options) => request('PUT', path, body ?? {}, options),
  delete: (path, options) => request('DELETE', path, undefined, options),
};
