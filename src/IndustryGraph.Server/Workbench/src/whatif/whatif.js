// 假如落地: pick candidate enterprises for the scope and see which links change status and how coverage changes.
import { h, clear } from '../shell/dom.js';
import { request, scopeInput } from '../api/client.js';
import { chainAndScopePickers } from '../shell/pickers.js';
import { statusBadge } from '../shell/status.js';
import { setState } from '../state.js';
import { texts } from '../i18n/texts.js';

export async function renderWhatIf(container, state) {
  const t = texts();
  const pickers = await chainAndScopePickers();
  const gaps = (await request('WorkbenchWhatIfCandidates', { chain: state.chain, scope: scopeInput(state) })).chainGaps;
  const candidates = new Map();
  for (const gap of gaps) {
    for (const candidate of gap.candidates) {
      const seen = candidates.get(candidate.enterprise.key);
      candidates.set(candidate.enterprise.key, { ...candidate.enterprise, score: Math.max(seen?.score ?? 0, candidate.score), links: [...(seen?.links ?? []), gap.link.name] });
    }
  }
  const picked = new Set(state.picked ? state.picked.split('|') : []);
  const result = h('section', { id: 'whatif-result', 'aria-live': 'polite' });
  clear(container,
    pickers,
    h('h2', {}, t.whatifTitle),
    h('fieldset', { id: 'whatif-candidates' },
      h('legend', {}, t.whatifPick),
      candidates.size === 0 ? h('p', { class: 'muted', id: 'whatif-empty' }, t.whatifNoCandidates) : [...candidates.values()].sort((a, b) => b.score - a.score).map((candidate) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', value: candidate.name, checked: picked.has(candidate.name), onchange: (event) => {
          if (event.target.checked) picked.add(candidate.name); else picked.delete(candidate.name);
        } }),
        ` ${candidate.name} `, h('span', { class: 'muted' }, `${t.score} ${candidate.score} · ${candidate.links.join('、')}`)))),
    h('button', { type: 'button', id: 'whatif-run', onclick: () => setState({ picked: [...picked].join('|') }) }, t.whatifRun),
    result);

  if (!picked.size) return clear(result, h('p', { class: 'muted' }, t.whatifNone));
  const data = (await request('WorkbenchWhatIf', { chain: state.chain, scope: scopeInput(state), enterprises: [...picked] })).whatIf;
  const percent = (counts) => `${Math.round(counts.reached * 100)}% · ${t.counts(counts)}`;
  clear(result,
    h('p', { id: 'whatif-coverage' }, h('strong', {}, t.coverage, ': '), `${t.before} ${percent(data.before.total)} → ${t.after} ${percent(data.after.total)}`),
    data.changes.length === 0 ? h('p', {}, t.noChanges) : h('table', { id: 'whatif-changes' },
      h('thead', {}, h('tr', {}, [t.link, t.before, t.after, t.whatifChange].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, data.changes.map((change) => h('tr', {},
        h('td', {}, change.link.name),
        h('td', {}, statusBadge(change.before), ` ${change.countBefore}`),
        h('td', {}, statusBadge(change.after), ` ${change.countAfter}`),
        h('td', {}, t.effect[change.effect] ?? change.effect))))),
    data.alreadyInScope.length ? h('p', { class: 'muted' }, `${t.alreadyInScope}: ${data.alreadyInScope.map((item) => item.name).join('、')}`) : null,
    data.outsideChain.length ? h('p', { class: 'muted' }, `${t.outsideChain}: ${data.outsideChain.map((item) => item.name).join('、')}`) : null);
}
