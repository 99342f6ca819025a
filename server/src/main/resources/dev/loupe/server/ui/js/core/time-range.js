/**
 * Time ranges as Sumo writes them: relative offsets (`-15m`, `-1h`, `-24h`, `-7d`, `-1w`, `now`), epoch
 * milliseconds, or ISO 8601 instants. A range is `{from, to}` of such strings; `resolveRange` turns it into
 * epoch milliseconds against a clock.
 */
const UNIT_MILLISECONDS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Presets offered by every time picker. */
export const PRESETS = [
  { label: 'Last 15 minutes', from: '-15m' },
  { label: 'Last 60 minutes', from: '-60m' },
  { label: 'Last 3 hours', from: '-3h' },
  { label: 'Last 24 hours', from: '-24h' },
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

/** A short human label: the preset's name, or the two boundaries. */
export function describeRange(range) {
  const preset = PRESETS.find((candidate) => candidate.from === range.from && (range.to ?? 'now') === 'now');
  if (preset) return preset.label;
  return `${range.from} to ${range.to ?? 'now'}`;
}
