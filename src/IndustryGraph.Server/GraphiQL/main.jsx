// GraphiQL for IndustryGraph: the example operations of schema/examples/ open as tabs (the server hands them
// out at /graphiql/examples.json), and queries go to /graphql on the same server.
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';

// Monaco runs its language services in web workers; build.mjs bundles them as files next to this one.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const name = label === 'json' ? 'json' : label === 'graphql' ? 'graphql' : 'editor';
    return new Worker(new URL(`workers/${name}.worker.js`, document.baseURI));
  },
};

async function fetcher(params, options) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options?.headers ?? {}),
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

async function loadExamples() {
  try {
    const response = await fetch('/graphiql/examples.json');
    return response.ok ? await response.json() : [];
  } catch {
    return [];
  }
}

const examples = await loadExamples();
const tabs = examples.map((example) => ({ query: `# ${example.name}\n${example.query}`, variables: example.variables ?? undefined }));
createRoot(document.getElementById('graphiql')).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={tabs.length > 0 ? tabs : undefined}
    defaultQuery={tabs[0]?.query ?? '{ parks(first: 5) { nodes { name district { name } } } }'}
    defaultEditorToolsVisibility={true}
  />,
);
