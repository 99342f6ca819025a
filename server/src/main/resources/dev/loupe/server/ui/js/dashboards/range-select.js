/**
 * The dashboard's time range control until the shared time picker is wired in: the shared relative presets,
 * plus the dashboard's own default when it is not one of them (`-1d` is shown as the `-24h` preset).
 */
import { element } from '../core/dom.js';
import { PRESETS } from '../core/time-range.js';

const SAME_AS = { '-1d': '-24h', '-1h': '-60m' };

/** A select of presets for `range` ({from, to}); `onChange({from, to})`. */
export function rangeSelect(range, onChange) {
  const from = SAME_AS[range.from] ?? range.from;
  const presets = [...PRESETS];
  if ((range.to ?? 'now') === 'now' && !presets.some((preset) => preset.from === from)) {
    presets.push({ label: `Since ${range.from}`, from });
  }
  const select = element('select', { class: 'range-select', 'data-control': 'time-range', 'aria-label': 'Time range',
    onchange: () => onChange({ from: select.value, to: 'now' }) },
  presets.map((preset) => element('option', { value: preset.from, selected: preset.from === from }, preset.label)));
  return select;
}
