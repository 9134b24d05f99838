// Builds the page from data without ever parsing it as HTML: every value becomes a text node or an
// attribute, so a payload holding markup is shown, never run.

const SVG = 'http://www.w3.org/2000/svg';

export function el(tag, props = {}, ...children) {
  return build(document.createElement(tag), props, children);
}

export function svg(tag, props = {}, ...children) {
  return build(document.createElementNS(SVG, tag), props, children);
}

function build(node, props, children) {
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

export function duration(from, to) {
  if (!from || !to) {
    return '—';
  }
  const seconds = (new Date(to) - new Date(from)) / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export function badge(text) {
  return el('span', { class: `badge badge-${String(text).toLowerCase()}` }, String(text).toLowerCase());
}

/** A message that replaces a view's content while it loads or when it cannot be shown. */
export function notice(text, kind = 'info') {
  return el('p', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function table(headings, rows, props = {}) {
  return el('table', props,
    el('thead', {}, el('tr', {}, headings.map((heading) => el('th', { scope: 'col' }, heading)))),
    el('tbody', {}, rows));
}

/**
 * Where a page of a list ({items, total, limit, offset}) sits in it, with links to the pages before
 * and after; href(offset) makes the link to the page at that offset.
 */
export function pager(page, href) {
  const { items, total, limit, offset } = page;
  return el('p', { class: 'pager' },
    offset > 0 ? el('a', { href: href(Math.max(0, offset - limit)) }, '← previous') : null,
    items.length > 0 ? ` ${offset + 1}–${offset + items.length} of ${total} ` : ` ${total} in all `,
    offset + limit < total ? el('a', { href: href(offset + limit) }, 'next →') : null);
}
