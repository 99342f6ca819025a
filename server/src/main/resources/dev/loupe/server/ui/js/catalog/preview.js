/**
 * A static preview of an app's dashboard: its layout grid in miniature, each panel a labelled cell with a glyph
 * for its chart type, and a count of panels by type.
 */
import { element } from '../core/dom.js';
import { readDashboard } from '../dashboards/model.js';

const GLYPHS = { line: '∿', area: '◢', column: '▮', pie: '◔', table: '☰', svp: '#', honeyComb: '⬢', map: '◍', text: '' };
const NAMES = { line: 'line', area: 'area', column: 'column', pie: 'donut', table: 'table', svp: 'single value',
  honeyComb: 'honeycomb', map: 'map' };

export function dashboardPreview(definition) {
  const model = readDashboard(definition);
  const counts = new Map();
  for (const panel of model.panels) {
    if (panel.type !== 'text') counts.set(panel.type, (counts.get(panel.type) ?? 0) + 1);
  }
  const rows = model.panels.reduce((max, panel) => Math.max(max, panel.layout.y + panel.layout.height), 0);
  return element('article', { class: 'preview-dashboard card', 'data-preview-dashboard': model.title },
    element('h3', {}, model.title),
    element('p', {}, model.description),
    element('div', { class: 'preview-summary' },
      element('span', { class: 'tag neutral' }, `${model.panels.filter((panel) => panel.type !== 'text').length} query panels`),
      [...counts.entries()].map(([type, count]) => element('span', { class: 'tag' }, `${count} ${NAMES[type] ?? type}`)),
      model.variables.length ? element('span', { class: 'tag neutral' },
        `variables: ${model.variables.map((variable) => variable.name).join(', ')}`) : null),
    element('div', { class: 'preview-grid', style: { gridTemplateRows: `repeat(${rows}, 12px)` } },
      model.panels.map((panel) => element('div', {
        class: `preview-cell ${panel.type === 'text' ? 'text' : ''}`, title: panel.title,
        style: { gridColumn: `${panel.layout.x + 1} / span ${panel.layout.width}`,
          gridRow: `${panel.layout.y + 1} / span ${panel.layout.height}` },
      }, GLYPHS[panel.type] ? element('span', { class: 'glyph' }, GLYPHS[panel.type]) : null, panel.title))));
}
