/**
 * Runs metrics queries through the Metrics Query API (`POST /api/v1/metricsQueries`).
 */
import { api, ApiError } from './api.js';

/**
 * Runs rows `[{rowId, query}]` over `[fromMillis, toMillis)`; resolves to the API's `queryResult` list
 * (`{rowId, timeSeriesList: {timeSeries: [{metricDefinition: {metric, dimensions}, points: {timestamps, values}}]}}`).
 * Rejects with an ApiError carrying the first row error.
 */
export async function runMetricsQueries(rows, fromMillis, toMillis, options = {}) {
  const body = {
    queries: rows.map((row) => ({ rowId: row.rowId, query: row.query, quantization: row.quantization })),
    timeRange: {
      type: 'BeginBoundedTimeRange',
      from: { type: 'EpochTimeRangeBoundary', epochMillis: fromMillis },
      to: { type: 'EpochTimeRangeBoundary', epochMillis: toMillis },
    },
  };
  const response = await api.post('/api/v1/metricsQueries', body, { signal: options.signal });
  const errors = response.errors?.errors ?? [];
  if (errors.length > 0) throw new ApiError(400, errors[0].code, errors[0].message, response);
  return response.queryResult ?? [];
}
