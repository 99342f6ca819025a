/**
 * Pie and donut charts (ECharts). See index.js for the spec.
 */
import { seriesColor, formatFullNumber, truncate } from './format.js';
import { escapeHtml } from './time-series.js';

/** Keeps the `maxSlices - 1` largest slices and folds the rest into "Other". */
export function limitSlices(slices, maxSlices) {
  const sorted = [...slices].sort((left, right) => right.value - left.value);
  if (!maxSlices || sorted.length <= maxSlices) return sorted;
  const kept = sorted.slice(0, maxSlices - 1);
  const other = sorted.slice(maxSlices - 1).reduce((sum, slice) => sum + slice.value, 0);
  return [...kept, { name: 'Other', value: other, color: '#b3bcc8' }];
}

export function pieOption(spec, width, height) {
  const slices = limitSlices(spec.slices ?? [], spec.maxSlices ?? 10);
  const total = slices.reduce((sum, slice) => sum + slice.value, 0);
  const showLegend = spec.legend === true;
  const roomForLabels = width >= 300;
  const radius = Math.max(20, Math.min(width * (roomForLabels ? 0.24 : 0.4), height * 0.36));
  const inner = spec.innerRadius ? parseFloat(spec.innerRadius) / 100 : 0;
  return {
    animation: false,
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (item) => `${item.marker}${escapeHtml(item.name)}<br><b>${formatFullNumber(item.value)}</b> (${
        item.percent}%)`,
    },
    legend: showLegend ? { type: 'scroll', orient: 'vertical', right: 4, top: 'middle', textStyle: { fontSize: 11 },
      formatter: (name) => truncate(name, 24) } : { show: false },
    title: inner > 0 ? {
      text: formatFullNumber(total, 0), subtext: 'total', left: showLegend ? '35%' : 'center', top: 'middle',
      textAlign: 'center', itemGap: 2,
      textStyle: { fontSize: Math.max(12, Math.min(20, radius / 3.2)), fontWeight: 600, color: '#1c2430' },
      subtextStyle: { fontSize: 10, color: '#8492a6' },
    } : undefined,
    series: [{
      type: 'pie',
      center: [showLegend ? '35%' : '50%', '50%'],
      radius: [radius * inner, radius],
      startAngle: spec.startAngle ? (450 - Number(spec.startAngle)) % 360 : 90,
      avoidLabelOverlap: true,
      minShowLabelAngle: width < 420 ? 14 : 5,
      itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
      label: roomForLabels && !showLegend ? {
        show: true, color: '#3f4b5b', fontSize: 11, formatter: (item) => width < 420 ? truncate(item.name, 14)
          : `${truncate(item.name, 22)} {percent|${Math.round(item.percent)}%}`,
        rich: { percent: { color: '#8492a6', fontSize: 10 } },
      } : { show: false },
      labelLine: { length: 8, length2: 8, lineStyle: { color: '#c5ced8' } },
      labelLayout: { hideOverlap: true },
      data: slices.map((slice, index) => ({ name: slice.name, value: slice.value,
        itemStyle: { color: slice.color ?? seriesColor(index) } })),
    }],
  };
}
