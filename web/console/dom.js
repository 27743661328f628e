/**
 * h('button', { type: 'submit', onclick }, 'Bid'): an element with its attributes, listeners (on*) and children.
 * Text children become text nodes, so nothing from the API is ever parsed as HTML.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
  return element;
}

/** The same for SVG elements (they need their namespace). */
export function svg(tag, attributes = {}) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** Replaces what `parent` shows. */
export function show(parent, ...children) {
  parent.replaceChildren(...children.flat().filter(Boolean));
}

/** A labelled input: every field of the console goes through it (labels are an accessibility must). */
export function field(label, attributes) {
  const id = attributes.id ?? `field-${attributes.name}`;
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, ...attributes }));
}

/** The message of an API problem or any error, for the page. */
export function errorText(error) {
  return error?.problem?.detail ?? error?.problem?.title ?? error?.message ?? String(error);
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, errorText(error));
}
