/** Import rules that keep the layers honest, checked on the real import graph with ts-morph. */
import { join, relative, sep } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const project = new Project({ tsConfigFilePath: join(root, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
project.addSourceFilesAtPaths(join(root, 'src/**/*.ts'));

interface ImportEdge {
  from: string;
  to: string;
}

const edges: ImportEdge[] = project.getSourceFiles().flatMap((file) => {
  const from = relative(root, file.getFilePath()).split(sep).join('/');
  const specifiers = [
    ...file.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
    ...file.getExportDeclarations().map((d) => d.getModuleSpecifierValue()).filter((s): s is string => Boolean(s)),
  ];
  return specifiers.map((specifier) => {
    if (!specifier.startsWith('.')) return { from, to: specifier };
    const target = join(file.getDirectoryPath(), specifier);
    return { from, to: relative(root, target).split(sep).join('/').replace(/\.js$/, '.ts') };
  });
});

const formatOf = (path: string) => /^src\/formats\/([^/]+)\//.exec(path)?.[1];

describe('architecture', () => {
  it('reads the source tree', () => {
    expect(edges.length).toBeGreaterThan(20);
  });

  it('formats never import each other', () => {
    const offending = edges.filter((e) => formatOf(e.from) && formatOf(e.to) && formatOf(e.from) !== formatOf(e.to));
    expect(offending).toEqual([]);
  });

  it('parsers never import emitters', () => {
    const isParser = (p: string) => /^src\/formats\/[^/]+\/(parse|read-|resolve-|expand-)/.test(p);
    const isEmitter = (p: string) => /^src\/formats\/[^/]+\/(emit|write-)/.test(p);
    expect(edges.filter((e) => isParser(e.from) && isEmitter(e.to))).toEqual([]);
  });

  it('the behaviour model holds no format: src/behaviour imports nothing of src/formats', () => {
    // Each format states its semantics in its own folder; the model only reads those records.
    const offending = edges.filter((e) => e.from.startsWith('src/behaviour/') && e.to.startsWith('src/formats/'));
    expect(offending).toEqual([]);
    expect(edges.some((e) => e.from.startsWith('src/behaviour/'))).toBe(true);
  });

  it('src/ir imports nothing else of ours', () => {
    const offending = edges.filter((e) => e.from.startsWith('src/ir/') && e.to.startsWith('src/') && !e.to.startsWith('src/ir/'));
    expect(offending).toEqual([]);
  });

  it('only the CLI imports commander', () => {
    const importers = edges.filter((e) => e.to === 'commander').map((e) => e.from);
    expect(importers).toEqual(['src/cli.ts']);
  });

  it('nothing in src imports ts-morph, vitest, ajv or fast-check', () => {
    const devOnly = /^(ts-morph|vitest|ajv|ajv-formats|fast-check)(\/|$)/;
    expect(edges.filter((e) => devOnly.test(e.to))).toEqual([]);
  });

  it('nothing in src imports from test/ or bench/', () => {
    expect(edges.filter((e) => e.to.startsWith('test/') || e.to.startsWith('bench/'))).toEqual([]);
  });
});
