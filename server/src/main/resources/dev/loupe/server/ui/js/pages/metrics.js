/**
 * The metrics explorer: query rows A, B, C... (a builder fed by the metric catalog, and the query editor), a time
 * range picker, and a line chart with a legend of every visible row's series.
 *
 * Route: `#/metrics?A=<query>&B=<query>&from=<boundary>&to=<boundary>&tz=<zone>`; a route with queries runs at once.
 */
import { ApiError } from '../core/api.js';
import { element, clear } from '../core/dom.js';
import { runMetricsQueries } from '../core/metrics-query.js';
import { replaceParameters } from '../core/router.js';
import { browserTimeZone, resolveRange } from '../core/time-range.js';
import { createTimePicker } from '../components/time-picker.js';
import { remember } from '../search/history.js';
import { emptyState, formatCount } from '../search/results.js';
import { loadCatalog } from '../metrics-explorer/catalog.js';
import { createQueryRow } from '../metrics-explorer/query-row.js';
import { createLineChart, toSeries } from '../metrics-explorer/line-chart.js';

const ROW_IDS = 'ABCDEFGHIJ'.split('');
const DEFAULT_QUERY = 'Namespace=aws/apigateway metric=Latency statistic=Average | avg by apiname';

export function render(container, route, shell) {
  shell.setTitle('Metrics');
  const parameters = route.parameters;
  const rows = [];
  let controller = null;
  let lastResults = null;
  let chart = null;

  const picker = createTimePicker({
    range: { from: parameters.get('from') ?? '-3h', to: parameters.get('to') ?? 'now' },
    timeZone: parameters.get('tz') ?? browserTimeZone(),
    onChange: () => { rows.forEach((row) => row.setCatalog()); run(); },
  });
  const runButton = element('button', { type: 'button', class: 'button primary metrics-run', onclick: () => run() },
    'Run');
  const addButton = element('button', { type: 'button', class: 'button add-row', onclick: () => addRow('') },
    '+ Add query');
  const rowList = element('div', { class: 'query-rows' });
  const status = element('div', { class: 'metrics-status', 'aria-live': 'polite' });
  const chartHost = element('div', { class: 'metrics-chart' });
  const chartOverlay = element('div', { class: 'chart-overlay' });
  const chartCard = element('section', { class: 'card chart-card' },
    element('div', { class: 'card-title' }, element('span', {}, 'Time series'), status),
    element('div', { class: 'chart-area' }, chartHost, chartOverlay));

  container.append(element('div', { class: 'metrics-page' },
    element('section', { class: 'card metrics-queries' },
      element('div', { class: 'metrics-header' }, element('h1', {}, 'Metrics explorer'),
        element('div', { class: 'metrics-actions' }, picker.element, runButton)),
      rowList,
      element('div', { class: 'rows-footer' }, addButton,
        element('span', { class: 'muted' }, 'Enter runs the queries · the builder writes the query, which you can edit'))),
    chartCard));

  const range = () => resolveRange(picker.range());
  const catalogFor = (matches) => {
    const { fromMillis, toMillis } = range();
    return loadCatalog(fromMillis, toMillis, matches);
  };

  function addRow(query) {
    const rowId = ROW_IDS.find((id) => !rows.some((row) => row.rowId === id));
    if (!rowId) return null;
    const row = createQueryRow({
      rowId, query,
      catalog: () => catalogFor({}),
      catalogFor,
      onRun: () => run(),
      onRemove: () => {
        rows.splice(rows.indexOf(row), 1);
        row.element.remove();
        updateRowControls();
        run();
      },
      onToggle: () => draw(),
    });
    rows.push(row);
    rowList.append(row.element);
    row.setCatalog();
    updateRowControls();
    return row;
  }

  function updateRowControls() {
    rows.forEach((row) => row.setRemovable(rows.length > 1));
    addButton.disabled = rows.length >= ROW_IDS.length;
  }

  function overlay(content) {
    clear(chartOverlay);
    chartOverlay.hidden = content === null;
    if (content !== null) chartOverlay.append(content);
  }

  function draw() {
    if (!lastResults) return;
    const visibleIds = new Set(rows.filter((row) => row.visible()).map((row) => row.rowId));
    const results = lastResults.results.filter((result) => visibleIds.has(result.rowId));
    const series = toSeries(results, lastResults.rowCount);
    if (!chart) chart = createLineChart(chartHost);
    chart.update(series, lastResults.range, picker.timeZone());
    clear(status);
    status.append(element('span', { class: 'muted series-count' }, `${formatCount(series.length)} series`));
    overlay(series.length === 0 ? emptyState('No data', 'No series matched these queries in this time range.') : null);
  }

  function locate(failure) {
    const match = /^(?:row ([A-Z])[:,]?\s*)?line (\d+), col (\d+): ([\s\S]*)$/.exec(failure.message ?? '');
    return match ? { rowId: match[1], message: match[4], line: Number(match[2]), column: Number(match[3]) } : null;
  }

  async function run() {
    const active = rows.filter((row) => row.query().trim());
    rows.forEach((row) => row.clearError());
    if (active.length === 0) {
      overlay(emptyState('Choose a metric', 'Pick a metric in row A, or type a query such as ' + DEFAULT_QUERY + '.'));
      return;
    }
    let resolved;
    try {
      resolved = range();
    } catch (failure) {
      overlay(emptyState('Invalid time range', failure.message));
      return;
    }
    controller?.abort();
    const current = new AbortController();
    controller = current;
    const routeParameters = { from: picker.range().from, to: picker.range().to, tz: picker.timeZone() };
    active.forEach((row) => { routeParameters[row.rowId] = row.query(); });
    replaceParameters(routeParameters);
    active.forEach((row) => remember('metrics', { query: row.query(), from: picker.range().from,
      to: picker.range().to, timeZone: picker.timeZone() }));
    clear(status);
    status.append(element('span', { class: 'spinner' }), element('span', { class: 'muted' }, 'Running…'));
    chartCard.classList.add('loading');
    try {
      const results = await runMetricsQueries(active.map((row) => ({ rowId: row.rowId, query: row.query() })),
        resolved.fromMillis, resolved.toMillis, { signal: current.signal });
      if (controller !== current) return;
      lastResults = { results, range: resolved, rowCount: active.length };
      draw();
    } catch (failure) {
      if (failure.name === 'AbortError' || controller !== current) return;
      clear(status);
      const location = failure instanceof ApiError ? locate(failure) : null;
      const row = location && (rows.find((candidate) => candidate.rowId === location.rowId)
        ?? (active.length === 1 ? active[0] : null));
      if (row && location) row.showError(location);
      else if (active.length === 1) active[0].showError({ message: failure.message });
      overlay(emptyState('The queries could not run', failure.message));
    } finally {
      if (controller === current) chartCard.classList.remove('loading');
    }
  }

  const queries = ROW_IDS.map((id) => parameters.get(id)).filter((query) => query !== null);
  if (queries.length > 0) {
    queries.forEach((query) => addRow(query));
    run();
  } else {
    addRow(DEFAULT_QUERY);
    run();
  }

  return () => {
    controller?.abort();
    picker.close();
    chart?.dispose();
  };
}
