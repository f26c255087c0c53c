// 热力图: districts × chains (share of each chain's links reached in each district), parks × links of one
// chain, and two or three scopes side by side on one chain. A cell opens the chain map for it.
import { h, clear, escapeHtml } from '../shell/dom.js';
import { request } from '../api/client.js';
import { chartIn } from '../shell/charts.js';
import { chainAndScopePickers, loadPickers } from '../shell/pickers.js';
import { statusBadge, statusColour } from '../shell/status.js';
import { viewLink } from '../shell/links.js';
import { setState } from '../state.js';
import { texts } from '../i18n/texts.js';
import { segmentOrder } from '../map/map.js';

export async function renderHeatmap(container, state) {
  const t = texts();
  // Every district is a row of the heat map, so a scope picker would change nothing here.
  const pickers = await chainAndScopePickers({ withScope: false });
  const { districts } = await loadPickers();
  const scopes = districts.nodes.map((district) => ({ district: district.name }));
  const data = await request('WorkbenchCoverage', { scope: scopes[0], compare: scopes.slice(1) });
  const rows = data.coverage;
  const chains = rows[0]?.chains.map((row) => row.chain.name) ?? [];
  const districtNames = rows.map((row) => row.scope.place?.name ?? row.scope.label);

  const heat = h('div', { class: 'chart heat-chart', role: 'img', 'aria-label': t.heatTitle, style: { height: `${Math.max(400, chains.length * 18 + 120)}px` } });
  const parks = h('section', { id: 'parks-by-link' });
  const compare = h('section', { id: 'compare' });
  clear(container,
    pickers,
    h('h2', {}, t.heatTitle),
    h('p', { class: 'muted' }, t.heatHelp),
    heatLegend(),
    heat,
    h('details', { class: 'heat-table' },
      h('summary', {}, t.heatTable),
      h('div', { class: 'table-scroll' }, heatTable(rows, chains))),
    parks,
    compare);

  const chart = chartIn(heat);
  // A district whose chain is reported by an article but has no mapped enterprise is not "absent": such cells
  // leave the green scale for a purple of their own, and any cell with unmapped links carries a marker.
  const reachedCells = [];
  const unmappedCells = [];
  rows.forEach((row, x) => row.chains.forEach((cell, y) => {
    const total = cell.total;
    const value = [x, y, total.reached, total.links, total.unmapped];
    (total.present + total.weak === 0 && total.unmapped > 0 ? unmappedCells : reachedCells).push(value);
  }));
  heat.dataset.unmappedCells = String(unmappedCells.length);
  const marker = {
    show: true,
    formatter: (item) => (item.value[4] > 0 ? '◆' : ''),
    color: statusColour('UNMAPPED'),
    textBorderColor: '#fff',
    textBorderWidth: 2,
    fontSize: 10,
  };
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    tooltip: {
      formatter: (item) => {
        const total = rows[item.value[0]].chains[item.value[1]].total;
        return `${escapeHtml(districtNames[item.value[0]])} · ${escapeHtml(chains[item.value[1]])}<br>${escapeHtml(t.heatCell(Math.round(total.reached * 100), total))}<br>${escapeHtml(t.counts(total))}`;
      },
    },
    grid: { left: 130, right: 20, top: 110, bottom: 20 },
    xAxis: { type: 'category', data: districtNames, position: 'top', axisLabel: { rotate: 35, interval: 0, fontSize: 11 } },
    yAxis: { type: 'category', data: chains, inverse: true, axisLabel: { interval: 0, fontSize: 11 } },
    visualMap: { seriesIndex: 0, min: 0, max: 1, dimension: 2, show: true, orient: 'horizontal', left: 'center', top: 0, itemHeight: 120, text: ['100%', '0%'], inRange: { color: ['#f6f8fa', '#9be9a8', '#216e39'] } },
    series: [
      { type: 'heatmap', data: reachedCells, label: marker, itemStyle: { borderColor: '#fff', borderWidth: 1 } },
      { type: 'heatmap', data: unmappedCells, label: marker, itemStyle: { color: unmappedCellColour, borderColor: '#fff', borderWidth: 1 } },
    ],
  });
  chart.on('click', (item) => setState({ view: 'map', chain: chains[item.value[1]], district: districtNames[item.value[0]], park: undefined, link: undefined }));

  await Promise.all([renderParksByLink(parks, state), renderCompare(compare, state, districts.nodes)]);
}

const unmappedCellColour = '#d8c8f0';

function heatLegend() {
  const t = texts();
  return h('ul', { class: 'legend heat-legend', 'aria-label': t.legend },
    h('li', {}, h('span', { class: 'swatch', style: { background: 'linear-gradient(90deg, #f6f8fa, #9be9a8, #216e39)', width: '36px' }, 'aria-hidden': 'true' }), t.heatReachedLegend),
    h('li', {}, h('span', { class: 'swatch', style: { background: unmappedCellColour }, 'aria-hidden': 'true' }), t.heatUnmappedLegend),
    h('li', {}, h('span', { style: { color: statusColour('UNMAPPED'), marginRight: '4px' }, 'aria-hidden': 'true' }, '◆'), t.heatMarkerLegend));
}

function heatTable(rows, chains) {
  return h('table', { id: 'heat-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, texts().chain), rows.map((row) => h('th', { scope: 'col' }, row.scope.place?.name ?? row.scope.label)))),
    h('tbody', {}, chains.map((chain, index) => h('tr', {},
      h('th', { scope: 'row' }, chain),
      rows.map((row) => {
        const total = row.chains[index].total;
        const district = row.scope.place?.name;
        const share = `${Math.round(total.reached * 100)}%`;
        return h('td', { dataset: { cell: '', chain, district, reached: total.reached, unmapped: total.unmapped } },
          viewLink(total.unmapped > 0 ? `${share} · ${texts().heatUnmappedCount(total.unmapped)}` : share,
            { view: 'map', chain, district, park: undefined, link: undefined }));
      })))));
}

async function renderParksByLink(container, state) {
  const t = texts();
  const data = await request('WorkbenchParksByLink', { chain: state.chain });
  const links = [...data.chainMap.links].sort((a, b) => segmentOrder.indexOf(a.segment) - segmentOrder.indexOf(b.segment));
  const parkNames = [...new Set(links.flatMap((link) => link.enterprisesInScope.flatMap((placement) => placement.enterprise.parks.map((park) => park.name))))].sort();
  clear(container, h('h2', {}, t.parksTitle(state.chain)));
  if (!parkNames.length) {
    container.append(h('p', { class: 'muted' }, t.parksNone));
    return;
  }
  const cells = [];
  parkNames.forEach((park, y) => links.forEach((link, x) => cells.push([x, y,
    link.enterprisesInScope.filter((placement) => placement.enterprise.parks.some((item) => item.name === park)).length])));
  const element = h('div', { class: 'chart', role: 'img', 'aria-label': t.parksTitle(state.chain), style: { height: `${parkNames.length * 28 + 130}px` } });
  container.append(element);
  const chart = chartIn(element);
  chart.setOption({
    animation: false,
    tooltip: { formatter: (item) => `${escapeHtml(parkNames[item.value[1]])} · ${escapeHtml(links[item.value[0]].link.name)}: ${escapeHtml(item.value[2])}` },
    grid: { left: 200, right: 20, top: 90, bottom: 10 },
    xAxis: { type: 'category', data: links.map((link) => link.link.name), position: 'top', axisLabel: { rotate: 35, interval: 0, fontSize: 11 } },
    yAxis: { type: 'category', data: parkNames, axisLabel: { interval: 0, fontSize: 11 } },
    visualMap: { min: 0, max: Math.max(1, ...cells.map((cell) => cell[2])), dimension: 2, show: false, inRange: { color: ['#f6f8fa', '#54aeff', '#0a3069'] } },
    series: [{ type: 'heatmap', data: cells, label: { show: true }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  });
  chart.on('click', (item) => setState({ view: 'map', park: parkNames[item.value[1]], district: undefined, link: links[item.value[0]].link.key }));
}

const defaultCompare = ['管城区', '金水区', '郑州高新技术产业开发区'];

async function renderCompare(container, state, districts) {
  const t = texts();
  const chosen = (state.compare ? state.compare.split('|') : defaultCompare).slice(0, 3);
  const selects = [0, 1, 2].map((index) => h('select', { id: `compare-${index}`, 'aria-label': `${t.compareAdd} ${index + 1}` },
    h('option', { value: '' }, '—'),
    districts.map((district) => h('option', { value: district.name, selected: chosen[index] === district.name }, district.name))));
  const maps = await Promise.all(chosen.filter(Boolean).map((district) => request('WorkbenchChainMap', { chain: state.chain, scope: { district } })));
  clear(container,
    h('h2', {}, t.compareTitle(state.chain)),
    h('div', { class: 'pickers' }, h('span', {}, t.compareAdd), selects,
      h('button', { type: 'button', id: 'compare-run', onclick: () => setState({ compare: selects.map((select) => select.value).filter(Boolean).join('|') }) }, t.compareRun)),
    h('div', { class: 'compare-grid' }, maps.map(({ chainMap }) => h('div', { class: 'compare-column', dataset: { scope: chainMap.scope.label } },
      h('h3', {}, viewLink(chainMap.scope.label, { view: 'map', district: chainMap.scope.place?.name, park: undefined, link: undefined })),
      h('p', { class: 'muted' }, t.counts(chainMap.counts)),
      h('ul', {}, chainMap.links.map((link) => h('li', {}, `${t.segments[link.segment]} · ${link.link.name} `, statusBadge(link.status))))))));
}
