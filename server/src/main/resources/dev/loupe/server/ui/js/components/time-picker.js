/**
 * The time range picker: a button showing the range ("Last 15 minutes", or two instants) and the time zone, which
 * opens a panel with the relative presets, a free relative range (`-2h`, `-1d6h` to `now`), an absolute range
 * (date and time read in the chosen zone) and the time zone.
 *
 * ```js
 * import { createTimePicker } from '../components/time-picker.js';
 * const picker = createTimePicker({
 *   range: { from: '-15m', to: 'now' },     // boundaries as core/time-range.js reads them
 *   timeZone: 'Europe/Paris',                // IANA name; default: the browser's
 *   onChange: (range, timeZone) => { ... },  // after the user applies a new range or zone
 * });
 * container.append(picker.element);
 * picker.range();          // {from, to}: relative strings, or epoch milliseconds as strings for absolute ranges
 * picker.timeZone();       // the IANA name
 * picker.set({range, timeZone});  // updates the picker without calling onChange
 * picker.close();          // closes the panel (also done by Escape or a click outside)
 * ```
 * Use `resolveRange(picker.range())` from core/time-range.js to get epoch milliseconds at query time.
 * Test hooks: the button has class `time-picker-button`, presets `data-from`, the panel `time-picker-panel`.
 */
import { element, clear } from '../core/dom.js';
import {
  PRESETS, browserTimeZone, describeRange, isRelativeBoundary, isTimeZone, millisToWallTime, resolveBoundary,
  resolveRange, wallTimeToMillis,
} from '../core/time-range.js';

const COMMON_ZONES = ['UTC', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Sao_Paulo', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Singapore',
  'Asia/Tokyo', 'Australia/Sydney'];

function allZones() {
  const zones = new Set([browserTimeZone(), ...COMMON_ZONES]);
  if (typeof Intl.supportedValuesOf === 'function') {
    for (const zone of Intl.supportedValuesOf('timeZone')) zones.add(zone);
  }
  return [...zones];
}

let openPicker = null;

/** Creates a time range picker; see the module comment for the API. */
export function createTimePicker({ range = { from: '-15m', to: 'now' }, timeZone, onChange } = {}) {
  const state = {
    range: { from: range.from ?? '-15m', to: range.to ?? 'now' },
    timeZone: timeZone && isTimeZone(timeZone) ? timeZone : browserTimeZone(),
  };
  const label = element('span', { class: 'time-picker-label' });
  const zoneLabel = element('span', { class: 'time-picker-zone' });
  const button = element('button', {
    type: 'button', class: 'button time-picker-button', 'aria-haspopup': 'dialog', title: 'Time range',
    onclick: () => (panel.hidden ? open() : close()),
  }, element('span', { class: 'icon-clock', 'aria-hidden': 'true' }), label, zoneLabel,
  element('span', { class: 'caret', 'aria-hidden': 'true' }));
  const panel = element('div', { class: 'time-picker-panel card', role: 'dialog', hidden: true });
  const root = element('div', { class: 'time-picker' }, button, panel);

  function drawButton() {
    label.textContent = describeRange(state.range, state.timeZone);
    zoneLabel.textContent = state.timeZone === 'UTC' ? 'UTC' : state.timeZone.replace(/^.*\//, '').replace(/_/g, ' ');
    button.title = `Time range (${state.timeZone})`;
  }

  function apply(newRange, newZone) {
    state.range = { from: String(newRange.from), to: String(newRange.to ?? 'now') };
    state.timeZone = newZone;
    drawButton();
    close();
    onChange?.({ ...state.range }, state.timeZone);
  }

  function drawPanel() {
    clear(panel);
    const error = element('div', { class: 'time-picker-error', role: 'alert', hidden: true });
    const showError = (message) => { error.textContent = message; error.hidden = false; };
    const relative = isRelativeBoundary(state.range.from) && isRelativeBoundary(state.range.to);

    const zoneSelect = element('select', { class: 'time-picker-zone-select', 'aria-label': 'Time zone' },
      allZones().map((zone) => element('option', { value: zone, selected: zone === state.timeZone },
        zone === browserTimeZone() ? `${zone} (browser)` : zone)));

    const presets = element('div', { class: 'time-picker-presets' },
      element('div', { class: 'time-picker-heading' }, 'Relative'),
      PRESETS.map((preset) => element('button', {
        type: 'button', class: 'time-picker-preset' + (relative && state.range.from === preset.from
          && (state.range.to ?? 'now') === 'now' ? ' selected' : ''),
        'data-from': preset.from, onclick: () => apply({ from: preset.from, to: 'now' }, zoneSelect.value),
      }, preset.label)));

    const relativeFrom = element('input', { type: 'text', class: 'time-picker-relative-from mono',
      value: relative ? state.range.from : '-15m', placeholder: '-15m', 'aria-label': 'Relative start' });
    const relativeTo = element('input', { type: 'text', class: 'time-picker-relative-to mono',
      value: relative ? state.range.to : 'now', placeholder: 'now', 'aria-label': 'Relative end' });

    let fromMillis;
    let toMillis;
    try {
      ({ fromMillis, toMillis } = resolveRange(state.range));
    } catch {
      toMillis = Date.now();
      fromMillis = toMillis - 15 * 60_000;
    }
    const absoluteFrom = element('input', { type: 'datetime-local', class: 'time-picker-absolute-from',
      value: millisToWallTime(fromMillis, state.timeZone), 'aria-label': 'Absolute start' });
    const absoluteTo = element('input', { type: 'datetime-local', class: 'time-picker-absolute-to',
      value: millisToWallTime(toMillis, state.timeZone), 'aria-label': 'Absolute end' });

    const applyRelative = () => {
      try {
        const candidate = { from: relativeFrom.value.trim(), to: relativeTo.value.trim() || 'now' };
        if (!isRelativeBoundary(candidate.from) || !isRelativeBoundary(candidate.to)) {
          throw new Error('a relative time looks like -15m, -2h, -1d6h, -1w or now');
        }
        resolveRange(candidate);
        apply(candidate, zoneSelect.value);
      } catch (failure) {
        showError(failure.message);
      }
    };
    const applyAbsolute = () => {
      try {
        const zone = zoneSelect.value;
        const candidate = { from: String(wallTimeToMillis(absoluteFrom.value, zone)),
          to: String(wallTimeToMillis(absoluteTo.value, zone)) };
        resolveRange(candidate);
        apply(candidate, zone);
      } catch (failure) {
        showError(failure.message);
      }
    };
    const onEnter = (action) => (event) => { if (event.key === 'Enter') { event.preventDefault(); action(); } };
    relativeFrom.addEventListener('keydown', onEnter(applyRelative));
    relativeTo.addEventListener('keydown', onEnter(applyRelative));
    // Changing the zone keeps the instants of an absolute range and re-reads the wall times shown.
    zoneSelect.addEventListener('change', () => {
      if (relative) {
        apply(state.range, zoneSelect.value);
      } else {
        apply({ from: String(resolveBoundary(state.range.from)), to: String(resolveBoundary(state.range.to)) },
          zoneSelect.value);
      }
    });

    panel.append(
      presets,
      element('div', { class: 'time-picker-custom' },
        element('div', { class: 'time-picker-heading' }, 'Custom relative'),
        element('div', { class: 'time-picker-row' }, relativeFrom, element('span', { class: 'muted' }, 'to'),
          relativeTo, element('button', { type: 'button', class: 'button time-picker-apply-relative',
            onclick: applyRelative }, 'Apply')),
        element('div', { class: 'time-picker-hint muted' }, 'e.g. -30m, -2h, -1d6h, -2w; "now" for the end'),
        element('div', { class: 'time-picker-heading' }, 'Absolute'),
        element('label', { class: 'time-picker-field' }, element('span', {}, 'From'), absoluteFrom),
        element('label', { class: 'time-picker-field' }, element('span', {}, 'To'), absoluteTo),
        element('div', { class: 'time-picker-row end' }, element('button', {
          type: 'button', class: 'button primary time-picker-apply-absolute', onclick: applyAbsolute }, 'Apply')),
        element('div', { class: 'time-picker-heading' }, 'Time zone'),
        zoneSelect,
        error));
  }

  function onDocumentPointer(event) {
    if (!root.contains(event.target)) close();
  }
  function onKey(event) {
    if (event.key === 'Escape') close();
  }

  function open() {
    if (openPicker && openPicker !== api) openPicker.close();
    drawPanel();
    panel.hidden = false;
    button.classList.add('open');
    openPicker = api;
    document.addEventListener('pointerdown', onDocumentPointer, true);
    document.addEventListener('keydown', onKey);
  }

  function close() {
    panel.hidden = true;
    button.classList.remove('open');
    if (openPicker === api) openPicker = null;
    document.removeEventListener('pointerdown', onDocumentPointer, true);
    document.removeEventListener('keydown', onKey);
  }

  const api = {
    element: root,
    range: () => ({ ...state.range }),
    timeZone: () => state.timeZone,
    set({ range: newRange, timeZone: newZone } = {}) {
      if (newRange) state.range = { from: String(newRange.from), to: String(newRange.to ?? 'now') };
      if (newZone && isTimeZone(newZone)) state.timeZone = newZone;
      drawButton();
    },
    close,
  };
  drawButton();
  return api;
}
