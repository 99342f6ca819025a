/**
 * Text panels' markdown-ish text: paragraphs, `- ` lists, `# ` headings, **bold**, *italic*, `code` and
 * [links](https://...). Built as DOM nodes, never parsed as HTML.
 */
import { element } from '../core/dom.js';

function inline(text) {
  const nodes = [];
  const pattern = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|\*(.+?)\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    if (match[1] !== undefined) nodes.push(element('strong', {}, match[1]));
    else if (match[2] !== undefined) nodes.push(element('code', {}, match[2]));
    else if (match[3] !== undefined) nodes.push(element('a', { href: match[4], target: '_blank', rel: 'noopener' }, match[3]));
    else nodes.push(element('em', {}, match[5]));
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** A `div.className` holding the rendered text. */
export function renderText(text, className) {
  const root = element('div', { class: className });
  let list = null;
  for (const block of String(text).split(/\n\s*\n/)) {
    for (const line of block.split('\n')) {
      const item = /^\s*[-*]\s+(.*)$/.exec(line);
      const heading = /^\s*(#{1,3})\s+(.*)$/.exec(line);
      if (item) {
        if (!list) root.append(list = element('ul'));
        list.append(element('li', {}, inline(item[1])));
        continue;
      }
      list = null;
      if (heading) root.append(element(`h${heading[1].length + 3}`, {}, inline(heading[2])));
      else if (line.trim()) root.append(element('p', {}, inline(line.trim())));
    }
    list = null;
  }
  return root;
}
