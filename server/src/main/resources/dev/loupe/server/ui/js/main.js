/**
 * The application shell: the top bar, and the page of the current hash route.
 *
 * Each page is an ES module under `pages/`, loaded when first visited, exporting
 * `render(container, route, shell)`; it may return a function that is called when the user leaves the page (to
 * stop timers, abort searches, dispose charts). `shell` gives pages `{user, setTitle(text)}`.
 * Without a signed-in session every route shows the sign-in page, which returns to the asked-for route.
 */
import { api, rememberCsrfToken } from './core/api.js';
import { element, clear } from './core/dom.js';
import { parseRoute, routeHash } from './core/router.js';

/** Pages by route name; `navigation` pages appear in the top bar in this order. */
const PAGES = {
  search: { module: './pages/search.js', label: 'Search', navigation: true },
  metrics: { module: './pages/metrics.js', label: 'Metrics', navigation: true },
  library: { module: './pages/library.js', label: 'Library', navigation: true },
  catalog: { module: './pages/catalog.js', label: 'App Catalog', navigation: true },
  dashboard: { module: './pages/dashboard.js', label: 'Dashboard', navigation: false },
  signin: { module: './pages/signin.js', label: 'Sign in', navigation: false },
};

const state = { user: null, leave: null, renderCount: 0 };
const topbar = document.getElementById('topbar');
const page = document.getElementById('page');

function drawTopbar(route) {
  clear(topbar);
  topbar.hidden = state.user === null;
  if (state.user === null) return;
  const links = Object.entries(PAGES).filter(([, definition]) => definition.navigation).map(([name, definition]) =>
    element('a', { href: routeHash(name), class: name === route.page ? 'active' : null, 'data-page': name },
      definition.label));
  topbar.append(
    element('a', { class: 'brand', href: routeHash('search') }, element('span', { class: 'brand-mark' }), 'Loupe'),
    element('nav', { class: 'navigation' }, links),
    element('div', { class: 'user' },
      element('span', { class: 'user-name' }, state.user.name ?? state.user.email ?? ''),
      element('button', { type: 'button', class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out')));
}

async function signOut() {
  await api.delete('/api/v1/session').catch(() => {});
  rememberCsrfToken(null);
  state.user = null;
  window.location.hash = routeHash('signin');
}

function setTitle(text) {
  document.title = text ? `${text} · Loupe` : 'Loupe';
}

async function show() {
  const renderNumber = ++state.renderCount;
  let route = parseRoute(window.location.hash);
  if (state.user === null && route.page !== 'signin') {
    route = { page: 'signin', path: [], parameters: new URLSearchParams({ next: window.location.hash || '#/search' }) };
  }
  const definition = PAGES[route.page];
  if (typeof state.leave === 'function') {
    try { state.leave(); } catch (error) { console.error(error); }
  }
  state.leave = null;
  drawTopbar(route);
  clear(page);
  page.dataset.page = route.page;
  if (!definition) {
    page.append(element('div', { class: 'notice error' }, `There is no page called "${route.page}".`));
    return;
  }
  setTitle(definition.label);
  try {
    const module = await import(definition.module);
    if (renderNumber !== state.renderCount) return;
    state.leave = await module.render(page, route, {
      user: state.user,
      setTitle,
      signedIn: (user) => { state.user = user; },
    });
  } catch (error) {
    console.error(error);
    page.append(element('div', { class: 'notice error' }, `This page failed to load: ${error.message}`));
  }
}

window.addEventListener('hashchange', show);
window.addEventListener('loupe:signed-out', () => {
  if (state.user !== null) {
    state.user = null;
    show();
  }
});

api.get('/api/v1/session', { quietUnauthorized: true })
  .then((session) => {
    state.user = session.user;
    if (session.csrfToken) rememberCsrfToken(session.csrfToken);
  })
  .catch(() => { state.user = null; })
  .finally(show);
