/**
 * The App Catalog: `#/catalog` lists the apps as cards; `#/catalog/<uuid>` shows one app, a preview of each of
 * its dashboards, and the install form (name, description, destination folder: Personal by default, or a new
 * folder created there), then links to the installed folder.
 */
import { element } from '../core/dom.js';
import { routeHash } from '../core/router.js';
import { listApps, getApp, appContent, installApp, appIcon } from '../catalog/apps.js';
import { dashboardPreview } from '../catalog/preview.js';
import { personalFolder, folder, globalItems, createFolder } from '../library/content.js';

export async function render(container, route, shell) {
  shell.setTitle('App Catalog');
  const uuid = route.path[0];
  const root = element('div', { class: 'catalog' });
  container.append(root);
  try {
    if (uuid) await renderApp(root, uuid, shell);
    else await renderList(root);
  } catch (error) {
    root.append(element('div', { class: 'notice error' }, `The App Catalog did not load: ${error.message}`));
  }
  return undefined;
}

async function renderList(root) {
  const apps = await listApps();
  root.append(
    element('div', { class: 'catalog-head' }, element('div', {},
      element('h1', {}, 'App Catalog'),
      element('p', {}, 'Prebuilt dashboards and searches for the services you run. Preview an app, then install it into your library.'))),
    element('div', { class: 'catalog-grid' }, apps.map((app) => appCard(app))));
}

function appCard(app) {
  const definition = app.appDefinition;
  const manifest = app.appManifest ?? {};
  const href = routeHash('catalog', [definition.uuid]);
  return element('a', { class: 'app-card card', href, 'data-app-uuid': definition.uuid, 'data-app-name': definition.name,
    style: { color: 'inherit', textDecoration: 'none' } },
  element('div', { class: 'app-card-art' },
    element('img', { src: 'img/apps/banner.svg', alt: '', style: { position: 'absolute', inset: '0', width: '100%', height: '100%' } }),
    element('img', { src: appIcon(app), alt: '', width: 64, height: 64, style: { position: 'relative' } })),
  element('div', { class: 'app-card-body' },
    element('h2', {}, definition.name),
    element('p', {}, manifest.description ?? ''),
    element('div', { class: 'tags' }, (manifest.categories ?? []).map((category) => element('span', { class: 'tag' }, category)),
      element('span', { class: 'tag neutral' }, `v${definition.appVersion ?? '1.0'}`))));
}

async function renderApp(root, uuid, shell) {
  const [app, content] = await Promise.all([getApp(uuid), appContent(uuid)]);
  const definition = app.appDefinition;
  const manifest = app.appManifest ?? {};
  shell.setTitle(definition.name);
  const dashboards = (content.children ?? []).filter((child) => child.type === 'DashboardV2SyncDefinition');
  const install = await installCard(app);
  root.append(
    element('a', { class: 'breadcrumb', href: routeHash('catalog') }, '← App Catalog'),
    element('div', { class: 'app-detail', style: { marginTop: '8px' } },
      element('div', {},
        element('div', { class: 'app-hero card' },
          element('img', { class: 'app-icon', src: appIcon(app), alt: '' }),
          element('div', {},
            element('h1', {}, definition.name),
            element('p', {}, manifest.description ?? ''),
            element('div', { class: 'tags', style: { marginTop: '8px' } },
              (manifest.categories ?? []).map((category) => element('span', { class: 'tag' }, category)),
              element('span', { class: 'tag neutral' }, `${dashboards.length} dashboards`),
              manifest.author ? element('span', { class: 'tag neutral' }, manifest.author) : null))),
        element('h2', { style: { fontSize: '15px', margin: '20px 0 0' } }, 'Dashboards in this app'),
        element('div', { class: 'preview-list' }, dashboards.map((dashboard) => dashboardPreview(dashboard)))),
      install));
}

async function destinationChoices() {
  const personal = await personalFolder();
  const choices = [{ id: personal.id, label: 'Personal' }];
  for (const child of (personal.children ?? []).filter((item) => item.itemType === 'Folder')) {
    choices.push({ id: child.id, label: `Personal / ${child.name}` });
    const inner = await folder(child.id).catch(() => ({ children: [] }));
    for (const grandchild of (inner.children ?? []).filter((item) => item.itemType === 'Folder')) {
      choices.push({ id: grandchild.id, label: `Personal / ${child.name} / ${grandchild.name}` });
    }
  }
  const shared = await globalItems().catch(() => []);
  for (const item of shared.filter((candidate) => candidate.itemType === 'Folder' && candidate.id !== personal.id
    && (candidate.permissions ?? []).includes('Edit'))) {
    choices.push({ id: item.id, label: `Shared / ${item.name}` });
  }
  return choices;
}

async function installCard(app) {
  const definition = app.appDefinition;
  const choices = await destinationChoices();
  const name = element('input', { type: 'text', value: definition.name, 'data-field': 'install-name', required: true });
  const description = element('textarea', { rows: 2, 'data-field': 'install-description' },
    app.appManifest?.hoverText ?? '');
  const destination = element('select', { 'data-field': 'install-destination' },
    choices.map((choice) => element('option', { value: choice.id }, choice.label)));
  const newFolder = element('input', { type: 'text', placeholder: 'Leave empty to install directly', 'data-field': 'install-new-folder' });
  const button = element('button', { type: 'submit', class: 'button primary', 'data-action': 'install' }, 'Install app');
  const result = element('div', { 'data-install-result': '' });
  const submit = async (event) => {
    event.preventDefault();
    if (!name.value.trim()) return;
    button.disabled = true;
    button.textContent = 'Installing…';
    result.replaceChildren();
    try {
      let folderId = destination.value;
      if (newFolder.value.trim()) folderId = (await createFolder(newFolder.value.trim(), folderId)).id;
      const installed = await installApp(definition.uuid, { name: name.value.trim(), description: description.value,
        destinationFolderId: folderId });
      result.replaceChildren(element('div', { class: 'install-result', 'data-installed-id': installed },
        '✓ Installed. ', element('a', { href: routeHash('library', [], { folder: installed }), 'data-action': 'open-installed' },
          'Open the dashboards →')));
      button.textContent = 'Install again';
    } catch (error) {
      result.replaceChildren(element('div', { class: 'notice error' }, `The install failed: ${error.message}`));
      button.textContent = 'Install app';
    } finally {
      button.disabled = false;
    }
  };
  const parameters = (app.appManifest?.parameters ?? []).filter((parameter) => !parameter.hidden);
  return element('form', { class: 'install-card card', onsubmit: submit, 'data-install-form': definition.uuid },
    element('h2', {}, 'Install'),
    element('label', {}, 'Name', name),
    element('label', {}, 'Description', description),
    element('label', {}, 'Destination folder', destination),
    element('label', {}, 'New folder in the destination (optional)', newFolder),
    parameters.length ? element('div', {}, element('div', { class: 'muted', style: { fontSize: '12px', fontWeight: 600 } },
      'Data it reads'), element('ul', { class: 'requirements' }, parameters.map((parameter) =>
      element('li', {}, `${parameter.label} (e.g. ${parameter.example})`)))) : null,
    element('p', { class: 'muted', style: { margin: 0, fontSize: '12px' } },
      'Installing also adds the app\'s field extraction rule, so new CloudTrail events get account, region, namespace and apiname.'),
    button, result);
}
