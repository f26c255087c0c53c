// No dead ends: when a view cannot be shown, say in the page's words which name was not found, offer each
// suggestion as a link that opens the view with it, and keep the pickers and the tabs (without the bad name).
import { h } from './dom.js';
import { requestWithErrors } from '../api/client.js';
import { texts } from '../i18n/texts.js';
import { viewLink } from './links.js';

export const nameFields = ['chain', 'district', 'park', 'link', 'ref', 'from', 'to'];

/** The names in the state the API does not know, each with the names it suggests instead. */
export async function unknownNames(state) {
  const variables = {};
  for (const field of nameFields) {
    const has = Boolean(state[field]);
    variables[field] = has ? state[field] : '';
    variables[`has${field[0].toUpperCase()}${field.slice(1)}`] = has;
  }
  if (!nameFields.some((field) => state[field])) return [];
  const { errors } = await requestWithErrors('WorkbenchNames', variables);
  return errors
    .filter((error) => nameFields.includes(error.path?.[0]))
    .map((error) => ({ field: error.path[0], value: state[error.path[0]], suggestions: error.extensions?.suggestions ?? [] }));
}

/** The state without the names that were not found: what the tabs and pickers carry on. */
export function withoutUnknown(state, unknown) {
  const changes = {};
  for (const name of unknown) changes[name.field] = undefined;
  if (unknown.some((name) => name.field === 'chain')) changes.link = undefined;
  return changes;
}

/** One notice per unknown name: what was not found, in words, and each suggestion as a link. */
export function unknownNotice(unknown) {
  const t = texts();
  return h('div', { class: 'problem', role: 'alert', id: 'problem' }, unknown.map((name) => h('p', { dataset: { field: name.field } },
    t.notFound(t.nameFields[name.field], name.value),
    name.suggestions.length
      ? [t.didYouMean, name.suggestions.map((suggestion, i) => [i > 0 ? t.listSeparator : '', viewLink(suggestion, { [name.field]: suggestion, ...(name.field === 'chain' ? { link: undefined } : {}) }, { class: 'suggestion' })]), t.questionEnd]
      : t.pickInstead)));
}

/** A message from the API without the field and argument it starts with (chainMap: scope.district：…): a planner reads what, not where in the query. */
export function plainMessage(error) {
  return (error.errors ?? [{ message: error.message }]).map((item) => item.message.replace(/^[A-Za-z][\w]*(?::\s*[\w.[\]]+)?\s*[：:]\s*/, '')).join('；');
}
