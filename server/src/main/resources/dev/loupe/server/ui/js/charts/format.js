/**
 * Colours and number/time formatting shared by every chart renderer, so panels and search results look alike.
 */

/** The series palette (Sumo's `scheme9` family, tuned for a white panel): distinct hues, readable on white. */
export const PALETTE = ['#2e7bd6', '#f29d38', '#3cb49a', '#8e63d1', '#e5534b', '#27a9c9', '#d6569b', '#7fb03a',
  '#b8864b', '#5a6fd6', '#e0b52e', '#6b7a8f'];

/** The colour of the `index`th series. */
export function seriesColor(index) {
  return PALETTE[index % PALETTE.length];
}

const COMPACT = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** A number for an axis or a legend: compact (`12.3K`) from ten thousand up, else up to 2 decimals. */
export function formatNumber(value, rounding) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (typeof value !== 'number') return String(value);
  if (Math.abs(value) >= 10_000) return COMPACT.format(value);
  const digits = rounding ?? (Number.isInteger(value) ? 0 : 2);
  return value.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A full number (`1,234,567`), rounded to `rounding` decimals (default: up to 2). */
export function formatFullNumber(value, rounding) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (typeof value !== 'number') return String(value);
  return value.toLocaleString(undefined, { maximumFractionDigits: rounding ?? 2, minimumFractionDigits: 0 });
}

const TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  second: '2-digit', hour12: false });

/** Epoch milliseconds as `Nov 25, 14:05:00` in the browser's time zone. */
export function formatTime(millis) {
  return TIME.format(new Date(Number(millis)));
}

/** Whether a string is a plain number. */
export function isNumeric(text) {
  return text !== null && text !== undefined && text !== '' && !Number.isNaN(Number(text));
}

/** Shortens text to `length` characters with an ellipsis. */
export function truncate(text, length) {
  const value = String(text ?? '');
  return value.length > length ? value.slice(0, length - 1) + '…' : value;
}
