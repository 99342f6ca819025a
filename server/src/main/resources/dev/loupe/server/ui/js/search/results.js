/**
 * The search page's result views: the histogram of matching messages, the messages table (time, raw message,
 * extracted fields as columns, a row opens to pretty JSON and every field) and the aggregates table (sortable).
 * Also CSV export.
 */
import { element, clear } from '../core/dom.js';
import { formatTime } from '../core/time-range.js';

const NUMBER = new Intl.NumberFormat('en-US');
const MESSAGE_PAGE = 100;
const MAX_FIELD_COLUMNS = 8;

/** `1,234`. */
export function formatCount(value) {
  return NUMBER.format(Number(value) || 0);
}

function isNumeric(text) {
  return text !== null && text !== undefined && text !== '' && Number.isFinite(Number(text));
}

/** A bucket length as words: 1 minute, 5 minutes, 1 hour. */
function describeLength(milliseconds) {
  const units = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, name] of units) {
    if (milliseconds >= size && milliseconds % size === 0) {
      const amount = milliseconds / size;
      return amount === 1 ? `1 ${name}` : `${amount} ${name}s`;
    }
  }
  return `${milliseconds} ms`;
}

/**
 * Draws the histogram (ECharts bars) of `buckets` (`Map<startMillis, {length, count}>`) into `container`; returns a
 * handle with `update(buckets)` and `dispose()`.
 */
export function createHistogram(container, timeZone) {
  const host = element('div', { class: 'histogram-chart' });
  container.append(host);
  const chart = echarts.init(host, null, { renderer: 'canvas' });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(host);
  let zone = timeZone;
  return {
    update(buckets, newZone = zone) {
      zone = newZone;
      const entries = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
      const length = entries[0]?.[1].length ?? 60_000;
      const withSeconds = length < 60_000;
      chart.setOption({
        animation: false,
        grid: { left: 48, right: 16, top: 12, bottom: 28 },
        tooltip: {
          trigger: 'axis', axisPointer: { type: 'shadow' },
          formatter: (items) => {
            const item = items[0];
            return `${formatTime(Number(item.name), zone, { seconds: withSeconds })} · ${describeLength(length)}`
              + `<br><b>${formatCount(item.value)}</b> messages`;
          },
        },
        xAxis: {
          type: 'category', data: entries.map(([start]) => String(start)),
          axisTick: { alignWithLabel: true }, axisLine: { lineStyle: { color: '#c4ccd6' } },
          axisLabel: { color: '#5d6b7b', hideOverlap: true,
            formatter: (value) => formatTime(Number(value), zone, { seconds: withSeconds }).slice(5) },
        },
        yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f5' } },
          axisLabel: { color: '#5d6b7b' } },
        series: [{ type: 'bar', data: entries.map(([, bucket]) => bucket.count), barCategoryGap: '15%',
          itemStyle: { color: '#3b82f6', borderRadius: [2, 2, 0, 0] }, emphasis: { itemStyle: { color: '#1f6feb' } } }],
      }, true);
    },
    dispose() {
      observer.disconnect();
      chart.dispose();
    },
  };
}

function prettyJson(raw) {
  const text = String(raw ?? '').trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

/** Highlights pretty JSON: keys, strings, numbers, literals. */
function jsonBlock(json) {
  const block = element('pre', { class: 'json-view' });
  const pattern = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const match of json.matchAll(pattern)) {
    block.append(json.slice(last, match.index));
    if (match[1] && match[2]) block.append(element('span', { class: 'json-key' }, match[1]), match[2]);
    else if (match[1]) block.append(element('span', { class: 'json-string' }, match[1]));
    else if (match[3]) block.append(element('span', { class: 'json-literal' }, match[3]));
    else block.append(element('span', { class: 'json-number' }, match[4]));
    last = match.index + match[0].length;
  }
  block.append(json.slice(last));
  return block;
}

/** The messages table; `messages` is `{fields, rows}` of the messages pages. */
export function renderMessages(container, messages, { timeZone, total }) {
  clear(container);
  if (messages.rows.length === 0) {
    container.append(emptyState('No messages', 'No message matched the query in this time range.'));
    return;
  }
  const names = messages.fields.map((field) => field.name);
  const extracted = names.filter((name) => !name.startsWith('_')).slice(0, MAX_FIELD_COLUMNS);
  const timeField = names.includes('_messagetime') ? '_messagetime' : '_receipttime';
  const header = element('tr', {},
    element('th', { class: 'col-expand' }),
    element('th', { class: 'col-time' }, 'Time'),
    element('th', { class: 'col-message' }, 'Message'),
    extracted.map((name) => element('th', { class: 'col-field' }, name)));
  const body = element('tbody');
  const table = element('table', { class: 'data messages-table' }, element('thead', {}, header), body);
  const columnCount = 3 + extracted.length;
  let shown = 0;
  const more = element('button', { type: 'button', class: 'button show-more' });

  function addRows() {
    for (const row of messages.rows.slice(shown, shown + MESSAGE_PAGE)) {
      const toggle = element('button', { type: 'button', class: 'expand-toggle', 'aria-label': 'Show details',
        'aria-expanded': 'false' });
      const line = element('tr', { class: 'message-row' },
        element('td', { class: 'col-expand' }, toggle),
        element('td', { class: 'col-time mono' }, row[timeField] ? formatTime(Number(row[timeField]), timeZone,
          { milliseconds: true }) : ''),
        element('td', { class: 'col-message' }, element('div', { class: 'raw mono' }, row._raw ?? '')),
        extracted.map((name) => element('td', { class: 'col-field mono' }, row[name] ?? '')));
      let detail = null;
      line.addEventListener('click', (event) => {
        if (window.getSelection()?.toString()) return; // selecting text is not a click
        if (event.target.closest('a')) return;
        if (detail) {
          detail.remove();
          detail = null;
          line.classList.remove('expanded');
          toggle.setAttribute('aria-expanded', 'false');
          return;
        }
        detail = element('tr', { class: 'message-detail' },
          element('td', { colspan: columnCount }, messageDetail(row, names, timeZone)));
        line.after(detail);
        line.classList.add('expanded');
        toggle.setAttribute('aria-expanded', 'true');
      });
      body.append(line);
    }
    shown = Math.min(messages.rows.length, shown + MESSAGE_PAGE);
    more.hidden = shown >= messages.rows.length;
    more.textContent = `Show ${formatCount(Math.min(MESSAGE_PAGE, messages.rows.length - shown))} more`
      + ` (${formatCount(shown)} of ${formatCount(messages.rows.length)} shown)`;
  }
  more.addEventListener('click', addRows);
  addRows();
  const note = total > messages.rows.length
    ? element('div', { class: 'muted table-note' }, `The newest ${formatCount(messages.rows.length)} of `
      + `${formatCount(total)} messages are shown; narrow the query or the time range to see others.`)
    : null;
  container.append(element('div', { class: 'table-scroll' }, table), element('div', { class: 'table-footer' }, more, note));
}

function messageDetail(row, names, timeZone) {
  const json = prettyJson(row._raw);
  const fields = element('table', { class: 'field-table' }, element('tbody', {}, names.map((name) => {
    let value = row[name] ?? '';
    if ((name === '_messagetime' || name === '_receipttime') && isNumeric(value)) {
      value = `${formatTime(Number(value), timeZone, { milliseconds: true })}  (${value})`;
    }
    return name === '_raw' ? null : element('tr', {}, element('th', {}, name), element('td', { class: 'mono' }, value));
  })));
  return element('div', { class: 'message-detail-body' },
    element('div', { class: 'detail-section' }, element('div', { class: 'detail-heading' }, json ? 'JSON' : 'Raw message'),
      json ? jsonBlock(json) : element('pre', { class: 'json-view' }, row._raw ?? '')),
    element('div', { class: 'detail-section' }, element('div', { class: 'detail-heading' }, 'Fields'), fields));
}

/** The aggregates table, sortable by a click on a column header. `records` is `{fields, rows}`. */
export function renderRecordsTable(container, records, { timeZone }) {
  clear(container);
  if (records.rows.length === 0) {
    container.append(emptyState('No results', 'The aggregate produced no rows in this time range.'));
    return;
  }
  const names = records.fields.map((field) => field.name);
  const numeric = new Set(names.filter((name) => records.rows.every((row) => row[name] === undefined
    || row[name] === '' || isNumeric(row[name]))));
  let sortBy = null;
  let descending = true;
  const body = element('tbody');
  const headerRow = element('tr');
  const format = (name, value) => {
    if ((name === '_timeslice' || name === '_messagetime') && isNumeric(value)) {
      return formatTime(Number(value), timeZone, { seconds: false });
    }
    if (numeric.has(name) && isNumeric(value)) {
      const number = Number(value);
      return Number.isInteger(number) ? formatCount(number)
        : number.toLocaleString('en-US', { maximumFractionDigits: 3 });
    }
    return value ?? '';
  };
  function drawBody() {
    clear(body);
    const rows = [...records.rows];
    if (sortBy !== null) {
      rows.sort((a, b) => {
        const left = a[sortBy] ?? '';
        const right = b[sortBy] ?? '';
        const order = numeric.has(sortBy) ? Number(left) - Number(right)
          : String(left).localeCompare(String(right), undefined, { numeric: true });
        return descending ? -order : order;
      });
    }
    for (const row of rows) {
      body.append(element('tr', {}, names.map((name) => element('td', {
        class: numeric.has(name) ? 'numeric mono' : 'mono' }, format(name, row[name])))));
    }
    clear(headerRow);
    names.forEach((name) => headerRow.append(element('th', {
      class: (numeric.has(name) ? 'numeric ' : '') + 'sortable' + (sortBy === name ? ' sorted' : ''),
      title: 'Sort by ' + name,
      onclick: () => {
        descending = sortBy === name ? !descending : numeric.has(name);
        sortBy = name;
        drawBody();
      },
    }, name, sortBy === name ? element('span', { class: 'sort-mark' }, descending ? ' ▼' : ' ▲') : null)));
  }
  drawBody();
  container.append(element('div', { class: 'table-scroll' },
    element('table', { class: 'data records-table' }, element('thead', {}, headerRow), body)));
}

/** A centered empty or informational state. */
export function emptyState(title, text, ...extra) {
  return element('div', { class: 'empty-state' },
    element('div', { class: 'empty-icon', 'aria-hidden': 'true' }),
    element('div', { class: 'empty-title' }, title),
    text ? element('div', { class: 'empty-text' }, text) : null,
    extra);
}

function csvCell(value) {
  const text = String(value ?? '');
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text of `{fields, rows}` (every field, in order), RFC 4180. */
export function toCsv(table) {
  const names = table.fields.map((field) => field.name);
  const lines = [names.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(names.map((name) => csvCell(row[name])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Offers `text` as a file download. */
export function download(fileName, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = element('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
