// Lints Cypher statements with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support).
// Input: a JSON file {"schema": {labels, relationshipTypes, propertyKeys}, "statements": [{"name", "statement", "parameters": [names]}]}.
// Output (stdout): a JSON array of {name, severity, message, line, offset} for every diagnostic; exit 0 either way.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const diagnostics = [];
for (const item of input.statements) {
  const parameters = Object.fromEntries(item.parameters.map(name => [name, null]));
  const dbSchema = {
    labels: input.schema.labels,
    relationshipTypes: input.schema.relationshipTypes,
    propertyKeys: input.schema.propertyKeys,
    parameters,
  };
  let result;
  try {
    result = lintCypherQuery(item.statement, dbSchema);
  } catch (error) {
    diagnostics.push({ name: item.name, severity: 'Error', message: `the linter failed: ${error}`, line: 0, offset: 0 });
    continue;
  }
  const found = Array.isArray(result) ? result : (result?.diagnostics ?? []);
  for (const diagnostic of found) {
    diagnostics.push({
      name: item.name,
      severity: diagnostic.severity === 1 ? 'Error' : diagnostic.severity === 2 ? 'Warning' : String(diagnostic.severity),
      message: diagnostic.message,
      line: diagnostic.range?.start?.line ?? 0,
      offset: diagnostic.offsets?.start ?? 0,
    });
  }
}
process.stdout.write(JSON.stringify(diagnostics, null, 1));
