/**
 * Building DOM without a framework. `element('div', {class: 'x', onclick: fn}, child, 'text')` makes an element:
 * attributes starting with "on" become listeners, `dataset`/`style` objects are merged, null/false children and
 * attributes are skipped. Text is always inserted as text, never parsed as HTML.
 */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset' || name === 'style') {
      Object.assign(node[name], value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      node[name] = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/** Appends children (nodes, strings, numbers, nested arrays; null/false skipped) to a node. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}
