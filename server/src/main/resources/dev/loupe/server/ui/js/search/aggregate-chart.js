/**
 * The ways the search page can show an aggregate: a table, or a line, column, pie or map chart drawn by the shared
 * chart renderers (js/charts/index.js). Each view says whether it fits the records (time series need
 * `_timeslice`, a map needs latitude and longitude, a pie a category and a number) and why not.
 */
let charts = null;
try {
  charts = await import('../charts/index.js');
} catch (failure) {
  console.warn('chart renderers are not available; aggregates are shown as tables', failure);
}

function isNumeric(text) {
  return text !== null && text !== undefined && text !== '' && Number.isFinite(Number(text));
}

function shape(records) {
  const names = records.fields.map((field) => field.name);
  const numeric = names.filter((name) => name !== '_timeslice' && records.rows.length > 0
    && records.rows.every((row) => row[name] === undefined || row[name] === '' || isNumeric(row[name])));
  const lower = names.map((name) => name.toLowerCase());
  return {
    hasTime: names.includes('_timeslice'),
    hasNumber: numeric.length > 0,
    hasCategory: names.some((name) => name !== '_timeslice' && !numeric.includes(name)),
    hasLocation: lower.includes('latitude') && lower.includes('longitude'),
  };
}

/**
 * The views of `records` (`{fields, rows}`): `[{name, label, available, reason, draw(container, timeZone) → handle}]`
 * where a handle has `dispose()`.
 */
export function aggregateViews(records) {
  const { hasTime, hasNumber, hasCategory, hasLocation } = shape(records);
  const missing = 'Charts are not available in this build';
  const view = (name, label, fits, reason, specOf) => ({
    name, label, available: charts !== null && fits, reason: charts === null ? missing : reason,
    draw: (container) => charts.renderChart(container, specOf()),
  });
  return [
    { name: 'table', label: 'Table', available: true, reason: '', draw: null },
    view('line', 'Line', hasTime && hasNumber, 'A line chart needs _timeslice and a number: | timeslice 1h | count by _timeslice',
      () => ({ kind: 'line', series: charts.recordsToTimeSeries(records) })),
    view('column', 'Column', hasTime && hasNumber,
      'A column chart needs _timeslice and a number: | timeslice 1h | count by _timeslice',
      () => ({ kind: 'column', series: charts.recordsToTimeSeries(records, { fillZero: true }) })),
    view('pie', 'Pie', hasNumber && hasCategory, 'A pie chart needs a category and a number: | count by field',
      () => ({ kind: 'pie', slices: charts.recordsToSlices(records), innerRadius: '45%' })),
    view('map', 'Map', hasLocation, 'A map needs latitude and longitude: | lookup latitude, longitude from geo://location on ip',
      () => ({ kind: 'map', points: charts.recordsToPoints(records) })),
  ];
}
