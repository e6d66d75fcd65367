/** The diagnostic catalog and the codes used in src/ stay in sync. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/diagnostics/catalog.js';

const srcDir = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.generated.ts') ? [path] : [];
  });
}

const sources = sourceFiles(srcDir)
  // The catalog and its documentation table name every code; they must not count as uses.
  .filter((path) => !path.endsWith(join('diagnostics', 'catalog.ts')) && !path.endsWith(join('diagnostics', 'catalog-docs.ts')))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

describe('diagnostic catalog', () => {
  it('uses kebab-case codes with a summary each', () => {
    for (const [code, info] of Object.entries(catalog)) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(info.summary.length, code).toBeGreaterThan(10);
      expect(['error', 'warning', 'info', 'manual']).toContain(info.severity);
    }
  });

  it('has every code used in src/', () => {
    const used = new Set<string>();
    for (const match of sources.matchAll(/\b(?:report\(\s*[\w.]+,\s*|code:\s*)'([a-z0-9-]+)'/g)) used.add(match[1]!);
    const missing = [...used].filter((code) => !(code in catalog));
    expect(missing).toEqual([]);
  });

  it('gives each code one severity: src/ never sets a severity beside a code', () => {
    // report() takes the catalog's severity and has no option to change it; a diagnostic built as a
    // value goes through catalogued(). A literal severity next to a code would let the two disagree.
    const literal = [...sources.matchAll(/\bseverity:\s*'(?:error|warning|info|manual)'/g)].map((m) => m[0]);
    expect(literal).toEqual([]);
  });

  it('lists no code that src/ never uses', () => {
    const unused = Object.keys(catalog).filter((code) => !sources.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});
