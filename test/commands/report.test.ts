/** The report printers on hand-made records: edge cases the end-to-end tests do not reach. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { DiagnosticRecord } from '../../src/diagnostics/print.js';
import { renderCodeQuality } from '../../src/report/codequality.js';
import { collapseAfterLines, renderComment } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { summarizeAudit, type RepoSummary } from '../../src/report/summary-data.js';
import { renderSummaryHtml } from '../../src/report/summary-html.js';
import { colorizeDiff, unifiedDiff } from '../../src/report/unified-diff.js';
import { itWithShared, sharedPath } from '../support/shared.js';
import { root } from './helpers.js';

const record = (over: Partial<DiagnosticRecord>): DiagnosticRecord => ({
  code: 'unsupported-feature',
  severity: 'warning',
  message: 'm',
  file: '.circleci/config.yml',
  line: 3,
  column: 5,
  hint: null,
  ...over,
});

describe('SARIF subset schema', () => {
  const addFormats = addFormatsModule.default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'test/fixtures/sarif-2.1.0-subset.schema.json'), 'utf8')) as object);

  it('accepts what ciport writes, including results without a position', () => {
    const log = JSON.parse(renderSarif([record({}), record({ file: null, line: null, column: null, severity: 'manual', code: 'manual-secret' })], { defaultFile: 'circle.yml', toolVersion: '1.2.3' }));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results[1].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'circle.yml', uriBaseId: '%SRCROOT%' } });
  });

  it('SARIF resolves repository paths against %SRCROOT% and gives absolute ones as file URIs', () => {
    const log = JSON.parse(renderSarif([record({}), record({ file: '/tmp/my repo/circle.yml' })]));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: '.circleci/config.yml', uriBaseId: '%SRCROOT%' });
    expect(log.runs[0].results[1].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///tmp/my%20repo/circle.yml' });
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what SARIF forbids: a wrong version, a bad level, a result without a message, line 0', () => {
    const good = JSON.parse(renderSarif([record({})]));
    const broken = (mutate: (log: any) => void) => {
      const copy = structuredClone(good);
      mutate(copy);
      return validate(copy);
    };
    expect(broken((l) => (l.version = '2.0.0'))).toBe(false);
    expect(broken((l) => (l.runs[0].results[0].level = 'fatal'))).toBe(false);
    expect(broken((l) => delete l.runs[0].results[0].message)).toBe(false);
    expect(broken((l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0))).toBe(false);
    expect(broken((l) => delete l.runs[0].tool.driver.name)).toBe(false);
  });
});

describe('printers', () => {
  it('code quality marks the errors of a fatal translation as blockers', () => {
    const issues = JSON.parse(renderCodeQuality([record({ severity: 'error', code: 'yaml-syntax', file: null, line: null })], { defaultFile: 'circle.yml', fatal: true }));
    expect(issues[0]).toMatchObject({ severity: 'blocker', location: { path: 'circle.yml', lines: { begin: 1 } } });
  });

  it('code quality fingerprints are unique and do not change when lines move', () => {
    const fingerprints = (records: DiagnosticRecord[]) => (JSON.parse(renderCodeQuality(records)) as Array<{ fingerprint: string }>).map((i) => i.fingerprint);
    const same = [record({ line: 3 }), record({ line: 9 }), record({ line: 12, message: 'other' })];
    const moved = [record({ line: 5 }), record({ line: 14 }), record({ line: 20, message: 'other' })];
    expect(new Set(fingerprints(same)).size).toBe(3);
    expect(fingerprints(moved)).toEqual(fingerprints(same));
    // Another file or code is another issue.
    expect(fingerprints([record({ file: 'circle.yml' })])[0]).not.toBe(fingerprints(same)[0]);
    expect(fingerprints([record({ code: 'unknown-key' })])[0]).not.toBe(fingerprints(same)[0]);
  });

  it('the markdown comment escapes table cells and folds long diffs', () => {
    const patch = `${Array.from({ length: collapseAfterLines + 1 }, (_, i) => `+line ${i}`).join('\n')}\n`;
    const text = renderComment({ target: { path: '.gitlab-ci.yml', format: 'gitlab' }, patch, targetExists: true, records: [record({ message: 'a | b\nc' })] });
    expect(text).toContain('| a \\| b c |');
    expect(text).toContain('<details>');
  });

  it('unified diffs mask secrets and colour like git', () => {
    const patch = unifiedDiff({ path: 'x.yml', before: 'A: 1\n', after: 'API_TOKEN: s3cr3tvalue\n' });
    expect(patch).not.toContain('s3cr3tvalue');
    expect(patch).toContain('+API_TOKEN: ****');
    expect(unifiedDiff({ path: 'x.yml', before: 'a\n', after: 'a\n' })).toBe('');
    expect(colorizeDiff('-a\n+b')).toBe('\u001b[31m-a\u001b[0m\n\u001b[32m+b\u001b[0m');
  });

  it('summaries sort repositories and count distinct findings per repository', () => {
    const repo = (name: string, status: RepoSummary['status'], findings: RepoSummary['findings']): RepoSummary => ({
      name,
      safeName: name,
      kind: 'checkout',
      status,
      files: [],
      counts: { error: 0, warning: findings.length, manual: 0, info: 0 },
      findings,
      manualTasks: [],
    });
    const f = { code: 'unsupported-feature', severity: 'warning' as const, message: 'x' };
    const g = { ...f, message: 'y' };
    const summary = summarizeAudit('gitlab', [repo('b', 'partial', [f, g]), repo('a', 'partial', [f]), repo('c', 'success', [])]);
    expect(summary.repositories.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(summary.codes).toEqual([{ code: 'unsupported-feature', severity: 'warning', repositories: 2, occurrences: 3 }]);
    expect(summary.features.map((x) => [x.message, x.repositories])).toEqual([['x', 2], ['y', 1]]);
    expect(summary.totals).toEqual({ repositories: 3, 'on-target': 0, success: 1, partial: 2, errors: 0, 'not-converted': 0, unsupported: 0 });
    const html = renderSummaryHtml({ ...summary, repositories: [repo('<script>alert(1)</script>', 'not-converted', [])] });
    expect(html).not.toContain('<script>');
  });
});

describe('examples/ci', () => {
  itWithShared('the GitHub Actions workflow and the GitLab job satisfy their vendor schemas', async () => {
    const { parse } = await import('yaml');
    const addFormats = addFormatsModule.default;
    // GitHub reads workflows as YAML 1.2 (`on` is a key); GitLab reads YAML 1.1.
    const check = (schemaFile: string, exampleFile: string, version: '1.1' | '1.2') => {
      const schema = JSON.parse(readFileSync(sharedPath('schemas', schemaFile), 'utf8'));
      delete schema.$schema;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      const data = parse(readFileSync(join(root, 'examples/ci', exampleFile), 'utf8'), { version });
      expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    };
    check('github-workflow.schema.json', 'github-actions-ciport-diff.yml', '1.2');
    check('gitlab-ci.schema.json', 'gitlab-ciport-diff.yml', '1.1');
  });
});
