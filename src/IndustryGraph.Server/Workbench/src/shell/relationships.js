// A relationship type in the reader's words; the API's code stays in the tooltip and data attribute.
import { h } from './dom.js';
import { texts } from '../i18n/texts.js';

export function relationshipText(type) {
  return texts().relationships[type] ?? type;
}

export function relationshipName(type) {
  return h('span', { class: 'relationship', title: type, dataset: { relationship: type } }, relationshipText(type));
}
