/**
 * One query row of the metrics explorer (A, B, C...): a builder (metric, dimension filters, aggregation and
 * grouping, fed by the metric catalog) that writes the query, and the query editor to change it freely.
 *
 * `createQueryRow({rowId, query, catalog: () => Promise<catalog>, catalogFor: (matches) => Promise<catalog>,
 *   onRun, onRemove, onToggle})` → `{element, rowId, query(), visible(), showError(error), clearError(), setCatalog()}`
 */
import { element, clear } from '../core/dom.js';
import { createQueryEditor } from '../search/query-editor.js';
import { dimensionValues } from './catalog.js';

const AGGREGATES = ['', 'avg', 'sum', 'min', 'max', 'count'];

function quote(value) {
  return /^[A-Za-z0-9_.\-/*:]+$/.test(value) ? value : `"${value.replace(/"/g, '\\"')}"`;
}

export function createQueryRow({ rowId, query = '', catalog, catalogFor, onRun, onRemove, onToggle }) {
  const builder = { metric: '', filters: [], aggregate: 'avg', groupBy: '' };
  let visible = true;

  const editor = createQueryEditor({ value: query, language: 'metrics', ariaLabel: `Query ${rowId}`,
    placeholder: 'metric=Latency Namespace=aws/apigateway | avg by apiname', onSubmit: () => onRun?.() });
  const metricSelect = element('select', { class: 'metric-select', 'aria-label': `Metric of query ${rowId}` });
  const filterKey = element('select', { class: 'filter-key', 'aria-label': 'Dimension' });
  const filterValue = element('select', { class: 'filter-value', 'aria-label': 'Value' });
  const filterChips = element('div', { class: 'filter-chips' });
  const aggregateSelect = element('select', { class: 'aggregate-select', 'aria-label': 'Aggregate' },
    AGGREGATES.map((name) => element('option', { value: name, selected: name === builder.aggregate },
      name === '' ? 'no aggregate' : name)));
  const groupSelect = element('select', { class: 'group-select', 'aria-label': 'Group by' });
  const eye = element('button', { type: 'button', class: 'row-visibility', title: 'Hide this query\'s series',
    'aria-pressed': 'true', onclick: () => {
      visible = !visible;
      eye.setAttribute('aria-pressed', String(visible));
      root.classList.toggle('hidden-row', !visible);
      onToggle?.();
    } });
  const remove = element('button', { type: 'button', class: 'row-remove', title: `Remove query ${rowId}`,
    'aria-label': `Remove query ${rowId}`, onclick: () => onRemove?.() }, '×');

  const root = element('div', { class: 'query-row', 'data-row': rowId },
    element('div', { class: 'row-badge' }, rowId),
    element('div', { class: 'row-main' },
      element('div', { class: 'row-builder' },
        element('label', { class: 'builder-field' }, element('span', {}, 'Metric'), metricSelect),
        element('div', { class: 'builder-field' }, element('span', {}, 'Filters'), filterChips,
          element('div', { class: 'filter-add' }, filterKey, filterValue)),
        element('label', { class: 'builder-field' }, element('span', {}, 'Aggregate'), aggregateSelect),
        element('label', { class: 'builder-field' }, element('span', {}, 'by'), groupSelect)),
      editor.element),
    element('div', { class: 'row-actions' }, eye, remove));

  function write() {
    if (!builder.metric) return;
    const scope = [`metric=${quote(builder.metric)}`,
      ...builder.filters.map(([key, value]) => `${key}=${quote(value)}`)].join(' ');
    const aggregate = builder.aggregate ? ` | ${builder.aggregate}${builder.groupBy ? ` by ${builder.groupBy}` : ''}` : '';
    editor.setValue(scope + aggregate);
  }

  function options(select, values, selected, emptyLabel) {
    clear(select);
    select.append(element('option', { value: '' }, emptyLabel));
    for (const value of values) select.append(element('option', { value, selected: value === selected }, value));
  }

  async function refreshDimensions() {
    const matches = builder.metric ? { metric: builder.metric } : {};
    for (const [key, value] of builder.filters) matches[key] = value;
    const narrowed = await catalogFor(matches).catch(() => null);
    const keys = (narrowed?.dimensions ?? []).filter((dimension) => dimension.key.toLowerCase() !== 'metric'
      && dimension.valueCount > 0).map((dimension) => dimension.key);
    options(filterKey, keys.filter((key) => !builder.filters.some(([taken]) => taken === key)), '', '+ filter…');
    const groupKeys = keys.filter((key) => (narrowed ? dimensionValues(narrowed, key).length > 1 : true));
    if (builder.groupBy && !groupKeys.some((key) => key.toLowerCase() === builder.groupBy.toLowerCase())) {
      groupKeys.push(builder.groupBy);
    }
    options(groupSelect, groupKeys, groupKeys.find((key) => key.toLowerCase() === builder.groupBy.toLowerCase()),
      'nothing');
    filterValue.hidden = true;
    filterKey.onchange = () => {
      const key = filterKey.value;
      if (!key) { filterValue.hidden = true; return; }
      options(filterValue, dimensionValues(narrowed, key), '', `${key} =`);
      filterValue.hidden = false;
      filterValue.focus();
    };
  }

  function drawChips() {
    clear(filterChips);
    for (const [index, [key, value]] of builder.filters.entries()) {
      filterChips.append(element('span', { class: 'chip' }, `${key}=${value}`,
        element('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${key}=${value}`,
          onclick: () => { builder.filters.splice(index, 1); drawChips(); write(); refreshDimensions(); } }, '×')));
    }
  }

  metricSelect.addEventListener('change', () => {
    builder.metric = metricSelect.value;
    builder.filters = [];
    builder.groupBy = '';
    drawChips();
    write();
    refreshDimensions();
  });
  filterValue.addEventListener('change', () => {
    if (!filterKey.value || !filterValue.value) return;
    builder.filters.push([filterKey.value, filterValue.value]);
    drawChips();
    write();
    refreshDimensions();
  });
  aggregateSelect.addEventListener('change', () => { builder.aggregate = aggregateSelect.value; write(); });
  groupSelect.addEventListener('change', () => { builder.groupBy = groupSelect.value; write(); });

  /** Reads a simple query (`key=value ... | aggregate by key`) back into the builder; other queries keep it empty. */
  function readQuery(text) {
    const [scope, ...operators] = text.split('|');
    const pairs = [...scope.matchAll(/([A-Za-z_][\w.]*)=("[^"]*"|[^\s"]+)/g)]
      .map(([, key, value]) => [key, value.replace(/^"|"$/g, '')]);
    const metric = pairs.find(([key]) => key.toLowerCase() === 'metric');
    if (!metric) return;
    builder.metric = metric[1];
    builder.filters = pairs.filter((pair) => pair !== metric);
    const aggregate = operators.length === 1
      ? /^\s*(avg|sum|min|max|count)(?:\s+by\s+([\w.]+))?\s*$/i.exec(operators[0]) : null;
    builder.aggregate = aggregate ? aggregate[1].toLowerCase() : (operators.length === 0 ? '' : builder.aggregate);
    builder.groupBy = aggregate?.[2] ?? '';
    aggregateSelect.value = builder.aggregate;
    drawChips();
  }

  async function setCatalog() {
    readQuery(editor.value());
    const loaded = await catalog().catch(() => null);
    const metrics = dimensionValues(loaded, 'metric');
    options(metricSelect, metrics, builder.metric, metrics.length ? 'choose a metric…' : 'no metrics in this range');
    await refreshDimensions();
  }

  return {
    element: root,
    rowId,
    query: () => editor.value(),
    visible: () => visible,
    showError: (error) => editor.showError(error),
    clearError: () => editor.clearError(),
    setCatalog,
    setRemovable: (removable) => { remove.hidden = !removable; },
  };
}
