/** Small inline SVG icons for library items (built as DOM, no HTML strings). */
const NS = 'http://www.w3.org/2000/svg';

function svg(paths, color) {
  const root = document.createElementNS(NS, 'svg');
  root.setAttribute('viewBox', '0 0 16 16');
  root.setAttribute('class', 'icon');
  for (const [tag, attributes] of paths) {
    const node = document.createElementNS(NS, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (!attributes.fill) node.setAttribute('fill', color);
    root.append(node);
  }
  return root;
}

/** An icon for an item type: Folder, Dashboard, Search, anything else. */
export function itemIcon(itemType) {
  switch (itemType) {
    case 'Folder':
      return svg([['path', { d: 'M1.5 3.5a1 1 0 0 1 1-1h3.6l1.4 1.5h6a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z' }]], '#e0a526');
    case 'Dashboard':
      return svg([['rect', { x: 1.5, y: 1.5, width: 6, height: 7, rx: 1 }], ['rect', { x: 8.5, y: 1.5, width: 6, height: 4, rx: 1 }],
        ['rect', { x: 8.5, y: 6.5, width: 6, height: 8, rx: 1 }], ['rect', { x: 1.5, y: 9.5, width: 6, height: 5, rx: 1 }]], '#2e7bd6');
    case 'Search':
      return svg([['circle', { cx: 7, cy: 7, r: 4.5, fill: 'none', stroke: '#3cb49a', 'stroke-width': 2 }],
        ['rect', { x: 10.2, y: 9.6, width: 2.2, height: 5.5, rx: 1, transform: 'rotate(-45 11.3 12.35)' }]], '#3cb49a');
    default:
      return svg([['rect', { x: 3, y: 1.5, width: 10, height: 13, rx: 1.5 }]], '#8492a6');
  }
}
