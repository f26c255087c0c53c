// The page state lives in the address bar (view, chain, scope, selected link, language...), so a pasted link
// opens the same view. Every change goes through setState, which rewrites the URL and re-renders.
const keys = ['view', 'chain', 'district', 'park', 'link', 'lang', 'from', 'to', 'ref', 'compare', 'picked', 'status', 'minScore', 'after'];
const listeners = [];

export function readState() {
  const query = new URLSearchParams(location.search);
  const state = { view: 'map', chain: '智能传感器' };
  for (const key of keys) {
    if (query.has(key)) state[key] = query.get(key);
  }
  return state;
}

let state = readState();

export function getState() {
  return state;
}

export function setState(changes, { push = true } = {}) {
  state = { ...state, ...changes };
  for (const key of keys) {
    if (state[key] === undefined || state[key] === null || state[key] === '') delete state[key];
  }
  const query = new URLSearchParams();
  for (const key of keys) {
    if (state[key] !== undefined) query.set(key, state[key]);
  }
  const url = `${location.pathname}?${query}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  listeners.forEach((listener) => listener(state));
}

export function onStateChange(listener) {
  listeners.push(listener);
}

addEventListener('popstate', () => {
  state = readState();
  listeners.forEach((listener) => listener(state));
});

/** A link to the page with these changes to the current state (for real <a href>s, so they open in a new tab too). */
export function hrefFor(changes) {
  const next = { ...state, ...changes };
  const query = new URLSearchParams();
  for (const key of keys) {
    if (next[key] !== undefined && next[key] !== null && next[key] !== '') query.set(key, next[key]);
  }
  return `${location.pathname}?${query}`;
}
