/**
 * What a dashboard panel draws: runs its queries (variables substituted) and turns the results into a chart spec
 * for js/charts, following the panel's visual settings (series names, colours, reductions, thresholds).
 */
import { metricsToSeries, recordsToTimeSeries, recordsToSlices, recordsToPoints, recordsToTable, reduceValues,
  seriesColor } from '../charts/index.js';
import { searchRecords, metricsResults } from './queries.js';
import { substitute } from './model.js';

const OVERLAY_LINE_TYPES = { A: 'solid', B: 'dashed', C: 'dotted' };

/** Series-name templates by query key, and colours by series name, from the panel's overrides. */
function overrides(settings) {
  const names = {};
  const colors = {};
  for (const override of settings.overrides ?? []) {
    const properties = override.properties ?? {};
    for (const key of override.queries ?? []) {
      if (properties.name) names[key] = properties.name;
    }
    for (const series of override.series ?? []) {
      if (properties.color) colors[series.toLowerCase()] = properties.color;
    }
  }
  return { names, colors };
}

/** The query text of each query of a panel, variables substituted. */
export function panelQueries(panel, values) {
  return panel.queries.map((query) => ({ key: query.queryKey ?? 'A', type: query.queryType ?? 'Logs',
    text: substitute(query.queryString, values) }));
}

/**
 * Loads a panel: resolves to `{spec, empty}` (a js/charts spec, and whether there was nothing to draw).
 * Rejects with the search's or the API's error (an ApiError) or an AbortError.
 */
export async function loadPanel(panel, values, range, signal) {
  const queries = panelQueries(panel, values);
  const metrics = queries.filter((query) => query.type === 'Metrics');
  const logs = queries.filter((query) => query.type !== 'Metrics');
  const settings = panel.settings;
  const { names, colors } = overrides(settings);
  if (metrics.length > 0) {
    const results = await metricsResults(metrics.map((query) => ({ rowId: query.key, query: query.text })),
      range.fromMillis, range.toMillis, signal);
    const series = metricsToSeries(results, { names });
    return metricsSpec(panel, series, range, colors);
  }
  const records = await searchRecords(logs[0].text, range.fromMillis, range.toMillis, signal, range.timeZone);
  return logsSpec(panel, records, range, colors);
}

function metricsSpec(panel, series, range, colors) {
  const settings = panel.settings;
  const nonEmpty = series.filter((entry) => entry.points.some((point) => point[1] !== null));
  switch (panel.type) {
    case 'svp': {
      const svp = settings.svp ?? {};
      const byTime = new Map();
      for (const entry of nonEmpty) {
        for (const [time, value] of entry.points) {
          if (value !== null) byTime.set(time, (byTime.get(time) ?? 0) + value);
        }
      }
      const values = [...byTime.entries()].sort((left, right) => left[0] - right[0]).map((entry) => entry[1]);
      const value = reduceValues(values, svp.option ?? 'Latest');
      return { spec: { kind: 'single', value, label: svp.label || '', rounding: svp.rounding ?? 0,
        reduction: svp.option ?? 'Latest', noData: svp.useNoData ? svp.noDataString : null }, empty: value === null };
    }
    case 'table': {
      const aggregation = settings.general?.aggregationType ?? 'latest';
      const valueName = overrides(settings).names.A ?? 'Value';
      const keys = [...new Set(nonEmpty.flatMap((entry) => Object.keys(entry.dimensions)))];
      const rows = nonEmpty.map((entry) => ({ entry, value: reduceValues(entry.points.map((point) => point[1]),
        aggregation) })).sort((left, right) => (right.value ?? 0) - (left.value ?? 0));
      return { spec: { kind: 'table', columns: [...keys, valueName], rounding: 2,
        rows: rows.map(({ entry, value }) => [...keys.map((key) => entry.dimensions[key] ?? ''),
          value === null ? '' : String(Math.round(value * 100) / 100)]) }, empty: rows.length === 0 };
    }
    case 'honeyComb': {
      const honeycomb = settings.honeyComb ?? {};
      const cells = nonEmpty.map((entry) => ({ name: entry.name,
        value: reduceValues(entry.points.map((point) => point[1]), honeycomb.aggregationType ?? 'avg') }))
        .sort((left, right) => String(left.name).localeCompare(String(right.name)));
      return { spec: { kind: 'honeycomb', cells, thresholds: honeycomb.thresholds ?? [], rounding: 0 },
        empty: cells.length === 0 };
    }
    default: {
      const kind = panel.type === 'column' ? 'column' : panel.type === 'area' ? 'area' : 'line';
      const multipleQueries = new Set(nonEmpty.map((entry) => entry.rowId)).size > 1;
      // Overlays (Today / Yesterday / Last Week): one colour per tag set, a dash style per query.
      const groups = new Map();
      const groupColor = (entry) => {
        const key = JSON.stringify(Object.entries(entry.dimensions).sort());
        if (!groups.has(key)) groups.set(key, seriesColor(groups.size));
        return groups.get(key);
      };
      const chartSeries = nonEmpty.map((entry) => ({ name: entry.name, points: entry.points,
        color: colors[String(entry.name).toLowerCase()] ?? (multipleQueries ? groupColor(entry) : undefined),
        lineType: multipleQueries ? OVERLAY_LINE_TYPES[entry.rowId] : 'solid',
        opacity: multipleQueries && entry.rowId !== 'A' ? 0.75 : 1 }));
      return { spec: { kind, series: chartSeries, stacked: kind === 'column' || settings.general?.displayType === 'stacked',
        yAxisTitle: settings.axes?.axisY?.title?.trim() || undefined, lineWidth: Math.min(3, Number(settings.general?.lineThickness ?? 2)),
        from: range.fromMillis, to: range.toMillis }, empty: chartSeries.length === 0 };
    }
  }
}

function logsSpec(panel, records, range, colors) {
  const settings = panel.settings;
  const empty = records.rows.length === 0;
  switch (panel.type) {
    case 'pie': {
      const slices = recordsToSlices(records).map((slice) => ({ ...slice, color: colors[String(slice.name).toLowerCase()] }));
      const general = settings.general ?? {};
      return { spec: { kind: 'pie', slices, innerRadius: general.innerRadius, startAngle: general.startAngle,
        maxSlices: general.maxNumOfSlices ?? 10, legend: settings.legend?.enabled === true }, empty: slices.length === 0 };
    }
    case 'map': {
      const points = recordsToPoints(records);
      return { spec: { kind: 'map', points, color: /fail/i.test(panel.title) ? '#e5534b' : '#2e7bd6' },
        empty: points.length === 0 };
    }
    case 'line': case 'area': case 'column': {
      const kind = panel.type;
      const series = recordsToTimeSeries(records, { fillZero: kind === 'column' })
        .map((entry) => ({ ...entry, color: colors[String(entry.name).toLowerCase()] }));
      return { spec: { kind, series, stacked: kind === 'column', yAxisTitle: settings.axes?.axisY?.title?.trim() || undefined,
        from: range.fromMillis, to: range.toMillis }, empty: series.length === 0 };
    }
    case 'svp': {
      const table = recordsToTable(records);
      const value = table.rows.length > 0 ? Number(table.rows[0][table.columns.length - 1]) : null;
      return { spec: { kind: 'single', value, label: settings.svp?.label ?? '', rounding: settings.svp?.rounding ?? 0 },
        empty: value === null };
    }
    default:
      return { spec: { kind: 'table', ...recordsToTable(records) }, empty };
  }
}
