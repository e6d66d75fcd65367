// Bundles the compiled CLI (dist/) into a few files under dist/bundle/ so `ciport` starts without
// resolving ~200 modules one by one: module loading was most of a cold start (bench: cold start).
// The audit worker and the library (`import ... from 'ciport'`, typed by dist/index.d.ts) are their
// own entries; shared code becomes chunks that they load.
// Usage: node scripts/bundle.mjs [distDir]   (default: dist beside this script's package)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
const outdir = join(dist, 'bundle');
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: { ciport: join(dist, 'cli-main.js'), 'audit-worker': join(dist, 'commands/audit/worker.js'), index: join(dist, 'index.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  // commander is CommonJS; an ESM bundle needs a `require` for its `require('node:events')`.
  banner: { js: "import { createRequire as __ciportCreateRequire } from 'node:module'; const require = __ciportCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
