/**
 * Query history in localStorage: the newest first, one entry per distinct query text (running a query again moves
 * it to the top with its latest time range), at most 50 per kind (`logs`, `metrics`).
 */
const LIMIT = 50;

function key(kind) {
  return `loupe.history.${kind}`;
}

/** The entries `{query, from, to, timeZone, at}` of a kind, newest first. */
export function readHistory(kind = 'logs') {
  try {
    const entries = JSON.parse(localStorage.getItem(key(kind)) ?? '[]');
    return Array.isArray(entries) ? entries.filter((entry) => typeof entry?.query === 'string') : [];
  } catch {
    return [];
  }
}

/** Records a query that was run. */
export function remember(kind, entry) {
  const query = String(entry.query ?? '').trim();
  if (!query) return;
  const entries = readHistory(kind).filter((candidate) => candidate.query.trim() !== query);
  entries.unshift({ ...entry, query, at: Date.now() });
  try {
    localStorage.setItem(key(kind), JSON.stringify(entries.slice(0, LIMIT)));
  } catch {
    // storage full or disabled: history is a convenience
  }
}

/** Forgets every entry of a kind. */
export function clearHistory(kind = 'logs') {
  localStorage.removeItem(key(kind));
}
