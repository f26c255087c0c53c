// The planner's workbench: the shell (title, views, language) and the router from the address bar's state.
import { h, clear } from './shell/dom.js';
import { disposeCharts } from './shell/charts.js';
import { getState, onStateChange, setState, hrefFor } from './state.js';
import { texts } from './i18n/texts.js';
import { navigate } from './shell/links.js';
import { renderMap } from './map/map.js';
import { renderHeatmap } from './heatmap/heatmap.js';
import { renderPaths } from './paths/paths.js';
import { renderWhatIf } from './whatif/whatif.js';
import { renderEntity } from './entity/entity.js';
import { renderReview } from './review/review.js';
import { loadSourceTitles } from './shell/sources.js';
import { unknownNames, unknownNotice, withoutUnknown, plainMessage } from './shell/problems.js';
import './style.css';

const views = { map: renderMap, heatmap: renderHeatmap, paths: renderPaths, whatif: renderWhatIf, entity: renderEntity, review: renderReview };
const root = document.getElementById('app');
let renderCount = 0;
// Names of the last address that were not found: said once, above the view shown without them.
let pendingNotice = null;
const defaultChain = '智能传感器';

async function render(state) {
  const t = texts();
  const render = ++renderCount;
  disposeCharts();
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  document.title = `${t.nav[state.view] ?? ''} · ${t.title}`;
  const notice = pendingNotice;
  pendingNotice = null;
  const main = h('main', { id: 'main', tabindex: '-1' }, h('p', {}, t.loading));
  clear(root,
    h('a', { class: 'skip', href: '#main' }, t.skip),
    h('header', {},
      h('h1', {}, t.title),
      h('nav', { 'aria-label': t.title },
        h('ul', { class: 'tabs' }, ['map', 'review', 'heatmap', 'paths', 'whatif'].map((view) => h('li', {},
          h('a', { href: hrefFor({ view }), 'aria-current': state.view === view ? 'page' : undefined, onclick: (event) => navigate(event, { view }) }, t.nav[view]))))),
      h('button', { type: 'button', id: 'language', lang: state.lang === 'en' ? 'zh-CN' : 'en', 'aria-label': t.languageLabel, onclick: () => setState({ lang: state.lang === 'en' ? undefined : 'en' }) }, t.language)),
    main);
  const view = views[state.view] ?? renderMap;
  try {
    await loadSourceTitles();
    const content = h('div', { class: `view view-${state.view}` });
    const rendering = view(content, state);
    clear(main, notice ? unknownNotice(notice) : null, content);
    await rendering;
    if (render === renderCount) {
      main.dataset.ready = state.view;
      performance.mark(`workbench-${state.view}-ready`);
    }
  } catch (error) {
    if (render !== renderCount) return;
    const unknown = await unknownNames(state).catch(() => []);
    if (render !== renderCount) return;
    if (unknown.length) {
      // The view again without the names not found (a chain falls back to the default one), the notice above it.
      pendingNotice = unknown;
      const changes = withoutUnknown(state, unknown);
      if (unknown.some((name) => name.field === 'chain')) changes.chain = defaultChain;
      setState(changes, { push: false });
      return;
    }
    clear(main, notice ? unknownNotice(notice) : null, h('p', { class: 'error', role: 'alert' }, t.error, plainMessage(error)));
  }
}

onStateChange(render);
render(getState());
