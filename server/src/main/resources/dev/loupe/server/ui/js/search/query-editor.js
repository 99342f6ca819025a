/**
 * The query editor: a textarea under a highlighted copy of its text (same font, same wrapping), with line numbers
 * and an error marker. Both the log search and the metrics explorer use it.
 *
 * ```js
 * const editor = createQueryEditor({ value, language: 'logs' | 'metrics', placeholder, onSubmit, onChange });
 * editor.element; editor.value(); editor.setValue(text); editor.focus();
 * editor.showError({ message, line, column, length });  // 1-based line and column; length in characters
 * editor.clearError();
 * ```
 * Enter runs `onSubmit` (Shift+Enter adds a line); Tab inserts two spaces.
 */
import { element, clear } from '../core/dom.js';
import { tokenize } from './highlight.js';

export function createQueryEditor({ value = '', language = 'logs', placeholder = '', onSubmit, onChange,
  ariaLabel = 'Query' } = {}) {
  const textarea = element('textarea', {
    class: 'query-input', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', wrap: 'soft',
    placeholder, 'aria-label': ariaLabel, rows: 1,
  });
  textarea.value = value;
  const highlight = element('pre', { class: 'query-highlight', 'aria-hidden': 'true' });
  const gutter = element('div', { class: 'query-gutter', 'aria-hidden': 'true' });
  const message = element('div', { class: 'query-error-message', role: 'alert', hidden: true });
  const surface = element('div', { class: 'query-surface' }, highlight, textarea);
  const root = element('div', { class: `query-editor language-${language}` },
    element('div', { class: 'query-frame' }, gutter, surface), message);
  let error = null;

  function lineStarts(text) {
    const starts = [0];
    for (let index = 0; index < text.length; index += 1) if (text[index] === '\n') starts.push(index + 1);
    return starts;
  }

  function draw() {
    const text = textarea.value;
    clear(highlight);
    const starts = lineStarts(text);
    let errorStart = -1;
    let errorEnd = -1;
    if (error && error.line >= 1 && error.line <= starts.length) {
      errorStart = Math.min(text.length, starts[error.line - 1] + Math.max(0, (error.column ?? 1) - 1));
      const lineEnd = error.line < starts.length ? starts[error.line] - 1 : text.length;
      errorEnd = Math.min(lineEnd, errorStart + Math.max(1, error.length ?? 1));
      if (errorEnd <= errorStart) errorEnd = errorStart; // at the end of a line: a marker, no characters
    }
    for (const token of tokenize(text, language)) {
      appendToken(token, errorStart, errorEnd);
    }
    if (errorStart >= 0 && errorStart === errorEnd) {
      // An error after the last character (e.g. a missing argument): a caret-sized marker where it is expected.
      insertMarkerAt(errorStart);
    }
    highlight.append('\n'); // keeps the last empty line's height
    clear(gutter);
    starts.forEach((_, index) => gutter.append(element('div', {
      class: 'query-line-number' + (error && error.line === index + 1 ? ' error' : ''),
    }, String(index + 1))));
    textarea.rows = Math.max(1, starts.length);
    syncHeight();
  }

  function appendToken(token, errorStart, errorEnd) {
    const start = token.start;
    const end = token.start + token.text.length;
    if (errorStart < 0 || errorEnd <= start || errorStart >= end || errorStart === errorEnd) {
      highlight.append(token.kind ? element('span', { class: `token-${token.kind}` }, token.text) : token.text);
      return;
    }
    const pieces = [[start, Math.max(start, errorStart), false], [Math.max(start, errorStart), Math.min(end, errorEnd), true],
      [Math.min(end, errorEnd), end, false]];
    for (const [from, to, marked] of pieces) {
      if (to <= from) continue;
      const text = token.text.slice(from - start, to - start);
      const classes = [token.kind ? `token-${token.kind}` : '', marked ? 'query-error-mark' : ''].join(' ').trim();
      highlight.append(classes ? element('span', { class: classes }, text) : text);
    }
  }

  function insertMarkerAt(offset) {
    // Rebuild around the offset: simplest is to append when it is the end, which is the common case.
    const marker = element('span', { class: 'query-error-mark query-error-caret' }, ' ');
    if (offset >= textarea.value.length) {
      highlight.append(marker);
      return;
    }
    // Walk the text nodes to split at the offset.
    let seen = 0;
    const walker = document.createTreeWalker(highlight, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen + node.length >= offset) {
        const after = node.splitText(offset - seen);
        after.parentNode.insertBefore(marker, after);
        return;
      }
      seen += node.length;
    }
    highlight.append(marker);
  }

  function syncHeight() {
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight}px`;
    highlight.scrollTop = textarea.scrollTop;
  }

  textarea.addEventListener('input', () => {
    if (error) {
      error = null;
      message.hidden = true;
      root.classList.remove('has-error');
    }
    draw();
    onChange?.(textarea.value);
  });
  textarea.addEventListener('scroll', () => { highlight.scrollTop = textarea.scrollTop; });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      onSubmit?.(textarea.value);
    } else if (event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      textarea.setRangeText('  ', textarea.selectionStart, textarea.selectionEnd, 'end');
      textarea.dispatchEvent(new Event('input'));
    }
  });
  new ResizeObserver(() => syncHeight()).observe(surface);

  const api = {
    element: root,
    value: () => textarea.value,
    setValue(text) {
      textarea.value = text ?? '';
      error = null;
      message.hidden = true;
      root.classList.remove('has-error');
      draw();
    },
    focus() {
      textarea.focus();
    },
    showError({ message: text, line, column, length } = {}) {
      error = line ? { line, column: column ?? 1, length: length ?? 1 } : null;
      clear(message);
      message.append(
        element('span', { class: 'query-error-icon', 'aria-hidden': 'true' }, '!'),
        line ? element('span', { class: 'query-error-location' }, `Line ${line}, column ${column ?? 1}`) : null,
        element('span', { class: 'query-error-text' }, text ?? 'The query has an error.'));
      message.hidden = false;
      root.classList.add('has-error');
      draw();
    },
    clearError() {
      error = null;
      message.hidden = true;
      root.classList.remove('has-error');
      draw();
    },
  };
  draw();
  return api;
}
