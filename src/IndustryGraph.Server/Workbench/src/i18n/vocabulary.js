// The words for the API's keys (statuses, kinds, segments, relationship types, …) in one language, from the
// vocabulary the server labels its answers with (src/IndustryGraph.Server/Vocabulary/vocabulary.json).
import vocabulary from '../../../Vocabulary/vocabulary.json';

function section(name, lang) {
  return Object.fromEntries(Object.entries(vocabulary[name]).map(([key, term]) => [key, term[lang]]));
}

export function words(lang) {
  return {
    segments: section('segments', lang),
    status: section('statuses', lang),
    kinds: section('kinds', lang),
    relationships: section('relationships', lang),
    effect: section('effects', lang),
    reportKinds: section('reportKinds', lang),
    factKeys: section('factKeys', lang),
    tags: section('tags', lang),
  };
}
