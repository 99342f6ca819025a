/**
 * The library: `#/library?folder=<content id>`. A folder tree on the left (Personal, then the items shared with
 * the caller, then Admin Recommended), the chosen folder's items on the right: open a dashboard, create a
 * folder, move or delete an item.
 */
import { element, clear } from '../core/dom.js';
import { routeHash } from '../core/router.js';
import { personalFolder, folder, globalItems, adminRecommendedItems, createFolder, deleteItem, moveItem, pathOf }
  from '../library/content.js';
import { itemIcon } from '../library/icons.js';

export async function render(container, route, shell) {
  shell.setTitle('Library');
  const page = new LibraryPage(container, route.parameters.get('folder'));
  await page.start();
  return () => { page.left = true; };
}

const ITEM_LABELS = { Folder: 'Folder', Dashboard: 'Dashboard', Search: 'Saved search', Lookups: 'Lookup table', Report: 'Report' };

function formatDate(text) {
  if (!text) return '';
  return new Date(text).toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

class LibraryPage {
  constructor(container, folderId) {
    this.container = container;
    this.folderId = folderId;
    this.expanded = new Set();
    this.left = false;
  }

  async start() {
    this.tree = element('nav', { class: 'library-tree card', 'aria-label': 'Folders' });
    this.main = element('section', { class: 'library-main card' });
    this.container.append(element('div', { class: 'library' }, this.tree, this.main));
    try {
      this.personal = await personalFolder();
    } catch (error) {
      this.main.append(element('div', { class: 'notice error' }, `The library did not load: ${error.message}`));
      return;
    }
    this.folderId = this.folderId ?? this.personal.id;
    this.expanded.add(this.personal.id);
    const [shared, recommended] = await Promise.all([globalItems().catch(() => []), adminRecommendedItems().catch(() => [])]);
    this.shared = shared.filter((item) => item.id !== this.personal.id);
    this.recommended = recommended;
    await this.drawTree();
    await this.showFolder(this.folderId);
  }

  async drawTree() {
    const roots = [
      ['Personal', [this.personal]],
      ['Shared', this.shared],
      ['Admin Recommended', this.recommended],
    ];
    const sections = [];
    for (const [title, items] of roots) {
      const folders = items.filter((item) => item.itemType === 'Folder');
      if (folders.length === 0 && title !== 'Personal') continue;
      sections.push(element('h2', {}, title));
      for (const item of folders) sections.push(await this.treeNode(item, 0));
    }
    this.tree.replaceChildren(...sections);
  }

  async treeNode(item, depth) {
    const open = this.expanded.has(item.id);
    const node = element('div', { class: 'tree-item' });
    const label = item.id === this.personal?.id ? 'Personal' : item.name;
    const link = element('a', { class: `tree-node${item.id === this.folderId ? ' active' : ''}`,
      href: routeHash('library', [], { folder: item.id }), 'data-folder-id': item.id, title: item.name,
      onclick: (event) => { event.preventDefault(); this.open(item.id); } },
    element('span', { class: 'tree-toggle', onclick: (event) => { event.preventDefault(); event.stopPropagation(); this.toggle(item.id); } },
      open ? '▾' : '▸'),
    itemIcon('Folder'), label);
    node.append(link);
    if (open && depth < 6) {
      let children = item.children;
      if (!children) {
        try {
          children = (await folder(item.id)).children ?? [];
        } catch {
          children = [];
        }
      }
      const subfolders = children.filter((child) => child.itemType === 'Folder');
      if (subfolders.length > 0) {
        const list = element('div', { class: 'tree-children' });
        for (const child of subfolders) list.append(await this.treeNode(child, depth + 1));
        node.append(list);
      }
    }
    return node;
  }

  async toggle(id) {
    if (this.expanded.has(id)) this.expanded.delete(id);
    else this.expanded.add(id);
    await this.drawTree();
  }

  async open(id) {
    this.expanded.add(id);
    history.replaceState(null, '', routeHash('library', [], { folder: id }));
    await this.showFolder(id);
  }

  async refresh() {
    this.personal = await personalFolder();
    await this.showFolder(this.folderId);
  }

  async showFolder(id) {
    this.folderId = id;
    let current;
    try {
      current = await folder(id);
    } catch (error) {
      clear(this.main).append(element('div', { class: 'notice error' }, `This folder cannot be opened: ${error.message}`));
      return;
    }
    if (this.left) return;
    // Open the path down to this folder in the tree.
    if (current.parentId) this.expanded.add(current.parentId);
    this.expanded.add(id);
    await this.drawTree();
    const path = await pathOf(id).catch(() => '');
    const canEdit = (current.permissions ?? []).includes('Edit');
    this.form = element('div', { class: 'library-form', hidden: true });
    const items = [...(current.children ?? [])].sort((left, right) =>
      (left.itemType === 'Folder' ? 0 : 1) - (right.itemType === 'Folder' ? 0 : 1) || left.name.localeCompare(right.name));
    clear(this.main).append(
      element('div', { class: 'library-head' },
        element('div', {},
          element('div', { class: 'library-path', title: path }, path),
          element('h1', { 'data-folder-name': current.name }, id === this.personal.id ? 'Personal' : current.name),
          current.description ? element('div', { class: 'muted' }, current.description) : null),
        element('div', { class: 'library-actions' },
          current.parentId && id !== this.personal.id ? element('button', { type: 'button', class: 'button',
            onclick: () => this.open(current.parentId) }, '↑ Up') : null,
          canEdit ? element('button', { type: 'button', class: 'button primary', 'data-action': 'new-folder',
            onclick: () => this.newFolderForm(current) }, '+ New folder') : null,
          element('a', { class: 'button', href: routeHash('catalog') }, 'Install an app'))),
      this.form,
      items.length === 0 ? element('div', { class: 'empty-state' }, 'This folder is empty. Create a folder, or install an app from the ',
        element('a', { href: routeHash('catalog') }, 'App Catalog'), '.')
        : element('table', { class: 'data library-items' },
          element('thead', {}, element('tr', {}, element('th', {}, 'Name'), element('th', {}, 'Type'),
            element('th', {}, 'Modified'), element('th', {}, ''))),
          element('tbody', {}, items.map((item) => this.itemRow(item)))));
  }

  itemRow(item) {
    const target = item.itemType === 'Folder' ? routeHash('library', [], { folder: item.id })
      : item.itemType === 'Dashboard' ? routeHash('dashboard', [item.id]) : null;
    const name = target ? element('a', { href: target, 'data-item-id': item.id, 'data-item-type': item.itemType,
      onclick: item.itemType === 'Folder' ? (event) => { event.preventDefault(); this.open(item.id); } : null },
    itemIcon(item.itemType), item.name) : element('span', {}, itemIcon(item.itemType), item.name);
    const permissions = item.permissions ?? [];
    return element('tr', { 'data-item-name': item.name },
      element('td', { class: 'name' }, name),
      element('td', { class: 'muted' }, ITEM_LABELS[item.itemType] ?? item.itemType),
      element('td', { class: 'muted' }, formatDate(item.modifiedAt)),
      element('td', { class: 'row-actions' },
        permissions.includes('Manage') ? element('button', { type: 'button', class: 'button', 'data-action': 'move',
          onclick: () => this.moveForm(item) }, 'Move') : null, ' ',
        permissions.includes('Manage') ? element('button', { type: 'button', class: 'button danger', 'data-action': 'delete',
          onclick: () => this.remove(item) }, 'Delete') : null));
  }

  newFolderForm(parent) {
    const input = element('input', { type: 'text', placeholder: 'Folder name', 'data-field': 'folder-name' });
    const error = element('span', { class: 'muted' });
    const submit = async (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      try {
        await createFolder(input.value.trim(), parent.id);
        await this.refresh();
      } catch (failure) {
        error.textContent = failure.message;
        error.className = 'notice error';
      }
    };
    this.form.replaceChildren(element('form', { class: 'library-form-inner', onsubmit: submit, style: { display: 'contents' } },
      input, element('button', { type: 'submit', class: 'button primary' }, 'Create'),
      element('button', { type: 'button', class: 'button', onclick: () => { this.form.hidden = true; } }, 'Cancel'), error));
    this.form.hidden = false;
    input.focus();
  }

  async moveForm(item) {
    const folders = await this.allFolders(this.personal, 0);
    const shared = this.shared.filter((candidate) => candidate.itemType === 'Folder'
      && (candidate.permissions ?? []).includes('Edit'));
    const choices = [...folders, ...shared.map((candidate) => ({ id: candidate.id, label: candidate.name }))]
      .filter((choice) => choice.id !== item.id && choice.id !== item.parentId && !choice.ancestors?.includes(item.id));
    const select = element('select', { 'data-field': 'destination' },
      choices.map((choice) => element('option', { value: choice.id }, choice.label)));
    const error = element('span', {});
    const submit = async () => {
      try {
        await moveItem(item.id, select.value);
        await this.refresh();
      } catch (failure) {
        error.textContent = failure.message;
        error.className = 'notice error';
      }
    };
    this.form.replaceChildren(element('span', {}, `Move “${item.name}” to`), select,
      element('button', { type: 'button', class: 'button primary', onclick: submit }, 'Move'),
      element('button', { type: 'button', class: 'button', onclick: () => { this.form.hidden = true; } }, 'Cancel'), error);
    this.form.hidden = false;
  }

  /** The folders of a tree as `{id, label, ancestors}` with indented labels (to a depth of 5). */
  async allFolders(root, depth, ancestors = [], prefix = '') {
    const label = depth === 0 ? 'Personal' : `${prefix}${root.name}`;
    const list = [{ id: root.id, label, ancestors }];
    if (depth >= 5) return list;
    const children = root.children ?? (await folder(root.id).catch(() => ({ children: [] }))).children ?? [];
    for (const child of children.filter((candidate) => candidate.itemType === 'Folder')) {
      list.push(...await this.allFolders(child, depth + 1, [...ancestors, root.id], `${'\u00a0\u00a0'.repeat(depth + 1)}`));
    }
    return list;
  }

  async remove(item) {
    const what = item.itemType === 'Folder' ? `the folder “${item.name}” and everything in it` : `“${item.name}”`;
    if (!window.confirm(`Delete ${what}?`)) return;
    try {
      await deleteItem(item.id);
      await this.refresh();
    } catch (error) {
      this.form.replaceChildren(element('span', { class: 'notice error' }, `The delete failed: ${error.message}`));
      this.form.hidden = false;
    }
  }
}

