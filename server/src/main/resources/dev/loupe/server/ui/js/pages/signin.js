/**
 * The sign-in page: name and password, the server's error in words, then back to the route the user asked for
 * (`#/signin?next=<hash>`, default the search page).
 */
import { api, ApiError, rememberCsrfToken } from '../core/api.js';
import { element } from '../core/dom.js';

function nextRoute(route) {
  const next = route.parameters.get('next') ?? '';
  // Only hash routes of this UI, never another origin or the sign-in page itself.
  return /^#\/(?!signin)/.test(next) ? next : '#/search';
}

export function render(container, route, shell) {
  shell.setTitle('Sign in');
  const name = element('input', { id: 'signin-name', name: 'name', autocomplete: 'username', required: true,
    autofocus: true, spellcheck: 'false' });
  const password = element('input', { id: 'signin-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const error = element('div', { class: 'notice error signin-error', role: 'alert', hidden: true });
  const submit = element('button', { type: 'submit', class: 'button primary signin-submit' }, 'Sign in');

  async function signIn(event) {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const session = await api.post('/api/v1/session', { name: name.value.trim(), password: password.value },
        { quietUnauthorized: true });
      rememberCsrfToken(session.csrfToken);
      shell.signedIn(session.user);
      const next = nextRoute(route);
      if (window.location.hash === next) window.dispatchEvent(new HashChangeEvent('hashchange'));
      else window.location.hash = next;
    } catch (failure) {
      const message = failure instanceof ApiError && failure.status === 401
        ? 'The name or password is wrong.'
        : `Signing in failed: ${failure.message}`;
      error.textContent = message;
      error.hidden = false;
      password.select();
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  }

  const form = element('form', { id: 'signin-form', class: 'signin-card card', onsubmit: signIn, novalidate: true },
    element('div', { class: 'signin-brand' }, element('span', { class: 'brand-mark' }), 'Loupe'),
    element('h1', { class: 'signin-title' }, 'Sign in'),
    element('p', { class: 'muted signin-subtitle' }, 'Log search, metrics and dashboards for your API Gateway fleet.'),
    element('label', { class: 'field', for: 'signin-name' }, 'Name'), name,
    element('label', { class: 'field', for: 'signin-password' }, 'Password'), password,
    error,
    submit);
  container.append(element('div', { class: 'signin-page' }, form));
  name.focus();
}
