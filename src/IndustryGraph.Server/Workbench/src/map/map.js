// 产业链图谱: a chain's links laid out upstream → midstream → downstream in columns (segment, then position),
// SUPPLIES edges between them, coloured by status; the list beside it is the keyboard way in; choosing a link
// shows its evidence.
import { h, clear, escapeHtml } from '../shell/dom.js';
import { request, scopeInput, gapReportUrl } from '../api/client.js';
import { chartIn } from '../shell/charts.js';
import { chainAndScopePickers } from '../shell/pickers.js';
import { legend, statusBadge, statusColour, statusName } from '../shell/status.js';
import { setState } from '../state.js';
import { texts } from '../i18n/texts.js';
import { renderLinkDetail } from './detail.js';
import { sourceLabels } from '../shell/sources.js';

export const segmentOrder = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'];

/** Node positions: one column per segment, links in chain order down each column. */
export function layeredLayout(links, { columnWidth = 260, rowHeight = 64 } = {}) {
  const positions = new Map();
  for (const [column, segment] of segmentOrder.entries()) {
    links.filter((link) => link.segment === segment)
      .sort((a, b) => a.link.position - b.link.position)
      .forEach((link, row) => positions.set(link.link.key, { x: column * columnWidth, y: row * rowHeight }));
  }
  return positions;
}

export async function renderMap(container, state) {
  const t = texts();
  // Both requests at once: the map is what the planner waits for.
  const [pickers, data] = await Promise.all([chainAndScopePickers(), request('WorkbenchChainMap', { chain: state.chain, scope: scopeInput(state) })]);
  const map = data.chainMap;
  const statuses = [...new Set(map.links.map((link) => link.status))];
  const scopeName = map.scope.kind === 'CITY' ? t.wholeCity : map.scope.label;
  const chartElement = h('div', { class: 'chart chain-chart', role: 'img', 'aria-label': `${map.chain.name} · ${scopeName} · ${t.counts(map.counts)}` });
  const detail = h('section', { class: 'detail', id: 'link-detail', 'aria-live': 'polite', 'aria-label': t.detail }, h('p', { class: 'muted' }, t.linkHint));

  clear(container,
    pickers,
    h('div', { class: 'summary' },
      h('h2', {}, `${map.chain.name} · ${scopeName}`),
      h('p', { id: 'map-counts' }, t.counts(map.counts)),
      h('p', { class: 'export' }, t.export, ': ',
        h('a', { href: gapReportUrl(state, 'xlsx'), id: 'export-xlsx', download: '' }, t.exportXlsx), ' · ',
        h('a', { href: gapReportUrl(state, 'csv'), id: 'export-csv', download: '' }, t.exportCsv))),
    caveat(map),
    legend(statuses),
    h('div', { class: 'map-layout' },
      h('div', { class: 'map-main' }, chartElement, linkList(map, state)),
      detail));

  drawChain(chartElement, map, state);
  if (state.link) {
    await renderLinkDetail(detail, state, map.links.find((link) => link.link.key === state.link));
    // One column (a 1024 px tablet): the evidence sits under the map, so bring it into view.
    if (matchMedia('(max-width: 1100px)').matches) detail.scrollIntoView({ block: 'start' });
  }
  return map;
}

/** Thin data is said out loud: the scope's coverage when the API gives it, otherwise no enterprise known at all. */
function caveat(map) {
  const t = texts();
  const coverage = map.scope.coverage;
  if (coverage && map.scope.kind !== 'CITY') {
    const thin = coverage.statedEnterprises ? coverage.knownEnterprises < coverage.statedEnterprises / 2 : coverage.knownEnterprises < 5;
    return thin ? h('div', { class: 'caveat', role: 'note', id: 'coverage-caveat' },
      t.thin(coverage.knownEnterprises, coverage.statedEnterprises), coverage.sources.length ? [' ', t.sources, ': ', sourceLabels(coverage.sources)] : null) : null;
  }
  const known = map.links.reduce((sum, link) => sum + link.countInScope, 0);
  return map.scope.kind !== 'CITY' && known === 0 ? h('p', { class: 'caveat', role: 'note', id: 'coverage-caveat' }, t.thinNoCoverage) : null;
}

function linkList(map, state) {
  const t = texts();
  return h('nav', { class: 'link-list', 'aria-label': t.links },
    segmentOrder.map((segment) => {
      const links = map.links.filter((link) => link.segment === segment);
      return h('div', { class: 'segment-column' },
        h('h3', {}, t.segments[segment]),
        h('ul', {}, links.map((link) => h('li', {},
          h('button', {
            type: 'button',
            class: 'link-node',
            'aria-pressed': String(state.link === link.link.key),
            dataset: { linkKey: link.link.key, status: link.status },
            style: { borderColor: statusColour(link.status) },
            onclick: () => setState({ link: link.link.key }),
          }, h('span', { class: 'link-name' }, link.link.name), ' ', statusBadge(link.status), ' ', h('span', { class: 'muted' }, `(${link.countInScope})`))))));
    }));
}

function drawChain(element, map, state) {
  const t = texts();
  const positions = layeredLayout(map.links);
  const chart = chartIn(element);
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    tooltip: { formatter: (item) => item.dataType === 'node' ? `${escapeHtml(item.data.name)}<br>${escapeHtml(statusName(item.data.status))}<br>${escapeHtml(item.data.rule)}` : '' },
    series: [{
      type: 'graph',
      layout: 'none',
      roam: true,
      edgeSymbol: ['none', 'arrow'],
      edgeSymbolSize: 8,
      symbol: 'roundRect',
      symbolSize: [150, 36],
      label: { show: true, color: '#fff', fontSize: 13, overflow: 'truncate', width: 140 },
      lineStyle: { color: '#8c959f', width: 1.5, curveness: 0.15 },
      data: map.links.map((link) => ({
        id: link.link.key,
        name: link.link.name,
        status: link.status,
        rule: link.rule,
        ...positions.get(link.link.key),
        itemStyle: { color: statusColour(link.status), borderColor: state.link === link.link.key ? '#0b3d91' : '#fff', borderWidth: state.link === link.link.key ? 4 : 1 },
      })),
      links: map.supplies.map((edge) => ({ source: edge.from.key, target: edge.to.key })),
    }],
  });
  chart.on('click', (item) => {
    if (item.dataType === 'node') setState({ link: item.data.id });
  });
}
