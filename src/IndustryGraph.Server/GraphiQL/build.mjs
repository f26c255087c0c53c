// Bundles GraphiQL into static files under dist/ (index.html, main.js, main.css, fonts and the
// Monaco workers), which the server serves itself: nothing is fetched from a CDN at run time.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

const common = { bundle: true, minify: true, logLevel: 'warning', define: { 'process.env.NODE_ENV': '"production"' } };

await build({
  ...common,
  entryPoints: { main: join(here, 'main.jsx') },
  outdir: out,
  format: 'esm',
  jsx: 'automatic',
  target: 'es2022',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl' },
  assetNames: 'assets/[name]-[hash]',
});

await build({
  ...common,
  entryPoints: {
    'workers/editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'workers/json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'workers/graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  absWorkingDir: here,
  outdir: out,
  format: 'iife',
  target: 'es2022',
});

await writeFile(join(out, 'index.html'), `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>IndustryGraph · GraphiQL</title>
  <base href="/graphiql/">
  <link rel="stylesheet" href="main.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script type="module" src="main.js"></script>
</body>
</html>
`);
console.log(`GraphiQL bundled into ${out}`);
