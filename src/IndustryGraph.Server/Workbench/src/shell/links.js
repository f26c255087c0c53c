// Links onward: any entity opens its entity page; chains, districts and parks also open the chain map.
import { h } from './dom.js';
import { hrefFor, setState } from '../state.js';

export function navigate(event, changes) {
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1) return;
  event.preventDefault();
  setState(changes);
}

export function viewLink(text, changes, attributes = {}) {
  return h('a', { href: hrefFor(changes), onclick: (event) => navigate(event, changes), ...attributes }, text);
}

export function entityLink(entity) {
  return viewLink(entity.name, { view: 'entity', ref: entity.id });
}
