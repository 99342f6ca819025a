/**
 * Time series on an ECharts time axis: lines, areas and (stacked) columns. See index.js for the spec.
 */
import { seriesColor, formatNumber, formatTime, truncate } from './format.js';

const LINE_TYPES = { solid: 'solid', dashed: 'dashed', dotted: 'dotted' };

export function timeSeriesOption(spec, width) {
  const kind = spec.kind;
  const series = spec.series ?? [];
  // The legend is HTML under the canvas (see legend.js): wraps and scrolls instead of overlapping.
  const showLegend = false;
  const stacked = spec.stacked ?? kind === 'column';
  const lineWidth = Number(spec.lineWidth ?? 2);
  return {
    animation: false,
    color: series.map((entry, index) => entry.color ?? seriesColor(index)),
    grid: { left: spec.yAxisTitle ? 30 : 8, right: 16, top: 14, bottom: showLegend ? 34 : 6, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: kind === 'column' ? 'shadow' : 'line' },
      formatter: (items) => tooltipHtml(items),
    },
    legend: { show: false },
    xAxis: {
      type: 'time',
      min: spec.from ?? undefined,
      max: spec.to ?? undefined,
      axisLine: { lineStyle: { color: '#c5ced8' } },
      axisLabel: { color: '#5d6b7b', fontSize: 10, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: spec.yAxisTitle || undefined,
      nameLocation: 'middle',
      nameGap: 40,
      nameTextStyle: { color: '#5d6b7b', fontSize: 11 },
      axisLabel: { color: '#5d6b7b', fontSize: 10, formatter: (value) => formatNumber(value) },
      splitLine: { lineStyle: { color: '#e8edf2' } },
      min: spec.yMin ?? undefined,
    },
    series: series.map((entry) => {
      const type = entry.kind ?? kind;
      if (type === 'column') {
        return { type: 'bar', name: entry.name, data: entry.points, stack: stacked ? 'total' : undefined,
          barMaxWidth: 18, emphasis: { focus: 'series' }, large: entry.points.length > 2000 };
      }
      return {
        type: 'line', name: entry.name, data: entry.points, showSymbol: entry.points.length === 1,
        symbolSize: 5, connectNulls: false, sampling: 'lttb',
        stack: type === 'area' && stacked ? 'total' : undefined,
        lineStyle: { width: lineWidth, type: LINE_TYPES[entry.lineType] ?? 'solid', opacity: entry.opacity ?? 1 },
        areaStyle: type === 'area' ? { opacity: 0.18 } : undefined,
        emphasis: { focus: 'series', lineStyle: { width: lineWidth + 1 } },
      };
    }),
  };
}

function tooltipHtml(items) {
  if (!Array.isArray(items) || items.length === 0) return '';
  const time = formatTime(items[0].value[0]);
  const rows = items.filter((item) => item.value[1] !== null && item.value[1] !== undefined)
    .sort((left, right) => right.value[1] - left.value[1])
    .slice(0, 12)
    .map((item) => `<div style="display:flex;gap:12px;justify-content:space-between"><span>${item.marker}${
      escapeHtml(truncate(item.seriesName, 48))}</span><b>${formatNumber(item.value[1])}</b></div>`);
  const more = items.length > 12 ? `<div style="color:#8492a6">and ${items.length - 12} more</div>` : '';
  return `<div style="font-size:12px"><div style="color:#5d6b7b;margin-bottom:4px">${time}</div>${rows.join('')}${more}</div>`;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
