// 关系路径: two entities, the shortest relationship paths between them drawn, each hop with its relationship and source.
import { relationshipName, relationshipText } from '../shell/relationships.js';
import { h, clear } from '../shell/dom.js';
import { request } from '../api/client.js';
import { chartIn } from '../shell/charts.js';
import { searchBox } from '../shell/pickers.js';
import { sourceLabels } from '../shell/sources.js';
import { entityLink } from '../shell/links.js';
import { setState } from '../state.js';
import { texts } from '../i18n/texts.js';

export async function renderPaths(container, state) {
  const t = texts();
  const from = state.from ?? '汉威科技';
  const to = state.to ?? '金水区';
  const endpoint = (label, id, value, key) => h('div', { class: 'endpoint' },
    h('label', { for: `${id}-name` }, label),
    h('input', { id: `${id}-name`, value, onchange: (event) => setState({ [key]: event.target.value }) }),
    searchBox({ id: `${id}-search`, onPick: (entity) => setState({ [key]: entity.name }) }));
  const result = h('section', { id: 'path-result', 'aria-live': 'polite' }, h('p', {}, t.loading));
  clear(container,
    h('div', { class: 'pickers' }, endpoint(t.pathFrom, 'path-from', from, 'from'), endpoint(t.pathTo, 'path-to', to, 'to'),
      h('button', { type: 'button', id: 'path-run', onclick: () => setState({ from: container.querySelector('#path-from-name').value, to: container.querySelector('#path-to-name').value }) }, t.pathRun)),
    result);

  const data = await request('WorkbenchPaths', { from, to, maxHops: 4 });
  if (!data.paths.length) return clear(result, h('p', {}, t.pathNone));
  const chartElement = h('div', { class: 'chart path-chart', role: 'img', 'aria-label': `${from} → ${to}` });
  clear(result, chartElement, data.paths.map((path, index) => h('div', { class: 'path' },
    h('h3', {}, `#${index + 1} · ${t.pathHops(path.length)}`),
    h('ol', {}, path.steps.map((step) => h('li', { class: 'hop' },
      entityLink(step.from), ` ${t.direction[step.direction]} `, relationshipName(step.relationship), ` ${t.direction[step.direction]} `, entityLink(step.to),
      h('span', { class: 'muted small' }, ` — ${t.sources}: `, step.sources.length ? sourceLabels(step.sources) : t.none)))))));
  drawPaths(chartElement, data.paths);
}

function drawPaths(element, paths) {
  const nodes = new Map();
  const links = [];
  paths.forEach((path, row) => {
    const entities = [path.steps[0].from, ...path.steps.map((step) => step.to)];
    entities.forEach((entity, column) => {
      if (!nodes.has(entity.id)) nodes.set(entity.id, { id: entity.id, name: entity.name, x: column * 220, y: row * 90 });
    });
    path.steps.forEach((step) => links.push({ source: step.from.id, target: step.to.id, label: { show: true, formatter: relationshipText(step.relationship), fontSize: 10 } }));
  });
  element.style.height = `${Math.max(180, paths.length * 90 + 80)}px`;
  const chart = chartIn(element);
  chart.setOption({
    animation: false,
    series: [{
      type: 'graph', layout: 'none', roam: true, symbolSize: 18, edgeSymbol: ['none', 'arrow'],
      label: { show: true, position: 'bottom', fontSize: 12 },
      itemStyle: { color: '#0969da' },
      data: [...nodes.values()],
      links,
      lineStyle: { color: '#8c959f', width: 1.5 },
    }],
  });
  chart.on('click', (item) => { if (item.dataType === 'node') setState({ view: 'entity', ref: item.data.id }); });
}
