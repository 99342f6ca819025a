/**
 * Runs dashboard queries through the shared core runners, retrying when the server asks to slow down (429
 * `rate.limit.exceeded` with Retry-After: a dashboard starts many searches at once).
 */
import { runLogSearch } from '../core/log-search.js';
import { runMetricsQueries } from '../core/metrics-query.js';
import { pause } from '../core/pause.js';

const ATTEMPTS = 6;

async function retrying(run, signal) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (error?.status !== 429 || attempt >= ATTEMPTS || signal?.aborted) throw error;
      await pause(400 * attempt + Math.random() * 300, signal);
    }
  }
}

/**
 * A log search's aggregate records (`{fields, rows}`) over `[from, to)` (timeslices in `timeZone`, default the
 * browser's); messages are not fetched.
 */
export async function searchRecords(query, fromMillis, toMillis, signal, timeZone = undefined) {
  const result = await retrying(() => runLogSearch(query, fromMillis, toMillis,
    { signal, messageLimit: 0, recordLimit: 10_000, ...(timeZone ? { timeZone } : {}) }), signal);
  return result.records;
}

/** Metrics rows `[{rowId, query, quantization?}]` over `[from, to)`; the API's `queryResult` list. */
export function metricsResults(rows, fromMillis, toMillis, signal) {
  return retrying(() => runMetricsQueries(rows, fromMillis, toMillis, { signal }), signal);
}

/**
 * Runs tasks with at most `limit` at once, in the order they were added. `run(task)` returns a promise;
 * `clear()` drops the tasks not started yet.
 */
export class TaskQueue {
  constructor(limit) {
    this.limit = limit;
    this.running = 0;
    this.waiting = [];
  }

  run(task) {
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      this.next();
    });
  }

  next() {
    while (this.running < this.limit && this.waiting.length > 0) {
      const { task, resolve, reject } = this.waiting.shift();
      this.running++;
      Promise.resolve().then(task).then(resolve, reject).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  clear() {
    const dropped = this.waiting.splice(0);
    for (const entry of dropped) entry.reject(new DOMException('aborted', 'AbortError'));
  }
}
