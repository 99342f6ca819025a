/**
 * A world map (Natural Earth 1:110m countries, shipped in ui/maps/) with one bubble per point, sized by value.
 * See index.js for the spec.
 */
import { toFeatureCollection } from './topojson.js';
import { formatFullNumber, truncate } from './format.js';
import { escapeHtml } from './time-series.js';

const MAP_URL = new URL('../../maps/countries-110m.json', import.meta.url);
let registered = null;

/** Loads and registers the `loupe-world` map with ECharts once; resolves when it can be drawn. */
export function worldMapReady() {
  if (registered === null) {
    registered = fetch(MAP_URL).then((response) => {
      if (!response.ok) throw new Error(`the world map did not load (${response.status})`);
      return response.json();
    }).then((topology) => {
      const countries = toFeatureCollection(topology, 'countries');
      countries.features = countries.features.filter((feature) => feature.properties.name !== 'Antarctica');
      echarts.registerMap('loupe-world', countries);
    });
    registered.catch(() => { registered = null; });
  }
  return registered;
}

export function worldMapOption(spec) {
  const points = spec.points ?? [];
  const maximum = points.reduce((max, point) => Math.max(max, point.value ?? 1), 1);
  const color = spec.color ?? '#2e7bd6';
  return {
    animation: false,
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (item) => item.seriesType === 'scatter' ? `${escapeHtml(truncate(item.data.label ?? '', 60))}<br>${
        item.data.value[1].toFixed(2)}, ${item.data.value[0].toFixed(2)}<br><b>${formatFullNumber(item.data.value[2])}</b>` : escapeHtml(item.name),
    },
    geo: {
      map: 'loupe-world', roam: true, zoom: 1.15, center: [10, 22], scaleLimit: { min: 1, max: 12 },
      itemStyle: { areaColor: '#e7ecf2', borderColor: '#ffffff', borderWidth: 0.6 },
      emphasis: { itemStyle: { areaColor: '#d5dde7' }, label: { show: false } },
      select: { disabled: true },
      silent: false,
    },
    series: [{
      type: 'scatter', coordinateSystem: 'geo',
      data: points.map((point) => ({ label: point.label, value: [point.longitude, point.latitude, point.value ?? 1] })),
      symbolSize: (value) => 6 + 18 * Math.sqrt(value[2] / maximum),
      itemStyle: { color, opacity: 0.72, borderColor: '#ffffff', borderWidth: 1 },
      emphasis: { itemStyle: { opacity: 1 } },
    }],
  };
}
