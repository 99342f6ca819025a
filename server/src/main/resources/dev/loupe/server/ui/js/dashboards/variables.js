/**
 * Dashboard variables (Sumo's MetadataVariableSourceDefinition): the values of metadata key `key` among the data
 * matching `filter`, where the filter may refer to upstream variables (account → region → namespace → apiname).
 * Values come from the metric series (`<filter> <key>=* | count by <key>`) when the dashboard has metrics
 * panels and from the logs (the same as a log search) when it has log panels, over the dashboard's time range.
 * Other source types (CSV, log query) are read too: CsvVariableSourceDefinition `values`, and
 * LogQueryVariableSourceDefinition `query` + `field`.
 */
import { substitute } from './model.js';
import { searchRecords, metricsResults } from './queries.js';

const MAX_VALUES = 1000;

/** The sorted distinct values of a variable given the current values of the others. */
export async function variableValues(variable, values, range, sources, signal) {
  const source = variable.source ?? {};
  switch (source.variableSourceType) {
    case 'CsvVariableSourceDefinition':
      return String(source.values ?? '').split(',').map((value) => value.trim()).filter(Boolean);
    case 'LogQueryVariableSourceDefinition': {
      const records = await searchRecords(substitute(source.query ?? '', values), range.fromMillis, range.toMillis,
        signal);
      return distinct(records.rows.map((row) => row[source.field] ?? row[String(source.field).toLowerCase()]));
    }
    default:
      return metadataValues(source, values, range, sources, signal);
  }
}

async function metadataValues(source, values, range, sources, signal) {
  const key = source.key;
  if (!key) return [];
  const filter = substitute(source.filter ?? '', values).trim();
  const found = [];
  const work = [];
  if (sources.metrics) {
    const query = `${filter} ${key}=* | count by ${key}`.trim();
    work.push(metricsResults([{ rowId: 'A', query, quantization: Math.max(60_000, range.toMillis - range.fromMillis) }],
      range.fromMillis, range.toMillis, signal).then((results) => {
      for (const result of results) {
        for (const series of result.timeSeriesList?.timeSeries ?? []) {
          const dimensions = series.metricDefinition?.dimensions ?? {};
          const match = Object.keys(dimensions).find((name) => name.toLowerCase() === key.toLowerCase());
          if (match) found.push(dimensions[match]);
        }
      }
    }));
  }
  if (sources.logs) {
    const query = `${filter} ${key}=* | count by ${key} | sort by _count | limit ${MAX_VALUES}`;
    work.push(searchRecords(query, range.fromMillis, range.toMillis, signal).then((records) => {
      const field = (records.fields ?? []).find((candidate) => candidate.name.toLowerCase() === key.toLowerCase());
      if (field) found.push(...records.rows.map((row) => row[field.name]));
    }));
  }
  await Promise.all(work);
  return distinct(found);
}

function distinct(values) {
  return [...new Set(values.filter((value) => value !== null && value !== undefined && value !== ''))]
    .sort((left, right) => String(left).localeCompare(String(right))).slice(0, MAX_VALUES);
}
