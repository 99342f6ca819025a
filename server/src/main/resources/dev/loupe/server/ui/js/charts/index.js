/**
 * Loupe's chart renderers, shared by dashboards and the search page.
 *
 *   import { renderChart } from '../charts/index.js';
 *   const chart = renderChart(container, spec);   // container: an element with a size (CSS height!)
 *   await chart.ready;                             // resolves once drawn (the map waits for its shapes)
 *   chart.dispose();                               // when the page or panel goes away
 *
 * `renderChart` empties nothing: give it an empty container. It resizes itself with the container
 * (ResizeObserver). Every spec has a `kind`; the other fields depend on it:
 *
 *   line | area | column   time series on a time axis
 *       series: [{name, points: [[epochMillis, number|null], ...], color?, lineType?: 'solid'|'dashed'|'dotted',
 *                 kind?: 'line'|'area'|'column' (per-series override), opacity?}]
 *       stacked?: boolean (default true for column, false otherwise), yAxisTitle?, legend?: false,
 *       lineWidth?: number, from?/to?: epoch millis (fix the x axis to the query range), yMin?
 *   pie                     slices: [{name, value, color?}], innerRadius?: '50%' (a donut), startAngle?: degrees
 *                           (Sumo's: 270 = start at the top), maxSlices?: 10 (the rest become "Other"),
 *                           legend?: true (else labels beside the slices)
 *   table                   columns: [name], rows: [[cell]], headers?: [label], rounding?
 *                           (`_timeslice`/`_messagetime` cells in epoch millis are shown as times)
 *   single                  value: number|null, label?, rounding?: decimals, unit?, reduction?: 'Sum'|'Average'|
 *                           'Maximum'|'Minimum'|'Latest' (shown under the value), thresholds?: [{from,to,color}],
 *                           noData?: text
 *   honeycomb               cells: [{name, value}], thresholds: [{from, to, color}] (from inclusive, to exclusive,
 *                           null = open), rounding?
 *   map                     points: [{latitude, longitude, value, label}], color?
 *
 * Turning results into specs (./data.js): `metricsToSeries(queryResult, {names: {A: '{{apiname}}'}})` for the
 * Metrics Query API; for log search records (`runLogSearch(...).records`): `recordsToTimeSeries(records)` (needs
 * `_timeslice`), `recordsToSlices`, `recordsToPoints` (needs latitude/longitude), `recordsToTable`;
 * `reduceValues(values, 'Sum')` (./single-value.js) for single values; `fillTemplate('{{apiname}}', tags)`.
 * `chooseRecordsSpec(records, preferred)` picks a sensible spec for any aggregate.
 */
import { timeSeriesOption } from './time-series.js';
import { pieOption } from './pie.js';
import { renderTable } from './table.js';
import { renderSingleValue } from './single-value.js';
import { renderHoneycomb } from './honeycomb.js';
import { worldMapOption, worldMapReady } from './world-map.js';
import { renderLegend } from './legend.js';
import { seriesColor } from './format.js';
import { recordsToTimeSeries, recordsToSlices, recordsToPoints, recordsToTable } from './data.js';

export { metricsToSeries, recordsToTimeSeries, recordsToSlices, recordsToPoints, recordsToTable, fillTemplate }
  from './data.js';
export { reduceValues } from './single-value.js';
export { thresholdColor } from './honeycomb.js';
export { PALETTE, seriesColor, formatNumber, formatFullNumber, formatTime } from './format.js';

const ECHARTS_KINDS = new Set(['line', 'area', 'column', 'pie', 'map']);

/** Draws `spec` into `container`; returns `{ready: Promise, resize(), dispose()}`. */
export function renderChart(container, spec) {
  if (!ECHARTS_KINDS.has(spec.kind)) {
    const draw = { table: renderTable, single: renderSingleValue, honeycomb: renderHoneycomb }[spec.kind];
    if (!draw) throw new Error(`unknown chart kind "${spec.kind}"`);
    const handle = draw(container, spec);
    const observer = new ResizeObserver(() => handle.resize());
    observer.observe(container);
    return { ready: Promise.resolve(), resize: handle.resize,
      dispose: () => { observer.disconnect(); handle.dispose(); } };
  }
  const host = document.createElement('div');
  host.className = 'chart-canvas';
  let chart = null;
  let legend = null;
  const timeSeries = spec.kind === 'line' || spec.kind === 'area' || spec.kind === 'column';
  if (timeSeries) {
    spec.series?.forEach((entry, index) => { entry.color = entry.color ?? seriesColor(index); });
  }
  if (timeSeries && spec.legend !== false && (spec.series?.length ?? 0) > 0) {
    legend = renderLegend(() => chart, spec.series.map((entry) => ({ name: entry.name, color: entry.color,
      lineType: entry.lineType })));
    const frame = document.createElement('div');
    frame.className = 'chart-frame';
    frame.append(host, legend);
    container.append(frame);
  } else {
    container.append(host);
  }
  let disposed = false;
  const observer = new ResizeObserver(() => chart?.resize());
  const draw = () => {
    if (disposed) return;
    chart = echarts.init(host, null, { renderer: 'canvas' });
    const width = host.clientWidth;
    const height = host.clientHeight;
    const option = spec.kind === 'pie' ? pieOption(spec, width, height)
      : spec.kind === 'map' ? worldMapOption(spec) : timeSeriesOption(spec, width);
    chart.setOption(option);
    observer.observe(host);
  };
  const ready = spec.kind === 'map' ? worldMapReady().then(draw) : Promise.resolve().then(draw);
  return {
    ready,
    resize: () => chart?.resize(),
    dispose: () => {
      disposed = true;
      observer.disconnect();
      chart?.dispose();
      (legend ? host.parentElement : host).remove();
    },
  };
}

/**
 * A spec for a log search aggregate: `preferred` is a kind ('line', 'column', 'pie', 'table', 'map', ...) or
 * null to choose (a map for latitude/longitude, a column chart for `_timeslice`, else a table). Returns
 * `{spec, empty}`.
 */
export function chooseRecordsSpec(records, preferred = null) {
  const names = (records.fields ?? []).map((field) => field.name.toLowerCase());
  let kind = preferred;
  if (!kind) {
    if (names.includes('latitude') && names.includes('longitude')) kind = 'map';
    else if (names.includes('_timeslice')) kind = 'column';
    else kind = 'table';
  }
  switch (kind) {
    case 'line': case 'area': case 'column': {
      const series = recordsToTimeSeries(records, { fillZero: kind === 'column' });
      return { spec: { kind, series }, empty: series.length === 0 };
    }
    case 'pie': {
      const slices = recordsToSlices(records);
      return { spec: { kind, slices, innerRadius: '50%', startAngle: 270 }, empty: slices.length === 0 };
    }
    case 'map': {
      const points = recordsToPoints(records);
      return { spec: { kind, points }, empty: points.length === 0 };
    }
    default: {
      const table = recordsToTable(records);
      return { spec: { kind: 'table', ...table }, empty: table.rows.length === 0 };
    }
  }
}
