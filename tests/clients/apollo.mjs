// A real GraphQL client against the running server: Apollo Client runs every operation of schema/examples,
// pages through a cursor connection to its end (forwards, then backwards), and repeats an example with
// Automatic Persisted Queries over GET. Prints one JSON object with what it saw.
// Usage: node apollo.mjs http://127.0.0.1:5080/graphql ../../schema/examples
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { getIntrospectionQuery } from 'graphql';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const [url, examplesFolder] = process.argv.slice(2);
if (!url || !examplesFolder) {
  console.error('usage: node apollo.mjs <graphql url> <examples folder>');
  process.exit(2);
}

// Counts what goes over the wire, to show the persisted-query exchange.
const requests = [];
const countingFetch = (input, init) => {
  const method = init?.method ?? 'GET';
  const carriesQuery = method === 'POST' ? String(init.body).includes('"query"') : new URL(String(input)).searchParams.has('query');
  requests.push({ method, carriesQuery });
  return fetch(input, init);
};

const client = new ApolloClient({ link: new HttpLink({ uri: url, fetch }), cache: new InMemoryCache() });

const examples = [];
for (const file of (await readdir(examplesFolder)).filter((name) => name.endsWith('.graphql')).sort()) {
  const text = await readFile(join(examplesFolder, file), 'utf8');
  // An example that needs variables keeps them beside it: name.graphql and name.variables.json.
  const variables = await readFile(join(examplesFolder, file.replace(/\.graphql$/, '.variables.json')), 'utf8').then(JSON.parse, () => undefined);
  try {
    const result = await client.query({ query: gql(text), variables, fetchPolicy: 'network-only' });
    examples.push({ file, ok: !result.error && result.data != null, error: result.error?.message ?? null, data: result.data });
  } catch (error) {
    examples.push({ file, ok: false, error: String(error?.message ?? error), data: null });
  }
}

// Page through every park, ten at a time, to the end, then back from the end with last/before.
const forwardQuery = gql`query ParkPageForward($after: String) {
  parks(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } }
}`;
const backwardQuery = gql`query ParkPageBackward($before: String) {
  parks(last: 10, before: $before) { totalCount pageInfo { hasPreviousPage startCursor } nodes { id name } }
}`;
const forward = { pages: 0, ids: [], totalCount: null };
for (let after = null; ;) {
  const { data } = await client.query({ query: forwardQuery, variables: { after }, fetchPolicy: 'no-cache' });
  forward.pages += 1;
  forward.totalCount = data.parks.totalCount;
  forward.ids.push(...data.parks.nodes.map((park) => park.id));
  if (!data.parks.pageInfo.hasNextPage || forward.pages > 1000) break;
  after = data.parks.pageInfo.endCursor;
}
const backward = { pages: 0, ids: [] };
for (let before = null; ;) {
  const { data } = await client.query({ query: backwardQuery, variables: { before }, fetchPolicy: 'no-cache' });
  backward.pages += 1;
  backward.ids.unshift(...data.parks.nodes.map((park) => park.id));
  if (!data.parks.pageInfo.hasPreviousPage || backward.pages > 1000) break;
  before = data.parks.pageInfo.startCursor;
}

// Automatic Persisted Queries: the first request sends only the hash (miss), the link retries with the query;
// the next client sends only the hash again, over GET, and the server knows it.
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const persistedClient = () => new ApolloClient({
  link: ApolloLink.from([
    new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
    new HttpLink({ uri: url, fetch: countingFetch }),
  ]),
  cache: new InMemoryCache(),
});
const persistedText = await readFile(join(examplesFolder, 'parks-in-guancheng.graphql'), 'utf8');
const first = await persistedClient().query({ query: gql(persistedText), fetchPolicy: 'network-only' });
const requestsForFirst = requests.splice(0);
const second = await persistedClient().query({ query: gql(persistedText), fetchPolicy: 'network-only' });
const requestsForSecond = requests.splice(0);

// The introspection query GraphiQL and code generators send (graphql-js defaults) must pass the depth and cost limits.
const introspection = await client.query({
  query: gql(getIntrospectionQuery()),
  fetchPolicy: 'no-cache',
}).then((result) => ({ ok: !result.error, types: result.data?.__schema?.types?.length ?? 0, error: result.error?.message ?? null }), (error) => ({ ok: false, types: 0, error: String(error) }));

console.log(JSON.stringify({
  examples,
  introspection,
  forward,
  backward,
  persisted: {
    firstOk: first.data != null && !first.error,
    secondOk: second.data != null && !second.error,
    sameData: JSON.stringify(first.data) === JSON.stringify(second.data),
    requestsForFirst,
    requestsForSecond,
  },
}));
