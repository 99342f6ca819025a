/**
 * The metrics explorer's line chart: one line per time series of the visible rows, a scrollable legend, tooltips
 * in the chosen time zone. Series names: the row id and the tag values that tell the row's series apart.
 */
import { formatTime } from '../core/time-range.js';

const PALETTE = ['#1f6feb', '#e8590c', '#2f9e44', '#ae3ec9', '#f08c00', '#0c8599', '#e03131', '#5c7cfa',
  '#66a80f', '#d6336c', '#495057', '#1098ad'];

/** Series `[{name, rowId, points: [[millis, value]]}]` of metrics query results. */
export function toSeries(results, rowCount) {
  const series = [];
  for (const result of results) {
    const list = result.timeSeriesList?.timeSeries ?? [];
    const varying = new Set();
    const seen = new Map();
    for (const timeSeries of list) {
      for (const [key, value] of Object.entries(timeSeries.metricDefinition?.dimensions ?? {})) {
        if (seen.has(key) && seen.get(key) !== value) varying.add(key);
        seen.set(key, value);
      }
    }
    for (const timeSeries of list) {
      const dimensions = timeSeries.metricDefinition?.dimensions ?? {};
      const label = [...varying].map((key) => dimensions[key]).filter(Boolean).join(' · ')
        || timeSeries.metricDefinition?.metric || Object.values(dimensions).join(' · ') || 'value';
      const { timestamps = [], values = [] } = timeSeries.points ?? {};
      series.push({ rowId: result.rowId, name: rowCount > 1 ? `${result.rowId}: ${label}` : label,
        points: timestamps.map((millis, index) => [millis, Number.isFinite(values[index]) ? values[index] : null]) });
    }
  }
  return series;
}

const LINE_TYPES = ['solid', 'dashed', 'dotted'];

function rowOrder(series) {
  return [...new Set(series.map((entry) => entry.rowId))];
}

function compact(value) {
  if (value === null || value === undefined) return '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${+(value / 1e9).toFixed(2)}B`;
  if (magnitude >= 1e6) return `${+(value / 1e6).toFixed(2)}M`;
  if (magnitude >= 1e3) return `${+(value / 1e3).toFixed(2)}K`;
  return String(+value.toFixed(magnitude < 1 ? 4 : 2));
}

/** Draws into `host` (an element with a height); returns `{update(series, range, zone), dispose()}`. */
export function createLineChart(host) {
  const chart = echarts.init(host, null, { renderer: 'canvas' });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(host);
  return {
    update(series, { fromMillis, toMillis }, zone) {
      const spanDays = (toMillis - fromMillis) / 86_400_000;
      chart.setOption({
        animation: false,
        color: PALETTE,
        grid: { left: 56, right: 24, top: 16, bottom: 84 },
        legend: { type: 'scroll', bottom: 0, left: 8, right: 8, icon: 'roundRect', itemWidth: 12, itemHeight: 4,
          textStyle: { color: '#3d4a5c' } },
        tooltip: {
          trigger: 'axis', confine: true,
          axisPointer: { type: 'line', lineStyle: { color: '#9aa6b4' } },
          formatter: (items) => {
            const rows = [...items].sort((a, b) => (b.value[1] ?? -Infinity) - (a.value[1] ?? -Infinity)).slice(0, 12);
            return `<b>${formatTime(items[0].value[0], zone, { seconds: false })}</b><br>`
              + rows.map((item) => `${item.marker}${item.seriesName}: <b>${compact(item.value[1])}</b>`).join('<br>');
          },
        },
        xAxis: { type: 'time', min: fromMillis, max: toMillis, axisLine: { lineStyle: { color: '#c4ccd6' } },
          axisLabel: { color: '#5d6b7b', hideOverlap: true,
            formatter: (value) => {
              const text = formatTime(value, zone, { seconds: false });
              return spanDays > 2 ? text.slice(5, 10) + '\n' + text.slice(11) : text.slice(11);
            } },
          splitLine: { show: false } },
        yAxis: { type: 'value', scale: false, axisLabel: { color: '#5d6b7b', formatter: compact },
          splitLine: { lineStyle: { color: '#eef1f5' } } },
        dataZoom: [{ type: 'inside', throttle: 50 }],
        // The first row's lines are solid, the next rows' dashed and dotted, so rows stay apart in one palette.
        series: series.map((entry) => ({ name: entry.name, type: 'line', showSymbol: false, connectNulls: false,
          lineStyle: { width: 1.6, type: LINE_TYPES[rowOrder(series).indexOf(entry.rowId) % LINE_TYPES.length] },
          emphasis: { focus: 'series' }, data: entry.points })),
      }, true);
    },
    dispose() {
      observer.disconnect();
      chart.dispose();
    },
  };
}
