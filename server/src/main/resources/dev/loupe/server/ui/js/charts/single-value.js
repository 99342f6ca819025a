/**
 * A single value: one big number, its label, and the reduction over time it came from. See index.js.
 */
import { element } from '../core/dom.js';
import { formatFullNumber } from './format.js';

/** Reduces values over time as Sumo's single-value settings say: Sum, Average, Maximum, Minimum, Latest. */
export function reduceValues(values, option = 'Latest') {
  const present = values.filter((value) => value !== null && value !== undefined && !Number.isNaN(value));
  if (present.length === 0) return null;
  switch (String(option).toLowerCase()) {
    case 'sum': return present.reduce((sum, value) => sum + value, 0);
    case 'average': case 'avg': return present.reduce((sum, value) => sum + value, 0) / present.length;
    case 'maximum': case 'max': return Math.max(...present);
    case 'minimum': case 'min': return Math.min(...present);
    case 'count': return present.length;
    default: return present[present.length - 1];
  }
}

const REDUCTION_LABELS = { sum: 'sum over time', average: 'average over time', avg: 'average over time',
  maximum: 'maximum over time', max: 'maximum over time', minimum: 'minimum over time', min: 'minimum over time',
  latest: 'latest value', count: 'data points' };

export function renderSingleValue(container, spec) {
  const thresholds = (spec.thresholds ?? []).filter((threshold) => threshold.from !== null || threshold.to !== null);
  const match = thresholds.find((threshold) => spec.value !== null
    && (threshold.from === null || spec.value >= threshold.from) && (threshold.to === null || spec.value < threshold.to));
  const text = spec.value === null || spec.value === undefined ? (spec.noData || 'No data')
    : formatFullNumber(spec.value, spec.rounding ?? 0);
  const node = element('div', { class: 'single-value' },
    element('div', { class: 'single-value-number', style: match ? { color: match.color } : null,
      title: spec.value === null ? '' : String(spec.value) }, text, spec.unit ? element('span', { class: 'unit' }, spec.unit) : null),
    spec.label ? element('div', { class: 'single-value-label' }, spec.label) : null,
    spec.reduction ? element('div', { class: 'single-value-reduction' },
      REDUCTION_LABELS[String(spec.reduction).toLowerCase()] ?? spec.reduction) : null);
  container.append(node);
  const fit = () => {
    const size = Math.max(20, Math.min(container.clientHeight * 0.3, 56, (container.clientWidth - 24) / Math.max(3, text.length * 0.68)));
    node.firstChild.style.fontSize = `${Math.round(size)}px`;
  };
  fit();
  return { dispose: () => node.remove(), resize: fit };
}
