/**
 * Runs a log search through the Search Job API, as Sumo's own UI does: create the job, poll its status until it is
 * done (reporting progress), then page its records and/or messages. Aborting the signal deletes the job.
 */
import { api, ApiError } from './api.js';
import { pause } from './pause.js';

const JOBS = '/api/v1/search/jobs';
const PAGE_SIZE = 10_000;
const DONE = 'DONE GATHERING RESULTS';

async function pages(path, kind, total, limit, signal) {
  const fields = [];
  const rows = [];
  for (let offset = 0; offset < Math.min(total, limit); offset += PAGE_SIZE) {
    const size = Math.min(PAGE_SIZE, limit - offset);
    const page = await api.get(`${path}/${kind}?offset=${offset}&limit=${size}`, { signal });
    if (fields.length === 0) fields.push(...page.fields);
    rows.push(...page[kind].map((row) => row.map));
  }
  return { fields, rows };
}

/**
 * Runs `query` over `[fromMillis, toMillis)`. Options: `timeZone` (IANA name), `byReceiptTime`, `signal`,
 * `onCreated(jobId)` once the job exists, `onProgress(status)` after each poll (its `histogramBuckets` are the
 * increments since the previous poll: add them up), `messageLimit` (0 skips messages) and `recordLimit`.
 * Resolves to `{status, records: {fields, rows}, messages: {fields, rows}}` where rows are field-name → string
 * maps; rejects with an ApiError whose message is the search's errors and whose `body` is the status, where
 * `body.pendingErrorDetails[i]` has `{message, code, line, column, start, end}` (line and column 1-based, start
 * and end 0-based character offsets) for an error in the query text. Aborting deletes the job, also when the abort
 * comes while the job is being created.
 */
export async function runLogSearch(query, fromMillis, toMillis, options = {}) {
  const { signal, onProgress, onCreated, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
    byReceiptTime = false, messageLimit = 1000, recordLimit = 10_000 } = options;
  signal?.throwIfAborted();
  // Not aborted by the signal: an abort during the create would leave a job nobody deletes.
  const created = await api.post(JOBS, { query, from: fromMillis, to: toMillis, timeZone, byReceiptTime });
  const path = `${JOBS}/${encodeURIComponent(created.id)}`;
  const deleteJob = () => api.delete(path).catch(() => {});
  if (signal?.aborted) {
    await deleteJob();
    throw new DOMException('aborted', 'AbortError');
  }
  onCreated?.(created.id);
  signal?.addEventListener('abort', deleteJob, { once: true });
  try {
    let wait = 100;
    let status;
    for (;;) {
      status = await api.get(path, { signal });
      const errors = status.pendingErrors ?? [];
      if (errors.length > 0) throw new ApiError(400, 'search.error', errors.join('; '), status);
      onProgress?.(status);
      if (status.state === DONE) break;
      if (status.state === 'CANCELLED') throw new ApiError(410, 'search.cancelled', 'the search was cancelled', status);
      await pause(wait, signal);
      wait = Math.min(wait * 2, 1000);
    }
    const records = status.recordCount > 0
      ? await pages(path, 'records', status.recordCount, recordLimit, signal) : { fields: [], rows: [] };
    const messages = messageLimit > 0 && status.messageCount > 0
      ? await pages(path, 'messages', status.messageCount, messageLimit, signal) : { fields: [], rows: [] };
    return { status, records, messages };
  } finally {
    signal?.removeEventListener('abort', deleteJob);
    if (!signal?.aborted) deleteJob();
  }
}
