// Bundles the workbench (plain ES modules, ECharts) into static files under dist/ that the server serves at /:
// index.html, main.js, main.css. Nothing is fetched from a CDN at run time.
import { build } from 'esbuild';
import { mkdir, rm, writeFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await build({
  entryPoints: { main: join(here, 'src', 'main.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  outdir: out,
  loader: { '.graphql': 'text' },
  logLevel: 'warning',
});

await writeFile(join(out, 'index.html'), `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>IndustryGraph 产业链工作台</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/workbench/main.css">
</head>
<body>
  <div id="app"><noscript>IndustryGraph 产业链工作台需要 JavaScript。GraphQL API: /graphql</noscript></div>
  <script type="module" src="/workbench/main.js"></script>
</body>
</html>
`);
const size = (await stat(join(out, 'main.js'))).size + (await stat(join(out, 'main.css'))).size;
console.log(`workbench bundled into ${out}: ${(size / 1024).toFixed(0)} KiB`);
