// The chain and scope pickers, and the search box that finds Chinese substrings through the API's `search`.
import { h, clear } from './dom.js';
import { request } from '../api/client.js';
import { getState, setState } from '../state.js';
import { texts } from '../i18n/texts.js';

let pickerData;

export async function loadPickers() {
  pickerData ??= request('WorkbenchPickers');
  return pickerData;
}

/** The chain picker, the scope picker unless `withScope` is false (a view that covers every scope itself), and the search box. */
export async function chainAndScopePickers({ withScope = true } = {}) {
  const t = texts();
  const state = getState();
  const data = await loadPickers();
  const chain = h('select', { id: 'chain-picker', onchange: (event) => setState({ chain: event.target.value, link: undefined, after: undefined }) },
    data.chains.nodes.map((node) => h('option', { value: node.name, selected: node.name === state.chain }, node.name)));
  const scopeValue = state.park ? `park:${state.park}` : state.district ? `district:${state.district}` : '';
  const scope = h('select', {
    id: 'scope-picker',
    onchange: (event) => {
      const [kind, name] = event.target.value.split(/:(.*)/s);
      setState({ district: kind === 'district' ? name : undefined, park: kind === 'park' ? name : undefined, link: undefined, after: undefined });
    },
  },
  h('option', { value: '', selected: scopeValue === '' }, t.wholeCity),
  h('optgroup', { label: t.districts }, data.districts.nodes.map((node) => h('option', { value: `district:${node.name}`, selected: scopeValue === `district:${node.name}` }, node.name))),
  h('optgroup', { label: t.parks }, data.parks.nodes.map((node) => h('option', { value: `park:${node.name}`, selected: scopeValue === `park:${node.name}` }, node.name))));
  return h('div', { class: 'pickers' },
    h('label', { for: 'chain-picker' }, t.chain), chain,
    withScope ? [h('label', { for: 'scope-picker' }, t.scope), scope] : null,
    searchBox());
}

/** Search any name; a hit sets the chain or the scope, or opens the entity page for other kinds. */
export function searchBox({ id = 'search', onPick } = {}) {
  const t = texts();
  const results = h('ul', { class: 'search-results', id: `${id}-results`, 'aria-live': 'polite' });
  const input = h('input', { type: 'search', id, placeholder: t.search, 'aria-label': t.search, autocomplete: 'off' });
  const run = async () => {
    const text = input.value.trim();
    if (!text) return clear(results);
    const data = await request('WorkbenchSearch', { text });
    clear(results, data.search.length === 0 ? h('li', { class: 'muted' }, t.searchNone) : data.search.map((hit) =>
      h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: () => { clear(results); (onPick ?? pickHit)(hit.entity); } },
        hit.entity.name, ' ', h('span', { class: 'muted' }, t.kinds[hit.entity.kind] ?? hit.entity.kind)))));
  };
  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); run(); } });
  return h('div', { class: 'search' }, input, results);
}

function pickHit(entity) {
  switch (entity.kind) {
    case 'INDUSTRY_CHAIN': return setState({ view: 'map', chain: entity.name, link: undefined, after: undefined });
    case 'DISTRICT': return setState({ view: 'map', district: entity.name, park: undefined, link: undefined, after: undefined });
    case 'PARK': return setState({ view: 'map', park: entity.name, district: undefined, link: undefined, after: undefined });
    default: return setState({ view: 'entity', ref: entity.id });
  }
}
