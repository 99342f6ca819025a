/**
 * The log search page: query editor (highlighting, error markers, history), time range picker, a histogram of
 * matching messages, the messages and the aggregates (table or chart), progress with counts, cancel, CSV export.
 *
 * Route: `#/search?q=<query>&from=<boundary>&to=<boundary>&tz=<zone>`; a route with `q` runs at once, so a
 * dashboard panel opens "in search" by linking there.
 */
import { ApiError } from '../core/api.js';
import { element, clear } from '../core/dom.js';
import { runLogSearch } from '../core/log-search.js';
import { replaceParameters } from '../core/router.js';
import { browserTimeZone, describeRange, resolveRange } from '../core/time-range.js';
import { createTimePicker } from '../components/time-picker.js';
import { createQueryEditor } from '../search/query-editor.js';
import { readHistory, remember, clearHistory } from '../search/history.js';
import {
  createHistogram, renderMessages, renderRecordsTable, emptyState, formatCount, toCsv, download,
} from '../search/results.js';
import { aggregateViews } from '../search/aggregate-chart.js';

const CLOUDTRAIL = '_sourceCategory=aws/observability/cloudtrail/logs';
const EXAMPLES = [
  { label: 'CloudTrail events by service and name', query: `${CLOUDTRAIL} | json "eventSource", "eventName"\n`
    + '| count by eventSource, eventName | sort by _count | limit 20' },
  { label: 'API Gateway activity per hour and API', query: 'namespace=aws/apigateway | timeslice 1h\n'
    + '| count by _timeslice, apiname' },
  { label: 'Failed API Gateway calls by error', query: `${CLOUDTRAIL} "apigateway.amazonaws.com"\n`
    + '| json "errorCode" nodrop | where !isNull(errorCode) | count by errorCode' },
  { label: 'Where API calls come from', query: `${CLOUDTRAIL} | json "sourceIPAddress" as ip\n`
    + '| lookup latitude, longitude, country_code from geo://location on ip | count by latitude, longitude, country_code' },
];

export function render(container, route, shell) {
  shell.setTitle('Search');
  const parameters = route.parameters;
  const state = {
    running: null, // {controller, jobId}
    buckets: new Map(),
    result: null,
    view: 'messages',
    aggregateView: 'table',
  };

  const picker = createTimePicker({
    range: { from: parameters.get('from') ?? '-15m', to: parameters.get('to') ?? 'now' },
    timeZone: parameters.get('tz') ?? browserTimeZone(),
    onChange: () => { if (editor.value().trim()) start(); },
  });
  const editor = createQueryEditor({
    value: parameters.get('q') ?? '',
    placeholder: 'Search your logs: keywords, _sourceCategory=..., then | json ... | count by ...',
    onSubmit: () => start(),
  });
  const runButton = element('button', { type: 'button', class: 'button primary search-run', onclick: () => start() },
    element('span', { class: 'icon-search', 'aria-hidden': 'true' }), 'Search');
  const cancelButton = element('button', { type: 'button', class: 'button danger search-cancel', hidden: true,
    onclick: () => cancel() }, 'Cancel');
  const historyMenu = element('div', { class: 'history-menu card', hidden: true });
  const historyButton = element('button', { type: 'button', class: 'button history-button', title: 'Recent queries',
    onclick: () => toggleHistory() }, 'History');
  const exportButton = element('button', { type: 'button', class: 'button export-csv', disabled: true,
    onclick: () => exportCsv() }, 'Export CSV');

  const progress = element('div', { class: 'search-progress', 'aria-live': 'polite' });
  const histogramCard = element('section', { class: 'card histogram-card', hidden: true });
  const histogramTitle = element('div', { class: 'card-title' });
  const histogramBody = element('div', { class: 'histogram-body' });
  histogramCard.append(histogramTitle, histogramBody);
  let histogram = null;

  const tabs = element('div', { class: 'result-tabs', role: 'tablist' });
  const toolbar = element('div', { class: 'result-toolbar' });
  const resultBody = element('div', { class: 'result-body' });
  const resultsCard = element('section', { class: 'card results-card', hidden: true },
    element('div', { class: 'results-header' }, tabs, toolbar), resultBody);
  const intro = element('section', { class: 'card search-intro' }, emptyState('Search your logs',
    'Type a query and press Enter. Start with a scope (keywords, _sourceCategory=...), then pipe into operators.',
    element('div', { class: 'examples' }, EXAMPLES.map((example) => element('button', {
      type: 'button', class: 'example', onclick: () => { editor.setValue(example.query); start(); },
    }, element('span', { class: 'example-label' }, example.label),
    element('code', {}, example.query.replace(/\n/g, ' ')))))));

  const stoppedCard = element('section', { class: 'card search-stopped', hidden: true },
    emptyState('Search cancelled', 'The search job was stopped and deleted on the server. Press Search (or Enter) to '
      + 'run the query again.'));

  container.append(element('div', { class: 'search-page' },
    element('section', { class: 'card search-bar' },
      editor.element,
      element('div', { class: 'search-actions' }, picker.element, runButton, cancelButton,
        element('div', { class: 'history' }, historyButton, historyMenu), exportButton)),
    progress, intro, stoppedCard, histogramCard, resultsCard));

  let chartHandle = null;
  function disposeChart() {
    chartHandle?.dispose?.();
    chartHandle = null;
  }

  function setRunning(running) {
    runButton.hidden = running;
    cancelButton.hidden = !running;
    container.querySelector('.search-page').classList.toggle('running', running);
  }

  function showProgress(status, phase) {
    clear(progress);
    progress.className = 'search-progress';
    const counts = status
      ? [element('span', { class: 'count messages-count' }, `${formatCount(status.messageCount)} messages`),
        element('span', { class: 'count records-count' }, `${formatCount(status.recordCount)} records`)]
      : [];
    progress.append(element('span', { class: 'spinner' }), element('span', { class: 'phase' }, phase), ...counts);
  }

  function showSummary(text, kind = 'done') {
    clear(progress);
    progress.className = `search-progress ${kind}`;
    progress.append(text);
  }

  function addBuckets(status) {
    for (const bucket of status.histogramBuckets ?? []) {
      const existing = state.buckets.get(bucket.startTimestamp);
      state.buckets.set(bucket.startTimestamp, { length: bucket.length,
        count: (existing?.count ?? 0) + bucket.count });
    }
  }

  function drawHistogram(total) {
    histogramCard.hidden = state.buckets.size === 0;
    if (histogramCard.hidden) return;
    clear(histogramTitle);
    histogramTitle.append(element('span', {}, 'Messages over time'),
      element('span', { class: 'muted' }, `${formatCount(total)} messages · ${describeRange(picker.range(),
        picker.timeZone())}`));
    if (!histogram) histogram = createHistogram(histogramBody, picker.timeZone());
    histogram.update(state.buckets, picker.timeZone());
  }

  function errorLocation(failure) {
    const detail = failure?.body?.pendingErrorDetails?.[0];
    if (detail?.line) {
      return { message: detail.message, line: detail.line, column: detail.column,
        length: Math.max(1, (detail.end ?? detail.start + 1) - detail.start) };
    }
    const match = /^line (\d+), col (\d+): ([\s\S]*)$/.exec(failure?.message ?? '');
    return match ? { message: match[3], line: Number(match[1]), column: Number(match[2]), length: 1 }
      : { message: failure?.message ?? String(failure) };
  }

  async function start() {
    const query = editor.value();
    if (!query.trim()) {
      editor.showError({ message: 'Type a query first, e.g. _sourceCategory=aws/cloudtrail* or *.' });
      editor.focus();
      return;
    }
    let range;
    try {
      range = resolveRange(picker.range());
    } catch (failure) {
      showSummary(failure.message, 'error');
      return;
    }
    cancel(true);
    editor.clearError();
    closeHistory();
    const controller = new AbortController();
    const running = { controller, jobId: null };
    state.running = running;
    state.buckets = new Map();
    state.result = null;
    exportButton.disabled = true;
    replaceParameters({ q: query, from: picker.range().from, to: picker.range().to, tz: picker.timeZone() });
    remember('logs', { query, from: picker.range().from, to: picker.range().to, timeZone: picker.timeZone() });
    setRunning(true);
    intro.hidden = true;
    stoppedCard.hidden = true;
    showProgress(null, 'Starting the search…');
    try {
      const result = await runLogSearch(query, range.fromMillis, range.toMillis, {
        signal: controller.signal,
        timeZone: picker.timeZone(),
        onCreated: (jobId) => { running.jobId = jobId; progress.dataset.jobId = jobId; },
        onProgress: (status) => {
          if (state.running !== running) return;
          addBuckets(status);
          showProgress(status, status.state === 'DONE GATHERING RESULTS' ? 'Fetching results…' : 'Gathering results…');
          drawHistogram(status.messageCount);
        },
      });
      if (state.running !== running) return;
      state.result = result;
      const aggregate = result.records.fields.length > 0;
      state.view = aggregate ? 'aggregates' : 'messages';
      drawResults();
      drawHistogram(result.status.messageCount);
      const warnings = result.status.pendingWarnings ?? [];
      showSummary(element('span', {},
        element('span', { class: 'done-mark', 'aria-hidden': 'true' }),
        `${formatCount(result.status.messageCount)} messages`,
        aggregate ? ` · ${formatCount(result.status.recordCount)} records` : '',
        warnings.length ? element('span', { class: 'warning' }, ` · ${warnings.join('; ')}`) : ''));
      exportButton.disabled = false;
    } catch (failure) {
      if (state.running !== running) return;
      if (failure.name === 'AbortError') return;
      resultsCard.hidden = true;
      histogramCard.hidden = true;
      if (failure instanceof ApiError && (failure.code === 'search.error' || failure.status === 400)) {
        const location = errorLocation(failure);
        editor.showError(location);
        showSummary('The query could not run: fix the marked error and search again.', 'error');
      } else {
        showSummary(`The search failed: ${failure.message}`, 'error');
      }
    } finally {
      if (state.running === running) {
        state.running = null;
        setRunning(false);
      }
    }
  }

  function cancel(quiet = false) {
    const running = state.running;
    if (!running) return;
    state.running = null;
    running.controller.abort();
    setRunning(false);
    if (!quiet) {
      showSummary('Search cancelled.', 'cancelled');
      histogramCard.hidden = true;
      resultsCard.hidden = true;
      stoppedCard.hidden = false;
    }
  }

  function drawResults() {
    const result = state.result;
    resultsCard.hidden = false;
    clear(tabs);
    const aggregate = result.records.fields.length > 0;
    const tab = (name, label, count) => element('button', {
      type: 'button', role: 'tab', class: 'result-tab' + (state.view === name ? ' active' : ''),
      'aria-selected': String(state.view === name), 'data-view': name,
      onclick: () => { state.view = name; drawResults(); },
    }, label, element('span', { class: 'tab-count' }, formatCount(count)));
    if (aggregate) tabs.append(tab('aggregates', 'Aggregates', result.records.rows.length));
    tabs.append(tab('messages', 'Messages', result.status.messageCount));
    clear(toolbar);
    disposeChart();
    if (state.view === 'aggregates' && aggregate) {
      const views = aggregateViews(result.records);
      if (!views.some((view) => view.name === state.aggregateView && view.available)) state.aggregateView = 'table';
      toolbar.append(element('div', { class: 'segmented', role: 'group', 'aria-label': 'Show as' },
        views.map((view) => element('button', {
          type: 'button', class: 'segment' + (state.aggregateView === view.name ? ' active' : ''),
          'data-chart': view.name, disabled: !view.available, title: view.available ? view.label : view.reason,
          onclick: () => { state.aggregateView = view.name; drawResults(); },
        }, view.label))));
      if (state.aggregateView === 'table') {
        renderRecordsTable(resultBody, result.records, { timeZone: picker.timeZone() });
      } else {
        clear(resultBody);
        const host = element('div', { class: 'aggregate-chart' });
        resultBody.append(host);
        chartHandle = views.find((view) => view.name === state.aggregateView).draw(host, picker.timeZone());
      }
    } else {
      renderMessages(resultBody, result.messages, { timeZone: picker.timeZone(), total: result.status.messageCount });
    }
  }

  function exportCsv() {
    const result = state.result;
    if (!result) return;
    const aggregate = state.view === 'aggregates' && result.records.fields.length > 0;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
    download(`loupe-${aggregate ? 'aggregates' : 'messages'}-${stamp}.csv`,
      toCsv(aggregate ? result.records : result.messages));
  }

  function closeHistory() {
    historyMenu.hidden = true;
  }

  function toggleHistory() {
    if (!historyMenu.hidden) {
      closeHistory();
      return;
    }
    clear(historyMenu);
    const entries = readHistory('logs');
    if (entries.length === 0) {
      historyMenu.append(element('div', { class: 'history-empty muted' }, 'Queries you run appear here.'));
    } else {
      historyMenu.append(element('div', { class: 'history-title' }, element('span', {}, 'Recent queries'),
        element('button', { type: 'button', class: 'link', onclick: () => { clearHistory('logs'); closeHistory(); } },
          'Clear')));
      for (const entry of entries.slice(0, 15)) {
        historyMenu.append(element('button', {
          type: 'button', class: 'history-entry',
          onclick: () => {
            editor.setValue(entry.query);
            if (entry.from) picker.set({ range: { from: entry.from, to: entry.to }, timeZone: entry.timeZone });
            closeHistory();
            editor.focus();
          },
        }, element('code', {}, entry.query), element('span', { class: 'muted' },
          `${describeRange({ from: entry.from ?? '-15m', to: entry.to ?? 'now' }, entry.timeZone)} · `
          + new Date(entry.at).toLocaleString())));
      }
    }
    historyMenu.hidden = false;
  }

  const onDocumentClick = (event) => {
    if (!historyMenu.hidden && !event.target.closest('.history')) closeHistory();
  };
  document.addEventListener('pointerdown', onDocumentClick, true);

  if ((parameters.get('q') ?? '').trim()) start();
  else editor.focus();

  return () => {
    document.removeEventListener('pointerdown', onDocumentClick, true);
    cancel(true);
    picker.close();
    disposeChart();
    histogram?.dispose();
  };
}
