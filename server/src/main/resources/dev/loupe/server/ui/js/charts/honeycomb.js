/**
 * Honeycomb: one hexagon per series, coloured by the first threshold its value falls in. See index.js.
 */
import { element } from '../core/dom.js';
import { formatFullNumber, formatNumber, truncate } from './format.js';

const FALLBACK = '#9aa7b6';

/** The colour of `value` under thresholds `[{from, to, color}]` (`from` inclusive, `to` exclusive, null = open). */
export function thresholdColor(value, thresholds) {
  if (value === null || value === undefined) return FALLBACK;
  const match = (thresholds ?? []).find((threshold) => (threshold.from === null || threshold.from === undefined
    || value >= threshold.from) && (threshold.to === null || threshold.to === undefined || value < threshold.to));
  return match?.color ?? FALLBACK;
}

export function renderHoneycomb(container, spec) {
  const cells = spec.cells ?? [];
  const root = element('div', { class: 'honeycomb' });
  const grid = element('div', { class: 'honeycomb-grid' });
  const legend = element('div', { class: 'honeycomb-legend' }, (spec.thresholds ?? []).map((threshold) =>
    element('span', {}, element('i', { style: { background: threshold.color } }),
      threshold.to === null || threshold.to === undefined ? `≥ ${formatNumber(threshold.from)}`
        : `${formatNumber(threshold.from ?? 0)} – ${formatNumber(threshold.to)}`)));
  root.append(grid, legend);
  container.append(root);

  const layout = () => {
    const width = grid.clientWidth;
    const height = grid.clientHeight;
    if (width === 0 || height === 0) return;
    // The largest hexagon (width w, height 1.1547w, rows overlapping by a quarter) that fits every cell.
    let best = { size: 0, columns: 1 };
    for (let columns = 1; columns <= Math.max(1, cells.length); columns++) {
      const rows = Math.ceil(cells.length / columns);
      const byWidth = width / (columns + (rows > 1 ? 0.5 : 0));
      const byHeight = height / (1.1547 * (0.75 * (rows - 1) + 1));
      const size = Math.min(byWidth, byHeight, 150);
      if (size > best.size) best = { size, columns };
    }
    const size = Math.floor(best.size) - 4;
    const hexHeight = size * 1.1547;
    const rows = Math.ceil(cells.length / best.columns);
    const usedWidth = (Math.min(cells.length, best.columns) + (rows > 1 ? 0.5 : 0)) * (size + 4);
    const usedHeight = hexHeight * (0.75 * (rows - 1) + 1) + 4 * (rows - 1);
    const offsetX = (width - usedWidth) / 2;
    const offsetY = Math.max(0, (height - usedHeight) / 2);
    grid.replaceChildren(...cells.map((cell, index) => {
      const row = Math.floor(index / best.columns);
      const column = index % best.columns;
      const x = offsetX + column * (size + 4) + (row % 2 === 1 ? (size + 4) / 2 : 0);
      const y = offsetY + row * (hexHeight * 0.75 + 4);
      const fontSize = Math.max(9, Math.min(14, size / 7));
      return element('div', {
        class: 'hexagon', title: `${cell.name}: ${formatFullNumber(cell.value, spec.rounding ?? 2)}`,
        style: { left: `${x}px`, top: `${y}px`, width: `${size}px`, height: `${hexHeight}px`,
          background: thresholdColor(cell.value, spec.thresholds), fontSize: `${fontSize}px` },
      }, element('span', { class: 'hexagon-value' }, formatNumber(cell.value, spec.rounding ?? 0)),
      size > 48 ? element('span', { class: 'hexagon-name' }, truncate(cell.name, Math.max(6, Math.floor(size / 6)))) : null);
    }));
  };
  layout();
  return { dispose: () => root.remove(), resize: layout };
}
