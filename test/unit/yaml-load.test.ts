import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/diagnostics/sink.js';
import { SourceSet } from '../../src/diagnostics/source-map.js';
import { loadYaml } from '../../src/yaml/load.js';
import { createReader, entries, entry, items, scalarText, stringValue, toPlain, commentsOf } from '../../src/yaml/view.js';
import { reportUnconsumedKeys } from '../../src/yaml/account.js';
import { limits } from '../../src/yaml/limits.js';

function load(text: string) {
  const sink = createSink();
  const loaded = loadYaml(text, 'x.yml', sink);
  return { sink, loaded, codes: sink.diagnostics.map((d) => d.code) };
}

function positionOf(text: string, offset: number) {
  const sources = new SourceSet();
  sources.add('x.yml', text);
  return sources.position('x.yml', offset);
}

describe('loadYaml', () => {
  it('reads a mapping and keeps positions', () => {
    const { loaded, codes } = load('a: 1\nb:\n  c: two\n');
    expect(codes).toEqual([]);
    const reader = createReader('x.yml', loaded.body!);
    const c = entry(reader, entry(reader, loaded.body!.contents, 'b')!.value, 'c')!;
    expect(stringValue(reader, c.value)).toBe('two');
    expect(positionOf(loaded.text, c.keyNode.range![0])).toEqual({ line: 3, column: 3 });
  });

  it('reports syntax errors with their position and no body', () => {
    const text = 'a: 1\nb: [unclosed\n';
    const { loaded, sink } = load(text);
    expect(loaded.body).toBeUndefined();
    const error = sink.diagnostics.find((d) => d.code === 'yaml-syntax')!;
    expect(error.severity).toBe('error');
    expect(positionOf(text, error.origin!.range[0])!.line).toBeGreaterThanOrEqual(2);
  });

  it('strips a BOM and reads CRLF like LF', () => {
    const lf = load('a: 1\nb: [x, y]\n');
    const crlf = load('\ufeffa: 1\r\nb: [x, y]\r\n');
    expect(crlf.codes).toEqual([]);
    expect(crlf.loaded.body!.toJS()).toEqual(lf.loaded.body!.toJS());
  });

  it('accepts duplicate keys, last wins, with a warning', () => {
    const { loaded, sink } = load('a: 1\na: 2\n');
    expect(sink.diagnostics.map((d) => [d.code, d.severity])).toEqual([['yaml-duplicate-key', 'warning']]);
    const reader = createReader('x.yml', loaded.body!);
    expect(entries(reader, loaded.body!.contents).map((e) => [e.key, stringValue(reader, e.value)])).toEqual([['a', '2']]);
  });

  it('resolves merge keys with own keys winning', () => {
    const { loaded } = load('base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n');
    const reader = createReader('x.yml', loaded.body!);
    expect(toPlain(reader, entry(reader, loaded.body!.contents, 'use')!.value)).toEqual({ y: 3, x: 1 });
  });

  it('keeps YAML 1.1 spellings of plain scalars as written', () => {
    const { loaded } = load('a: on\nb: 1.10\nc: 0755\n');
    const reader = createReader('x.yml', loaded.body!);
    expect(entries(reader, loaded.body!.contents).map((e) => scalarText(e.value))).toEqual(['on', '1.10', '0755']);
  });

  it('keeps the !reference tag for GitLab without a warning', () => {
    const { loaded, codes } = load('.x: {script: [a]}\njob:\n  script: !reference [.x, script]\n');
    expect(codes).toEqual([]);
    const reader = createReader('x.yml', loaded.body!);
    const script = entry(reader, entry(reader, loaded.body!.contents, 'job')!.value, 'script')!;
    expect((script.value as { tag?: string }).tag).toBe('!reference');
    expect(items(reader, script.value).map((n) => scalarText(n))).toEqual(['.x', 'script']);
  });

  it('takes the last document of a multi-document file as the body, the one before as header', () => {
    const { loaded } = load('spec:\n  inputs:\n    a: {default: 1}\n---\njob:\n  script: x\n');
    expect(Object.keys(loaded.body!.toJS())).toEqual(['job']);
    expect(Object.keys(loaded.header!.toJS())).toEqual(['spec']);
  });

  it.each([
    ['empty', ''],
    ['comment only', '# nothing here\n'],
  ])('reports an %s file', (_name, text) => {
    const { loaded, codes } = load(text);
    expect(loaded.body).toBeUndefined();
    expect(codes).toEqual(['yaml-empty']);
  });

  it('refuses NUL bytes', () => {
    expect(load('a: 1\0\n').codes).toEqual(['yaml-binary']);
  });

  it('refuses a billion-laughs document before expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { loaded, codes } = load(lines.join('\n'));
    expect(codes).toEqual(['yaml-alias-limit']);
    expect(loaded.body).toBeUndefined();
  });

  it('counts only what aliases add against the alias limit: 40,000 plain jobs load', () => {
    // Over 250,000 nodes written out, not one alias: issue 18 saw this refused as an alias bomb.
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`job-${i}:`, '  script: [echo a, echo b]', '  tags: [docker]');
    const { loaded, codes } = load(lines.join('\n'));
    expect(codes).toEqual([]);
    expect(loaded.body).toBeDefined();
  });

  it('refuses aliases that add more than the limit, even when few nodes are written', () => {
    const big = `big: &big [${Array.from({ length: 2000 }, (_, i) => i).join(', ')}]`;
    const users = Array.from({ length: 130 }, (_, i) => `u${i}: *big`);
    expect(load([big, ...users].join('\n')).codes).toEqual(['yaml-alias-limit']);
    expect(load([big, ...users.slice(0, 120)].join('\n')).codes).toEqual([]);
  });

  it('refuses a file of too many tiny nodes with its own code, before parsing it', () => {
    const text = `a: [${Array(limits.maxNodes + 10).fill('1').join(',')}]`;
    const started = Date.now();
    const { loaded, sink, codes } = load(text);
    expect(codes).toEqual(['yaml-node-limit']);
    expect(sink.diagnostics[0]!.message).toContain(`more than ${limits.maxNodes} YAML nodes`);
    expect(loaded.documents).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(load(deep).codes).toEqual(['yaml-too-deep']);
    const blockDeep = Array.from({ length: limits.maxDepth + 5 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(load(blockDeep).codes).toEqual(['yaml-too-deep']);
  });

  it('refuses files over the size limit', () => {
    expect(load(`a: "${'x'.repeat(limits.maxFileBytes)}"`).codes).toEqual(['yaml-too-large']);
  });

  it('reads comments above keys and after values', () => {
    const { loaded } = load('# about a\na: 1 # one\n');
    const reader = createReader('x.yml', loaded.body!);
    expect(commentsOf(entry(reader, loaded.body!.contents, 'a'))).toEqual({ before: ['about a'], trailing: 'one' });
  });
});

describe('reportUnconsumedKeys', () => {
  it('reports what a reader did not take, with key paths', () => {
    const { loaded } = load('a: 1\nb:\n  c: 2\n  d: 3\n');
    const reader = createReader('x.yml', loaded.body!);
    const a = entry(reader, loaded.body!.contents, 'a')!;
    const b = entry(reader, loaded.body!.contents, 'b')!;
    reader.ledger.take(a.pair);
    reader.ledger.take(b.pair);
    reader.ledger.take(entry(reader, b.value, 'c')!.pair);
    const sink = createSink();
    expect(reportUnconsumedKeys(reader, sink)).toBe(1);
    expect(sink.diagnostics[0]!.message).toContain('"b.d"');
  });

  it('does not report an anchor holder whose contents were used through aliases', () => {
    const { loaded } = load('references:\n  img: &img {image: node}\njob:\n  <<: *img\n');
    const reader = createReader('x.yml', loaded.body!);
    const job = entry(reader, loaded.body!.contents, 'job')!;
    reader.ledger.take(job.pair);
    for (const e of entries(reader, job.value)) reader.ledger.take(e.pair);
    const sink = createSink();
    expect(reportUnconsumedKeys(reader, sink)).toBe(0);
  });
});
