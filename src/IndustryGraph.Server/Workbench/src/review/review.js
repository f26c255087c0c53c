// 待确认: the placements suggested from the register for a chain and a scope, each with the 经营范围 and the words
// that matched highlighted, the industry code and the score; a planner confirms or rejects them with an editor key.
import { h, clear } from '../shell/dom.js';
import { decide, request } from '../api/client.js';
import { chainAndScopePickers } from '../shell/pickers.js';
import { viewLink } from '../shell/links.js';
import { setState } from '../state.js';
import { texts } from '../i18n/texts.js';

export const placementKinds = ['SUGGESTED', 'CONFIRMED', 'REJECTED'];
const pageSize = 20;
const keyStorage = 'industrygraph.editorKey';

export function editorKey() {
  return sessionStorage.getItem(keyStorage) ?? '';
}

export async function renderReview(container, state) {
  const t = texts();
  const status = placementKinds.includes(state.status) ? state.status : 'SUGGESTED';
  const minScore = Number.isFinite(Number(state.minScore)) && state.minScore !== undefined ? Number(state.minScore) : undefined;
  const [pickers, data] = await Promise.all([chainAndScopePickers(), request('WorkbenchPlacements', {
    status, chain: state.chain, district: state.park ? null : state.district ?? null, park: state.park ?? null,
    minScore: minScore ?? null, first: pageSize, after: state.after ?? null,
  })]);
  const placements = data.placements;
  const message = h('p', { id: 'review-message', role: 'status', 'aria-live': 'polite' });
  clear(container,
    pickers,
    h('h2', {}, t.reviewTitle(state.chain, state.park ?? state.district ?? t.wholeCity)),
    h('p', { class: 'muted small' }, t.reviewHelp),
    keyForm(message),
    filters(status, minScore),
    h('p', { id: 'review-total' }, t.reviewTotal(placements.totalCount)),
    message,
    placements.nodes.length === 0 ? h('p', { class: 'muted', id: 'review-empty' }, t.reviewNone)
      : h('div', { class: 'table-scroll review-scroll' }, h('table', { id: 'review-table' },
        h('thead', {}, h('tr', {}, [t.reviewEnterprise, t.link, t.score, t.reviewCode, t.reviewScope, t.reviewStatus, t.reviewDecide].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, placements.nodes.map((placement) => row(placement, message))))),
    pager(state, placements.pageInfo));
}

function keyForm(message) {
  const t = texts();
  const input = h('input', { type: 'password', id: 'editor-key', autocomplete: 'off', 'aria-label': t.reviewKey, placeholder: t.reviewKeyPlaceholder });
  const saved = h('span', { id: 'editor-key-state', class: 'muted small' }, editorKey() ? t.reviewKeySaved : t.reviewKeyMissing);
  const save = () => {
    const value = input.value.trim();
    if (value) sessionStorage.setItem(keyStorage, value); else sessionStorage.removeItem(keyStorage);
    input.value = '';
    saved.textContent = value ? t.reviewKeySaved : t.reviewKeyMissing;
    message.textContent = '';
  };
  return h('form', { class: 'pickers', id: 'editor-key-form', onsubmit: (event) => { event.preventDefault(); save(); } },
    h('label', { for: 'editor-key' }, t.reviewKey), input,
    h('button', { type: 'submit', id: 'editor-key-save' }, t.reviewKeySave), saved);
}

function filters(status, minScore) {
  const t = texts();
  const scoreInput = h('input', { type: 'number', id: 'review-min-score', min: '0', max: '1', step: '0.05', value: minScore ?? '' });
  return h('form', { class: 'pickers', id: 'review-filters', onsubmit: (event) => {
    event.preventDefault();
    setState({ minScore: scoreInput.value, after: undefined });
  } },
  h('label', { for: 'review-status' }, t.reviewStatus),
  h('select', { id: 'review-status', onchange: (event) => setState({ status: event.target.value, after: undefined }) },
    placementKinds.map((kind) => h('option', { value: kind, selected: kind === status }, t.placementKinds[kind]))),
  h('label', { for: 'review-min-score' }, t.reviewMinScore), scoreInput,
  h('button', { type: 'submit', id: 'review-filter' }, t.reviewFilter));
}

function latestFact(facts) {
  return [...facts].sort((a, b) => String(a.asOf ?? '').localeCompare(String(b.asOf ?? ''))).at(-1)?.value ?? '';
}

/** The text with the evidence's spans in <mark>, as text nodes (a name or scope is never parsed as HTML). */
export function highlighted(text, spans) {
  const ordered = spans.filter((span) => span.length > 0 && span.start >= 0 && span.start + span.length <= text.length)
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const span of ordered) {
    if (span.start < at) continue;
    parts.push(text.slice(at, span.start), h('mark', {}, text.slice(span.start, span.start + span.length)));
    at = span.start + span.length;
  }
  parts.push(text.slice(at));
  return parts.filter((part) => part !== '');
}

function kindBadge(kind) {
  return h('span', { class: `badge placement-${kind.toLowerCase()}`, dataset: { kind } }, texts().placementKinds[kind] ?? kind);
}

function row(placement, message) {
  const t = texts();
  const enterprise = placement.enterprise;
  const scope = latestFact(enterprise.businessScope);
  const code = latestFact(enterprise.industryCode);
  const words = placement.evidence.filter((item) => item.kind === 'WORD');
  const names = placement.evidence.filter((item) => item.kind === 'NAME');
  const codes = placement.evidence.filter((item) => item.kind === 'CODE').map((item) => item.text);
  const status = h('td', { class: 'review-status' }, kindBadge(placement.kind));
  const buttons = ['CONFIRMED', 'REJECTED'].map((kind) => h('button', {
    type: 'button',
    class: `review-${kind === 'CONFIRMED' ? 'confirm' : 'reject'}`,
    disabled: placement.kind === kind,
    onclick: async () => {
      message.textContent = t.reviewSaving;
      const answer = await decide(kind === 'CONFIRMED' ? 'WorkbenchConfirmPlacement' : 'WorkbenchRejectPlacement',
        { enterprise: enterprise.key, link: placement.link.key }, editorKey());
      if (answer.refused) {
        message.textContent = answer.refused === 'FORBIDDEN' ? t.reviewForbidden : t.reviewUnauthenticated;
        message.className = 'error';
        return;
      }
      if (answer.error) {
        message.textContent = t.error + answer.error;
        message.className = 'error';
        return;
      }
      const decided = answer.placements[0];
      clear(status, kindBadge(decided.kind));
      tr.dataset.kind = decided.kind;
      buttons.forEach((button) => { button.disabled = button.dataset.decides === decided.kind; });
      message.className = '';
      message.textContent = t.reviewDecided(enterprise.name, placement.link.name, t.placementKinds[decided.kind] ?? decided.kind);
    },
    dataset: { decides: kind },
  }, t.reviewActions[kind]));
  const tr = h('tr', { dataset: { enterprise: enterprise.key, link: placement.link.key, kind: placement.kind } },
    h('th', { scope: 'row' }, viewLink(highlighted(enterprise.name, names), { view: 'entity', ref: enterprise.id })),
    h('td', {}, placement.link.name),
    h('td', { class: 'review-score' }, placement.score === null ? '—' : placement.score.toFixed(2)),
    h('td', { class: 'review-code' }, code || '—', codes.length ? h('div', { class: 'small' }, t.reviewCodeMatched, h('mark', {}, codes.join('、'))) : null),
    h('td', { class: 'review-scope' }, scope ? highlighted(scope, words) : h('span', { class: 'muted' }, t.none)),
    status,
    h('td', { class: 'review-actions' }, buttons));
  return tr;
}

function pager(state, pageInfo) {
  const t = texts();
  return h('p', { class: 'pager' },
    state.after ? h('button', { type: 'button', id: 'review-first', onclick: () => setState({ after: undefined }) }, t.reviewFirstPage) : null, ' ',
    pageInfo.hasNextPage ? h('button', { type: 'button', id: 'review-next', onclick: () => setState({ after: pageInfo.endCursor }) }, t.reviewNextPage) : null);
}
