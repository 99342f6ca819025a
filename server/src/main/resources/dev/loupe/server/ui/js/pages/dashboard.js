/**
 * A dashboard: `#/dashboard/<dashboard id or content id>?from=-1d&to=now&refresh=60&var-account=prod`.
 *
 * Lays out the dashboard's panels on its 24-column grid, loads every query panel independently (at most
 * PANEL_CONCURRENCY at once, each with its own loading state and error), fills the variable selects from their
 * source definitions (cascading: a change reloads the downstream lists and the panels), and refreshes on the
 * chosen interval. The dashboard element carries `data-dashboard-state` = loading | loaded and, once every panel
 * has settled, `data-draw-millis` (time from the start of the load to the last panel drawn).
 */
import { element, clear } from '../core/dom.js';
import { routeHash, replaceParameters } from '../core/router.js';
import { resolveRange } from '../core/time-range.js';
import { readDashboard, referencedVariables } from '../dashboards/model.js';
import { PanelView } from '../dashboards/panel-view.js';
import { TaskQueue } from '../dashboards/queries.js';
import { variableValues } from '../dashboards/variables.js';
import { createTimePicker } from '../components/time-picker.js';
import { findDashboard } from '../library/content.js';

const PANEL_CONCURRENCY = 10;
const REFRESH_CHOICES = [[0, 'Off'], [60, '1 minute'], [300, '5 minutes'], [900, '15 minutes'], [3600, '1 hour']];

export async function render(container, route, shell) {
  const id = route.path[0];
  if (!id) {
    container.append(element('div', { class: 'notice' }, 'Choose a dashboard in the ',
      element('a', { href: routeHash('library') }, 'Library'), '.'));
    return undefined;
  }
  container.append(element('div', { class: 'page-loading' }, element('span', { class: 'spinner' }), ' Loading dashboard…'));
  let dashboard;
  try {
    dashboard = await findDashboard(id);
  } catch (error) {
    clear(container).append(element('div', { class: 'notice error' }, `This dashboard cannot be opened: ${error.message}`),
      element('a', { href: routeHash('library') }, '← Library'));
    return undefined;
  }
  clear(container);
  const page = new DashboardPage(container, dashboard, route.parameters, shell);
  page.start();
  return () => page.leave();
}

class DashboardPage {
  constructor(container, dashboard, parameters, shell) {
    this.container = container;
    this.dashboard = dashboard;
    this.model = readDashboard(dashboard);
    shell.setTitle(this.model.title);
    this.range = { from: parameters.get('from') || this.model.range.from, to: parameters.get('to') || this.model.range.to };
    this.timeZone = parameters.get('tz') || undefined;
    this.refreshSeconds = Number(parameters.get('refresh') ?? this.model.refreshInterval / 1000) || 0;
    this.values = { ...this.model.hiddenValues };
    for (const variable of this.model.variables) {
      this.values[variable.name] = parameters.get(`var-${variable.name}`) ?? variable.defaultValue;
    }
    this.sources = {
      metrics: this.model.panels.some((panel) => panel.queries.some((query) => query.queryType === 'Metrics')),
      logs: this.model.panels.some((panel) => panel.queries.some((query) => query.queryType !== 'Metrics')),
    };
    this.queue = new TaskQueue(PANEL_CONCURRENCY);
    this.listQueue = new TaskQueue(2);
    this.views = this.model.panels.map((panel) => new PanelView(panel));
    this.selects = new Map();
    this.listControllers = new Map();
    this.generation = 0;
    this.timer = null;
  }

  start() {
    this.root = element('div', { class: 'dashboard', 'data-dashboard-state': 'loading',
      'data-dashboard-id': this.dashboard.id, 'data-dashboard-title': this.model.title });
    this.root.append(this.header(), this.toolbar(), this.grid());
    this.container.append(this.root);
    // Value lists compete with the panels for the server: they load once the panels have drawn.
    this.loadPanels().then(() => this.loadLists(0));
    this.schedule();
  }

  header() {
    return element('div', { class: 'dashboard-header' },
      element('div', { class: 'dashboard-heading' },
        element('a', { class: 'breadcrumb', href: routeHash('library', [], { folder: this.dashboard.folderId }) },
          '← Library'),
        element('h1', { class: 'dashboard-title' }, this.model.title),
        this.model.description ? element('p', { class: 'dashboard-description', title: this.model.description },
          this.model.description) : null),
      this.progress = element('div', { class: 'dashboard-progress', 'aria-live': 'polite' }));
  }

  toolbar() {
    const variables = this.model.variables.map((variable) => {
      const select = element('select', { 'data-variable': variable.name, 'aria-label': variable.label,
        onchange: () => this.changeVariable(variable, select.value) });
      this.fillSelect(variable, select, null);
      this.selects.set(variable.name, select);
      return element('label', { class: 'variable' }, element('span', { class: 'variable-name' }, variable.label), select);
    });
    this.picker = createTimePicker({ range: this.range, timeZone: this.timeZone, onChange: (range, timeZone) => {
      this.range = range;
      this.timeZone = timeZone;
      this.saveParameters();
      this.loadLists(0);
      this.loadPanels();
    } });
    const refresh = element('select', { 'data-control': 'auto-refresh', 'aria-label': 'Auto-refresh',
      onchange: () => { this.refreshSeconds = Number(refresh.value); this.saveParameters(); this.schedule(); } },
    REFRESH_CHOICES.map(([seconds, label]) => element('option', { value: seconds, selected: seconds === this.refreshSeconds },
      seconds === 0 ? 'Auto-refresh off' : `Every ${label}`)));
    return element('div', { class: 'dashboard-toolbar' },
      element('div', { class: 'variables' }, variables),
      element('div', { class: 'toolbar-right' },
        this.picker.element,
        refresh,
        element('button', { type: 'button', class: 'button primary', 'data-action': 'refresh',
          onclick: () => this.loadPanels() }, '↻ Refresh')));
  }

  grid() {
    const rows = this.model.panels.reduce((max, panel) => Math.max(max, panel.layout.y + panel.layout.height), 0);
    return element('div', { class: 'dashboard-grid', style: { gridTemplateRows: `repeat(${rows}, var(--grid-row))` } },
      this.views.map((view) => view.root));
  }

  fillSelect(variable, select, values) {
    const current = this.values[variable.name];
    const options = [];
    if (variable.includeAll) options.push(['*', 'All']);
    const listed = values ?? [];
    if (current !== '*' && !listed.includes(current)) options.push([current, current]);
    for (const value of listed) options.push([value, value]);
    select.replaceChildren(...options.map(([value, label]) => element('option', { value, selected: value === current }, label)));
    select.value = current;
    select.dataset.loaded = values === null ? 'false' : 'true';
  }

  resolvedRange() {
    return { ...this.range, ...resolveRange(this.range), timeZone: this.picker?.timeZone() };
  }

  /** Reloads every query panel; settles the dashboard state when all are done. */
  loadPanels() {
    const generation = ++this.generation;
    this.queue.clear();
    let range;
    try {
      range = this.resolvedRange();
    } catch (error) {
      this.progress.textContent = error.message;
      return Promise.resolve();
    }
    const values = { ...this.values };
    const started = performance.now();
    this.root.dataset.dashboardState = 'loading';
    delete this.root.dataset.drawMillis;
    const queryViews = this.views.filter((view) => view.isQuery);
    let done = 0;
    this.progress.replaceChildren(element('span', { class: 'spinner' }), ` Loading ${queryViews.length} panels…`);
    return Promise.all(queryViews.map((view) => view.load(this.queue, values, range).finally(() => {
      if (generation !== this.generation) return;
      done++;
      this.progress.replaceChildren(element('span', { class: 'spinner' }), ` ${done} of ${queryViews.length} panels`);
    }))).then((states) => {
      if (generation !== this.generation) return;
      const millis = Math.round(performance.now() - started);
      const failed = states.filter((state) => state === 'error').length;
      this.root.dataset.dashboardState = 'loaded';
      this.root.dataset.drawMillis = String(millis);
      this.progress.replaceChildren(element('span', { class: failed ? 'progress-error' : 'progress-done' },
        failed ? `${failed} panel${failed > 1 ? 's' : ''} failed · ` : '',
        `Updated ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`,
        ` in ${(millis / 1000).toFixed(1)} s`));
    });
  }

  /** Reloads the value lists of the variables from position `start` on. */
  loadLists(start) {
    let range;
    try {
      range = this.resolvedRange();
    } catch {
      return;
    }
    this.model.variables.slice(start).forEach((variable) => {
      this.listControllers.get(variable.name)?.abort();
      const controller = new AbortController();
      this.listControllers.set(variable.name, controller);
      const select = this.selects.get(variable.name);
      select.dataset.loaded = 'false';
      this.listQueue.run(() => variableValues(variable, { ...this.values }, range, this.sources, controller.signal))
        .then((values) => {
          if (!controller.signal.aborted) this.fillSelect(variable, select, values);
        })
        .catch((error) => {
          if (error?.name !== 'AbortError') {
            console.error(error);
            select.title = `The values of ${variable.label} did not load: ${error.message}`;
            select.dataset.loaded = 'error';
          }
        });
    });
  }

  changeVariable(variable, value) {
    this.values[variable.name] = value;
    this.saveParameters();
    const index = this.model.variables.indexOf(variable);
    const downstream = this.model.variables.slice(index + 1)
      .filter((candidate) => referencedVariables(candidate.source?.filter ?? candidate.source?.query ?? '').size > 0);
    if (downstream.length > 0) this.loadLists(index + 1);
    this.loadPanels();
  }

  saveParameters() {
    const parameters = { from: this.range.from, to: this.range.to === 'now' ? null : this.range.to,
      refresh: this.refreshSeconds || null, tz: this.picker?.timeZone() ?? null };
    for (const variable of this.model.variables) {
      if (this.values[variable.name] !== variable.defaultValue) parameters[`var-${variable.name}`] = this.values[variable.name];
    }
    replaceParameters(parameters);
  }

  schedule() {
    clearInterval(this.timer);
    this.timer = this.refreshSeconds > 0 ? setInterval(() => {
      if (this.root.dataset.dashboardState === 'loaded') this.loadPanels();
    }, this.refreshSeconds * 1000) : null;
  }

  leave() {
    this.generation++;
    clearInterval(this.timer);
    this.queue.clear();
    this.listQueue.clear();
    for (const controller of this.listControllers.values()) controller.abort();
    for (const view of this.views) {
      view.abort();
      view.dispose();
    }
  }
}
