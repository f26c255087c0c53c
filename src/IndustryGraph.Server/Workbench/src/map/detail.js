// A link's evidence: enterprises in scope with provenance, candidates with score and reasons, labs, parks and
// districts elsewhere hosting it, and the reports behind an UNMAPPED status.
import { h, clear } from '../shell/dom.js';
import { request, scopeInput } from '../api/client.js';
import { statusBadge } from '../shell/status.js';
import { sourceList, sourceLabels } from '../shell/sources.js';
import { entityLink } from '../shell/links.js';
import { texts } from '../i18n/texts.js';

export async function renderLinkDetail(container, state, assessment) {
  const t = texts();
  clear(container, h('p', {}, t.loading));
  const data = await request('WorkbenchLinkDetail', { chain: state.chain, scope: scopeInput(state), link: state.link });
  const link = data.chainMap.links.find((item) => item.link.key === state.link) ?? assessment;
  const gap = data.chainGaps.find((item) => item.link.key === state.link);
  const section = (title, id, items, render) => h('section', { id },
    h('h4', {}, title, items ? ` (${items.length})` : ''),
    items?.length ? h('ul', {}, items.map((item) => h('li', {}, render(item)))) : h('p', { class: 'muted' }, t.none));

  clear(container,
    h('h3', { id: 'detail-title' }, data.link?.name ?? state.link, ' ', link ? statusBadge(link.status) : null),
    link ? h('p', { class: 'rule' }, h('strong', {}, t.rule, ': '), link.rule) : null,
    section(t.inScope, 'detail-in-scope', link?.enterprisesInScope ?? [], (placement) => [
      entityLink(placement.enterprise), ' ', h('span', { class: 'muted' }, placement.sourced ? t.sourced : t.curated), sourceList(placement.sources)]),
    gap?.reports ? section(t.reports, 'detail-reports', gap.reports, (report) => [
      entityLink(report.place), ' · ', t.reportKinds[report.kind] ?? report.kind, report.count != null ? ` ${report.count}` : '', sourceList(report.sources)]) : null,
    gap?.targets?.length ? section(t.targets, 'detail-targets', gap.targets, (fact) => [
      h('strong', { title: fact.key }, fact.label), ` ${fact.valueLabel}`, fact.asOfLabel ? h('span', { class: 'muted' }, `（${fact.asOfLabel}）`) : null, sourceList(fact.sources)]) : null,
    gap?.focusParks ? section(t.focusParks, 'detail-focus-parks', gap.focusParks, (park) => entityLink(park)) : null,
    gap ? section(t.candidates, 'detail-candidates', gap.candidates, (candidate) => [
      entityLink(candidate.enterprise), ' ', h('strong', { class: 'score' }, `${t.score} ${candidate.score}`),
      candidate.district ? h('span', { class: 'muted' }, ` · ${candidate.district.name}`) : null,
      candidate.parks.length ? h('span', { class: 'muted' }, ` · ${candidate.parks.map((park) => park.name).join('、')}`) : null,
      h('ul', { class: 'reasons', 'aria-label': t.reasons }, candidate.reasons.map((reason) => h('li', {}, `+${reason.points} ${reason.text}`))),
      h('p', { class: 'muted small' }, t.sources, ': ', sourceLabels(candidate.placement.sources))]) : null,
    gap ? section(t.labs, 'detail-labs', gap.researchPartners, (support) => [entityLink(support.partner), sourceList(support.sources)]) : null,
    gap ? section(t.hostingParks, 'detail-parks', gap.hostingParks, (host) => [entityLink(host.park), ` · ${host.district?.name ?? ''} · ${host.enterpriseCount}`]) : null,
    gap ? section(t.hostingDistricts, 'detail-districts', gap.hostingDistricts, (host) => [entityLink(host.district), ` · ${host.enterpriseCount}`]) : null,
    data.link?.sources?.length ? h('section', {}, h('h4', {}, t.sources), sourceList(data.link.sources)) : null);
}
