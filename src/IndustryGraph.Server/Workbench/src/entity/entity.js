// Entity page: names, figures with their sources, relationships with theirs, and links onward.
import { relationshipName } from '../shell/relationships.js';
import { h, clear } from '../shell/dom.js';
import { request } from '../api/client.js';
import { sourceList } from '../shell/sources.js';
import { entityLink, viewLink } from '../shell/links.js';
import { texts } from '../i18n/texts.js';
import { searchBox } from '../shell/pickers.js';

export async function renderEntity(container, state) {
  const t = texts();
  if (!state.ref) return clear(container, h('p', {}, t.entityPick), searchBox({ id: 'entity-search' }));
  const { entity } = await request('WorkbenchEntity', { ref: state.ref });
  const mapLink = {
    INDUSTRY_CHAIN: { view: 'map', chain: entity.name, link: undefined },
    DISTRICT: { view: 'map', district: entity.name, park: undefined, link: undefined },
    PARK: { view: 'map', park: entity.name, district: undefined, link: undefined },
  }[entity.kind];
  clear(container,
    h('h2', { id: 'entity-name' }, entity.name, ' ', h('span', { class: 'muted' }, entity.kindLabel)),
    mapLink ? h('p', {}, viewLink(t.entityOpenMap, mapLink)) : null,
    entity.aliases.length ? h('p', {}, h('strong', {}, t.entityAliases, ': '), entity.aliases.join('、')) : null,
    entity.tags.length ? h('p', {}, h('strong', {}, t.entityTags, ': '), entity.tagLabels.join('、')) : null,
    h('h3', {}, t.entityFacts),
    entity.facts.length === 0 ? h('p', { class: 'muted' }, t.none) : h('table', { id: 'entity-facts' },
      h('tbody', {}, entity.facts.map((fact) => h('tr', {},
        h('th', { scope: 'row', title: fact.key }, fact.label),
        h('td', {}, fact.valueLabel, fact.asOfLabel ? h('span', { class: 'muted' }, `（${fact.asOfLabel}）`) : null),
        h('td', {}, sourceList(fact.sources)))))),
    h('h3', {}, t.entityRelationships),
    h('ul', { id: 'entity-relationships' }, entity.relationships.map((relationship) => h('li', {},
      relationshipName(relationship.type), ` ${t.direction[relationship.direction]} `, entityLink(relationship.other),
      h('span', { class: 'muted small' }, ` ${relationship.other.kindLabel}`), sourceList(relationship.sources)))),
    h('h3', {}, t.sources), sourceList(entity.sources));
}
