/**
 * Time ranges as Sumo writes them: relative offsets (`-15m`, `-1h`, `-24h`, `-7d`, `-1w`, `now`), epoch
 * milliseconds, or ISO 8601 instants. A range is `{from, to}` of such strings; `resolveRange` turns it into
 * epoch milliseconds against a clock.
 */
const UNIT_MILLISECONDS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Presets offered by every time picker. */
export const PRESETS = [
  { label: 'Last 5 minutes', from: '-5m' },
  { label: 'Last 15 minutes', from: '-15m' },
  { label: 'Last 60 minutes', from: '-60m' },
  { label: 'Last 3 hours', from: '-3h' },
  { label: 'Last 6 hours', from: '-6h' },
  { label: 'Last 12 hours', from: '-12h' },
  { label: 'Last 24 hours', from: '-24h' },
  { label: 'Last 3 days', from: '-3d' },
  { label: 'Last 7 days', from: '-7d' },
  { label: 'Last 8 days', from: '-8d' },
];

/**
 * Epoch milliseconds of one boundary, or throws an Error naming what is wrong. Relative offsets may chain
 * (`-1d2h`).
 */
export function resolveBoundary(text, nowMillis = Date.now()) {
  const value = String(text ?? '').trim();
  if (value === '' || value === 'now') return nowMillis;
  if (/^-?\d{10,}$/.test(value)) return Number(value);
  const relative = /^-((\d+[smhdw])+)$/.exec(value);
  if (relative) {
    let offset = 0;
    for (const [, amount, unit] of relative[1].matchAll(/(\d+)([smhdw])/g)) {
      offset += Number(amount) * UNIT_MILLISECONDS[unit];
    }
    return nowMillis - offset;
  }
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new Error(`"${value}" is not a time: use -15m, -1h, -7d, now, epoch milliseconds or an ISO 8601 date`);
  }
  return parsed;
}

/** `{fromMillis, toMillis}` of a range; throws when the start is not before the end. */
export function resolveRange(range, nowMillis = Date.now()) {
  const fromMillis = resolveBoundary(range.from, nowMillis);
  const toMillis = resolveBoundary(range.to ?? 'now', nowMillis);
  if (fromMillis >= toMillis) throw new Error('the start of the time range must be before its end');
  return { fromMillis, toMillis };
}

/** The browser's own IANA time zone. */
export function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether `zone` is an IANA time zone name this browser knows. */
export function isTimeZone(zone) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function zoneParts(millis, zone) {
  const parts = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', second: '2-digit',
  });
  for (const part of format.formatToParts(new Date(millis))) parts[part.type] = part.value;
  return parts;
}

/** The offset of `zone` from UTC at an instant, in milliseconds (e.g. +3_600_000 for Paris in winter). */
export function zoneOffsetMillis(millis, zone) {
  const parts = zoneParts(millis, zone);
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour),
    Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(millis / 1000) * 1000;
}

/**
 * Epoch milliseconds of a wall-clock time (`YYYY-MM-DDTHH:mm[:ss]`, as an `<input type=datetime-local>` gives) read
 * in an IANA time zone; throws for text that is not such a time.
 */
export function wallTimeToMillis(text, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(String(text ?? '').trim());
  if (!match) throw new Error(`"${text}" is not a date and time (YYYY-MM-DD HH:mm)`);
  const [, year, month, day, hour, minute, second] = match.map((value) => (value === undefined ? 0 : Number(value)));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second ?? 0);
  // Two rounds find the offset in force at the wall time itself (right across daylight-saving changes).
  let millis = asUtc - zoneOffsetMillis(asUtc, zone);
  millis = asUtc - zoneOffsetMillis(millis, zone);
  return millis;
}

/** `YYYY-MM-DDTHH:mm` of an instant in an IANA time zone (the value format of `datetime-local` inputs). */
export function millisToWallTime(millis, zone) {
  const parts = zoneParts(millis, zone);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A readable date and time of an instant in a time zone: `2026-11-24 14:05:09` (seconds optional). */
export function formatTime(millis, zone, { seconds = true, milliseconds = false } = {}) {
  const parts = zoneParts(millis, zone);
  let text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  if (seconds) text += `:${parts.second}`;
  if (milliseconds) text += '.' + String(((millis % 1000) + 1000) % 1000).padStart(3, '0');
  return text;
}

/** Whether a boundary is relative to now (`-15m`, `now`, empty) rather than a fixed instant. */
export function isRelativeBoundary(text) {
  const value = String(text ?? '').trim();
  return value === '' || value === 'now' || /^-(\d+[smhdw])+$/.test(value);
}

/**
 * A short human label: the preset's name, `-2h to now` for other relative ranges, or the two instants in
 * `timeZone` (default: the browser's).
 */
export function describeRange(range, timeZone = browserTimeZone()) {
  const preset = PRESETS.find((candidate) => candidate.from === range.from && (range.to ?? 'now') === 'now');
  if (preset) return preset.label;
  const single = /^-(\d+)([smhdw])$/.exec(String(range.from ?? '').trim());
  if (single && (range.to ?? 'now') === 'now') {
    const amount = Number(single[1]);
    const unit = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week' }[single[2]];
    return amount === 1 ? `Last ${unit}` : `Last ${amount} ${unit}s`;
  }
  const describe = (boundary) => {
    if (isRelativeBoundary(boundary)) return String(boundary ?? '').trim() || 'now';
    try {
      return formatTime(resolveBoundary(boundary), timeZone, { seconds: false });
    } catch {
      return String(boundary);
    }
  };
  return `${describe(range.from)} to ${describe(range.to ?? 'now')}`;
}
