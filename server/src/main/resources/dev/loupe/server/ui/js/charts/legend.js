/**
 * An HTML legend under a chart: one entry per series with its colour (and dash style), wrapping onto lines and
 * scrolling when there are many. Clicking an entry hides or shows its series.
 */
import { element } from '../core/dom.js';

export function renderLegend(chart, entries) {
  const legend = element('div', { class: 'chart-legend', role: 'list' }, entries.map((entry) => {
    const item = element('button', { type: 'button', class: 'legend-item', role: 'listitem', title: entry.name,
      onclick: () => {
        item.classList.toggle('off');
        chart().dispatchAction({ type: 'legendToggleSelect', name: entry.name });
      } },
    element('i', { class: `legend-swatch ${entry.lineType ?? 'solid'}`, style: { borderTopColor: entry.color } }),
    element('span', {}, entry.name));
    return item;
  }));
  return legend;
}
