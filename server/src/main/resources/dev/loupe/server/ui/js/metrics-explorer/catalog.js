/**
 * What metrics exist, from `GET /api/v1/metrics/catalog`: metric names and the dimension keys and values of the
 * series with points in a time range, optionally narrowed by `key=value` matches. Answers are cached per range
 * (rounded to the minute) and matches.
 */
import { api } from '../core/api.js';

const cache = new Map();

/**
 * `{seriesCount, dimensions: [{key, valueCount, values}]}` of the series in `[fromMillis, toMillis)` matching every
 * `matches` entry (`{key: pattern}`).
 */
export function loadCatalog(fromMillis, toMillis, matches = {}, options = {}) {
  const parameters = new URLSearchParams({ from: String(Math.floor(fromMillis / 60_000) * 60_000),
    to: String(Math.ceil(toMillis / 60_000) * 60_000) });
  for (const [key, pattern] of Object.entries(matches)) parameters.append('match', `${key}=${pattern}`);
  const url = `/api/v1/metrics/catalog?${parameters}`;
  if (!cache.has(url)) {
    const pending = api.get(url, { signal: options.signal });
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return cache.get(url);
}

/** The values of one dimension key of a catalog (matching ignoring case), or []. */
export function dimensionValues(catalog, key) {
  const lower = key.toLowerCase();
  return catalog?.dimensions.find((dimension) => dimension.key.toLowerCase() === lower)?.values ?? [];
}
