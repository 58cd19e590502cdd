// DOM building that cannot inject markup: every piece of text becomes a Text node or an attribute value, never HTML.
// Nothing in this front end assigns innerHTML; remote text (titles, messages, cells, column names) goes through here.

type Child = Node | string | number | null | undefined | false;

export interface Attributes {
  [name: string]: string | number | boolean | null | undefined | ((event: Event) => void);
}

/** Creates an element; `on…` function attributes become listeners, `true` boolean attributes are set empty. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attributes) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (typeof value === 'function') {
        element.addEventListener(name.slice(2).toLowerCase(), value);
      } else if (value === true) {
        element.setAttribute(name, '');
      } else {
        element.setAttribute(name, String(value));
      }
    }
  }
  append(element, ...children);
  return element;
}

/** Appends children, text as Text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Removes every child. */
export function clear(element: Element): void {
  element.replaceChildren();
}

/** The element with this id, or an error naming it (the page's skeleton is static, so a miss is a bug). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`the page has no element #${id}`);
  }
  return element as T;
}

/** A link only for http(s) URLs (never javascript: or data:), opened in a new tab without a referrer. */
export function safeLink(url: string, text?: string): HTMLAnchorElement | null {
  let parsed: URL;
  try {
    parsed = new URL(url, location.href);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return null;
  }
  return h('a', { href: parsed.href, target: '_blank', rel: 'noopener noreferrer' }, text ?? url);
}
