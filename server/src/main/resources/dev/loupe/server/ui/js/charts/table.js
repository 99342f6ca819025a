/**
 * Tables of rows (HTML, not canvas: text stays selectable and readable). See index.js for the spec.
 */
import { element } from '../core/dom.js';
import { formatFullNumber, formatTime, isNumeric } from './format.js';

const TIME_COLUMNS = new Set(['_timeslice', '_messagetime', '_receipttime']);
const IDENTIFIER = /(^|_)id$|id$|account|^ip$|_ip$|port|code$|year/i;

export function renderTable(container, spec) {
  const columns = spec.columns ?? [];
  const rows = spec.rows ?? [];
  const numeric = columns.map((column, index) => !TIME_COLUMNS.has(column.toLowerCase())
    && rows.length > 0 && rows.every((row) => row[index] === null || row[index] === '' || isNumeric(row[index])));
  // Identifiers (account ids, codes, ports) are numbers but not quantities: shown as they are, left-aligned.
  const identifier = columns.map((column, index) => IDENTIFIER.test(column)
    || rows.some((row) => /^\d{9,}$/.test(String(row[index] ?? ''))));
  identifier.forEach((isIdentifier, index) => { if (isIdentifier) numeric[index] = false; });
  const table = element('table', { class: 'data chart-table' },
    element('thead', {}, element('tr', {}, columns.map((column, index) =>
      element('th', { class: numeric[index] ? 'numeric' : null, title: column }, spec.headers?.[index] ?? column)))),
    element('tbody', {}, rows.map((row) => element('tr', {}, row.map((value, index) => {
      const column = columns[index].toLowerCase();
      let text = value ?? '';
      if (TIME_COLUMNS.has(column) && isNumeric(value)) text = formatTime(Number(value));
      else if (numeric[index] && value !== '' && value !== null) text = formatFullNumber(Number(value), spec.rounding);
      return element('td', { class: numeric[index] ? 'numeric' : null, title: String(value ?? '') }, text);
    })))));
  const wrapper = element('div', { class: 'chart-table-wrapper' }, table);
  container.append(wrapper);
  return { dispose: () => wrapper.remove(), resize: () => {} };
}
