// Runs the GraphQL-over-HTTP audit suite of graphql-http against a running server and prints one JSON
// array: [{ id, name, level, status, reason }], level being MUST, SHOULD or MAY.
// Usage: node audit.mjs http://127.0.0.1:5080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql url>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({
    id: audit.id,
    name: audit.name,
    level: audit.name.split(' ')[0],
    status: result.status,
    reason: result.status === 'ok' ? null : result.reason,
  });
}
console.log(JSON.stringify(results));
