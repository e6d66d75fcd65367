/**
 * Turns the declarative tables in mappings/*.yml into checked-in typed modules under
 * src/rules/generated/, so `tsc` type-checks the data and the CLI never parses rule YAML at
 * start-up. `--check` exits 1 when a generated file is stale (used by the test suite).
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, VariableDeclarationKind } from 'ts-morph';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mappingsDir = join(root, 'mappings');
const outDir = join(root, 'src', 'rules', 'generated');

export function camelName(file: string): string {
  return basename(file, '.yml').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function generateAll(): Map<string, string> {
  const project = new Project({ useInMemoryFileSystem: true });
  const outputs = new Map<string, string>();
  for (const file of readdirSync(mappingsDir).filter((f) => f.endsWith('.yml')).sort()) {
    const data = parse(readFileSync(join(mappingsDir, file), 'utf8'), { version: '1.1' });
    const name = camelName(file);
    const source = project.createSourceFile(`${name}.generated.ts`, '', { overwrite: true });
    source.addStatements([
      `// Generated from mappings/${file} by test/tools/generate-mappings.ts. Do not edit; run \`npm run generate\`.`,
    ]);
    source.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name, initializer: `${JSON.stringify(data, null, 2)} as const` }],
    });
    outputs.set(join(outDir, `${basename(file, '.yml')}.generated.ts`), source.getFullText());
  }
  return outputs;
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, text] of generateAll()) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === text) continue;
    stale++;
    if (check) console.error(`stale: ${path}`);
    else writeFileSync(path, text);
  }
  if (check && stale) process.exit(1);
  if (!check) console.log(`generated ${stale} file(s)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
