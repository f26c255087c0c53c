// A source in words: the article (by its title, the file name kept in the tooltip as the citation) and
// paragraph, or curated with its note.
import { h } from './dom.js';
import { texts } from '../i18n/texts.js';
import { loadPickers } from './pickers.js';

const shortTitleLength = 18;
let titles = new Map();

/** Reads the articles' titles once (with the pickers' data), so labels can name an article by its title. */
export async function loadSourceTitles() {
  const data = await loadPickers();
  titles = new Map(data.sourceDocuments.nodes.map((document) => [document.key, document.name]));
}

/** The article's title up to its subtitle (after ——), cut with … when still long; the file name when the title is unknown. */
export function shortTitle(document) {
  const title = titles.get(document);
  if (!title) return document;
  const main = title.split('——')[0].trim() || title;
  return main.length > shortTitleLength ? `${main.slice(0, shortTitleLength)}…` : main;
}

export function sourceText(source) {
  const t = texts();
  const note = source.noteLabel ?? source.note;
  if (source.curated) return `${t.curated}${t.colon}${note ?? ''}`;
  if (source.document) return t.paragraph(shortTitle(source.document), source.paragraph ?? '?') + (note ? t.aside(note) : '');
  return note ?? '';
}

/** One source as an inline label; an article's carries its full title and file name in the tooltip. */
export function sourceLabel(source) {
  if (!source.document || source.curated) return h('span', { class: 'source' }, sourceText(source));
  const title = titles.get(source.document);
  return h('span', {
    class: 'source',
    title: texts().sourceTooltip(title ?? source.document, source.document),
    dataset: { document: source.document, paragraph: source.paragraph ?? '' },
  }, sourceText(source));
}

/** Several sources inline, separated by semicolons. */
export function sourceLabels(sources = []) {
  return sources.flatMap((source, i) => (i === 0 ? [sourceLabel(source)] : ['; ', sourceLabel(source)]));
}

export function sourceList(sources = []) {
  if (!sources.length) return null;
  return h('ul', { class: 'sources' }, sources.map((source) => h('li', { class: source.curated ? 'curated' : 'sourced' }, sourceLabel(source))));
}
