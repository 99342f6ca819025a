/**
 * Hash routes: `#/<page>/<path segments...>?<parameters>`, e.g. `#/search?q=error&from=-15m` or
 * `#/dashboard/0000000000000A1B?account=prod`. A route is a plain object
 * `{page, path: string[], parameters: URLSearchParams}`; segments are URI-decoded.
 */

/** Reads a route from a location hash (`#/...`); an empty hash is the `fallback` page. */
export function parseRoute(hash, fallback = 'search') {
  const text = (hash ?? '').replace(/^#\/?/, '');
  const questionMark = text.indexOf('?');
  const pathText = questionMark < 0 ? text : text.slice(0, questionMark);
  const parameters = new URLSearchParams(questionMark < 0 ? '' : text.slice(questionMark + 1));
  const segments = pathText.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  return { page: segments[0] ?? fallback, path: segments.slice(1), parameters };
}

/** The hash for a route: `routeHash('dashboard', ['id'], {account: 'x'})` is `#/dashboard/id?account=x`. */
export function routeHash(page, path = [], parameters = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  return '#/' + [page, ...path].map(encodeURIComponent).join('/') + (query ? '?' + query : '');
}

/** Goes to a route (adds a history entry). */
export function navigate(page, path = [], parameters = {}) {
  window.location.hash = routeHash(page, path, parameters);
}

/** Rewrites the current route's parameters without a new history entry or a re-render. */
export function replaceParameters(parameters) {
  const route = parseRoute(window.location.hash);
  const hash = routeHash(route.page, route.path, parameters);
  history.replaceState(null, '', hash);
}
