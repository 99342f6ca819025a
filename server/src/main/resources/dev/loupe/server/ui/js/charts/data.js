/**
 * Turns query results into chart specs (see index.js): metrics time series from the Metrics Query API, and log
 * search aggregates (records) into time series, slices, map points or a table.
 */
import { isNumeric } from './format.js';

/**
 * Fills a series-name template (`"Today, {{apiname}}"`) from a series' tags; keys match ignoring case, a key the
 * series lacks becomes empty. A template without `{{` is returned as it is.
 */
export function fillTemplate(template, dimensions) {
  const lower = {};
  for (const [key, value] of Object.entries(dimensions ?? {})) lower[key.toLowerCase()] = value;
  return String(template).replace(/\{\{\s*([^}]+?)\s*\}\}/g, (match, key) => lower[key.toLowerCase()] ?? '')
    .replace(/,\s*$/, '').trim();
}

/** Tag keys whose values differ between the series (what tells them apart in a legend), in first-seen order. */
function varyingKeys(seriesList) {
  const values = new Map();
  for (const series of seriesList) {
    for (const [key, value] of Object.entries(series.dimensions)) {
      if (!values.has(key)) values.set(key, new Set());
      values.get(key).add(value);
    }
  }
  const keys = [...values.keys()].filter((key) => values.get(key).size > 1
    || seriesList.some((series) => !(key in series.dimensions)));
  return (keys.length > 0 ? keys : [...values.keys()]).sort((left, right) => priority(left) - priority(right));
}

/** Legend order of tag keys: the most specific (API, route) first, the broad ones (account, namespace) last. */
const KEY_PRIORITY = ['apiname', 'method', 'resource', 'stage', 'metric', 'region', 'account', 'namespace'];
function priority(key) {
  const index = KEY_PRIORITY.indexOf(key.toLowerCase());
  return index < 0 ? KEY_PRIORITY.length / 2 : index;
}

/**
 * Metrics query results (`[{rowId, timeSeriesList: {timeSeries: [...]}}]`) as time series
 * `[{name, rowId, dimensions, points: [[millis, value]]}]`. `options.names` maps row ids to name templates;
 * without one a series is named by its distinguishing tag values (prefixed by its row id when several rows).
 */
export function metricsToSeries(queryResults, options = {}) {
  const all = [];
  for (const result of queryResults ?? []) {
    for (const timeSeries of result.timeSeriesList?.timeSeries ?? []) {
      const dimensions = { ...(timeSeries.metricDefinition?.dimensions ?? {}) };
      const { timestamps = [], values = [] } = timeSeries.points ?? {};
      all.push({ rowId: result.rowId, dimensions, metric: timeSeries.metricDefinition?.metric ?? '',
        points: timestamps.map((time, index) => [time, values[index] ?? null]) });
    }
  }
  const rows = new Set(all.map((series) => series.rowId));
  const keys = varyingKeys(all);
  for (const series of all) {
    const template = options.names?.[series.rowId];
    let name = template ? fillTemplate(template, series.dimensions) : '';
    if (!name) {
      name = keys.map((key) => series.dimensions[key]).filter((value) => value !== undefined && value !== '')
        .join(' · ') || series.metric || series.rowId;
      if (rows.size > 1 && !template) name = `${series.rowId}: ${name}`;
    }
    series.name = name;
  }
  // Names must tell series apart (a template without tags names them all alike): add the distinguishing tags.
  const counts = new Map();
  for (const series of all) counts.set(series.name, (counts.get(series.name) ?? 0) + 1);
  for (const series of all) {
    if (counts.get(series.name) > 1) {
      const detail = keys.map((key) => series.dimensions[key]).filter((value) => value !== undefined && value !== '');
      if (detail.length > 0) series.name = `${series.name} · ${detail.join(' · ')}`;
    }
  }
  return all;
}

function fieldNames(records) {
  return (records.fields ?? []).map((field) => field.name);
}

function numericFields(records, names) {
  return names.filter((name) => records.rows.length > 0 && records.rows.every((row) =>
    row[name] === undefined || row[name] === null || row[name] === '' || isNumeric(row[name])));
}

/** The value field of an aggregate: `_count`, else a field named like a count, else the last numeric field. */
function valueField(names, numeric) {
  return numeric.find((name) => name === '_count') ?? numeric.find((name) => /count|total|sum/i.test(name))
    ?? numeric[numeric.length - 1];
}

/**
 * Records with a `_timeslice` column as time series. With one category column and one value column the rows
 * are pivoted (one series per category); otherwise every numeric column is a series (the `transpose` shape).
 * Missing cells are 0 when `options.fillZero` (stacked columns), else gaps.
 */
export function recordsToTimeSeries(records, options = {}) {
  const names = fieldNames(records);
  const time = names.find((name) => name.toLowerCase() === '_timeslice');
  if (!time) return [];
  const others = names.filter((name) => name !== time);
  const numeric = numericFields(records, others);
  const categories = others.filter((name) => !numeric.includes(name));
  const missing = options.fillZero ? 0 : null;
  const series = new Map();
  const add = (name, millis, value) => {
    if (!series.has(name)) series.set(name, new Map());
    series.get(name).set(millis, value);
  };
  const times = new Set();
  for (const row of records.rows) {
    const millis = Number(row[time]);
    times.add(millis);
    if (categories.length > 0 && numeric.length > 0) {
      const value = valueField(others, numeric);
      add(categories.map((name) => row[name] ?? '').join(' · '), millis, Number(row[value]));
    } else {
      for (const name of numeric) {
        if (row[name] !== '' && row[name] !== null && row[name] !== undefined) add(name, millis, Number(row[name]));
      }
    }
  }
  const sortedTimes = [...times].sort((left, right) => left - right);
  return [...series.entries()].map(([name, values]) => ({ name,
    points: sortedTimes.map((millis) => [millis, values.has(millis) ? values.get(millis) : missing]) }));
}

/** Records as pie slices `[{name, value}]`: category columns joined, the value column summed per category. */
export function recordsToSlices(records) {
  const names = fieldNames(records);
  const numeric = numericFields(records, names);
  const value = valueField(names, numeric);
  const categories = names.filter((name) => name !== value && !numeric.includes(name));
  const totals = new Map();
  for (const row of records.rows) {
    const name = categories.map((category) => row[category] || '(empty)').join(' · ') || value;
    totals.set(name, (totals.get(name) ?? 0) + Number(row[value] ?? 0));
  }
  return [...totals.entries()].map(([name, total]) => ({ name, value: total }));
}

/** Records with `latitude` and `longitude` as map points `[{latitude, longitude, value, label}]`. */
export function recordsToPoints(records) {
  const names = fieldNames(records);
  const latitude = names.find((name) => name.toLowerCase() === 'latitude');
  const longitude = names.find((name) => name.toLowerCase() === 'longitude');
  if (!latitude || !longitude) return [];
  const numeric = numericFields(records, names).filter((name) => name !== latitude && name !== longitude);
  const value = valueField(names, numeric);
  const labels = names.filter((name) => name !== latitude && name !== longitude && name !== value);
  return records.rows.filter((row) => isNumeric(row[latitude]) && isNumeric(row[longitude])).map((row) => ({
    latitude: Number(row[latitude]), longitude: Number(row[longitude]), value: value ? Number(row[value] ?? 1) : 1,
    label: labels.map((name) => row[name]).filter(Boolean).join(' · '),
  }));
}

/** Records as a table spec `{columns, rows}`, columns in the search's order. */
export function recordsToTable(records) {
  const names = fieldNames(records);
  return { columns: names, rows: records.rows.map((row) => names.map((name) => row[name] ?? '')) };
}
