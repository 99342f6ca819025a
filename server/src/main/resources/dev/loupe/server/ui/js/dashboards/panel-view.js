/**
 * One dashboard panel on the page: its frame (title, state, "open in search"), its loading state and error, and
 * its chart. The frame carries `data-panel-state` = loading | loaded | empty | error for tests and styles.
 */
import { element, clear } from '../core/dom.js';
import { routeHash } from '../core/router.js';
import { renderChart } from '../charts/index.js';
import { loadPanel, panelQueries } from './panel-data.js';
import { renderText } from './text.js';

const TYPE_LABELS = { line: 'Line chart', area: 'Area chart', column: 'Column chart', pie: 'Donut chart',
  table: 'Table', svp: 'Single value', honeyComb: 'Honeycomb', map: 'Map' };

export class PanelView {
  constructor(panel) {
    this.panel = panel;
    this.chart = null;
    this.controller = null;
    const { x, y, width, height } = panel.layout;
    const style = { gridColumn: `${x + 1} / span ${Math.min(width, 24 - x)}`, gridRow: `${y + 1} / span ${height}` };
    if (panel.type === 'text') {
      const settings = panel.settings.text ?? {};
      this.root = element('section', { class: 'panel text-panel', style, 'data-panel-key': panel.key,
        'data-panel-type': 'text', 'data-panel-state': 'loaded',
        'data-panel-title': panel.title },
      element('h3', { class: 'text-panel-title' }, panel.title),
      panel.text ? renderText(panel.text, 'text-panel-body') : null);
      if (settings.backgroundColor) this.root.style.setProperty('--text-panel-background', settings.backgroundColor);
      return;
    }
    this.status = element('span', { class: 'panel-status' });
    this.link = element('a', { class: 'panel-action', title: 'Open this panel\'s query in search (metrics: in the metrics explorer)', 'data-action': 'open-in-search' },
      '↗ Open');
    this.body = element('div', { class: 'panel-body' });
    this.root = element('section', { class: 'panel', style, 'data-panel-key': panel.key, 'data-panel-type': panel.type,
      'data-panel-state': 'idle', 'data-panel-title': panel.title },
    element('header', { class: 'panel-header' },
      element('h3', { class: 'panel-title', title: `${panel.title} · ${TYPE_LABELS[panel.type] ?? panel.type}` }, panel.title),
      this.status, this.link),
    this.body);
  }

  get isQuery() {
    return this.panel.type !== 'text';
  }

  setState(state, detail = '') {
    this.root.dataset.panelState = state;
    this.status.className = `panel-status ${state}`;
    this.status.title = detail;
  }

  /** Loads through `queue` with `values` over `range` ({from, to} strings and {fromMillis, toMillis}). */
  async load(queue, values, range) {
    if (!this.isQuery) return 'loaded';
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const queries = panelQueries(this.panel, values);
    const timeRange = { from: range.from, to: range.to === 'now' ? null : range.to, tz: range.timeZone };
    // Metrics panels open every query (A, B, C) in the metrics explorer; log panels their query in search.
    this.link.href = queries[0].type === 'Metrics'
      ? routeHash('metrics', [], { ...Object.fromEntries(queries.map((query) => [query.key, query.text])), ...timeRange })
      : routeHash('search', [], { q: queries[0].text, ...timeRange });
    this.setState('loading');
    this.root.classList.add('is-loading');
    if (!this.chart) {
      clear(this.body).append(element('div', { class: 'panel-placeholder' }, element('span', { class: 'spinner' })));
    }
    try {
      const { spec, empty } = await queue.run(() => (controller.signal.aborted
        ? Promise.reject(new DOMException('aborted', 'AbortError'))
        : loadPanel(this.panel, values, range, controller.signal)));
      if (controller.signal.aborted) return 'aborted';
      this.dispose();
      clear(this.body);
      if (empty) {
        this.body.append(element('div', { class: 'panel-message' }, 'No data for this time range'));
        this.setState('empty');
      } else {
        const chart = renderChart(this.body, spec);
        this.chart = chart;
        await chart.ready;
        if (controller.signal.aborted) return 'aborted';
        this.setState('loaded');
      }
      return this.root.dataset.panelState;
    } catch (error) {
      if (error?.name === 'AbortError' || controller.signal.aborted) return 'aborted';
      console.error(error);
      this.dispose();
      clear(this.body).append(element('div', { class: 'panel-message error', 'data-panel-error': '' },
        element('strong', {}, 'This panel failed to load'), element('span', {}, error.message ?? String(error))));
      this.setState('error', error.message);
      return 'error';
    } finally {
      if (this.controller === controller) this.root.classList.remove('is-loading');
    }
  }

  abort() {
    this.controller?.abort();
  }

  dispose() {
    this.chart?.dispose();
    this.chart = null;
  }
}
