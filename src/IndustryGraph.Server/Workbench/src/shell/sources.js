// A source in words: the article and paragraph, or curated with its note.
import { h } from './dom.js';
import { texts } from '../i18n/texts.js';

export function sourceText(source) {
  const t = texts();
  if (source.curated) return `${t.curated}: ${(source.note ?? '').replace(/^curated:\s*/i, '')}`;
  if (source.document) return t.paragraph(source.document, source.paragraph ?? '?') + (source.note ? ` (${source.note})` : '');
  return source.note ?? '';
}

export function sourceList(sources = []) {
  if (!sources.length) return null;
  return h('ul', { class: 'sources' }, sources.map((source) => h('li', { class: source.curated ? 'curated' : 'sourced' }, sourceText(source))));
}
