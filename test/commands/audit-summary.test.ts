/**
 * The audit's per-repository statuses and its summaries (issue 17, "Audit you can trust"): status
 * rules over real translations, the source chosen as migrate chooses it, manual tasks grouped by
 * kind, step counts, the run record and the CSV export.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditRepository, type AuditTask } from '../../src/commands/audit/audit-repo.js';
import { auditRunRecord, reportDate } from '../../src/commands/audit/run-record.js';
import { planMigration } from '../../src/commands/migration-plan.js';
import { csvField, renderSummaryCsv } from '../../src/report/summary-csv.js';
import { commandLine, describeTotals, summarizeAudit, taskKind, type RepoSummary } from '../../src/report/summary-data.js';
import { renderSummaryHtml } from '../../src/report/summary-html.js';
import { renderSummaryJson } from '../../src/report/summary-json.js';
import { renderSummaryMarkdown } from '../../src/report/summary-markdown.js';
import type { FormatId } from '../../src/ir/types.js';
import { bareRepo, circle2Config, cleanCircle2Config, gitlabConfig, removeTempDirs, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const org = tempDir('ciport-statuses-');
const out = tempDir('ciport-statuses-out-');

function audit(name: string, files: Record<string, string> | 'bare', to: FormatId = 'gitlab', from?: FormatId, bareFiles?: Record<string, string>): RepoSummary {
  const path = files === 'bare' ? bareRepo(org, name, bareFiles!) : writeTree(join(org, name), files);
  const task: AuditTask = {
    repo: { name, safeName: name, path, kind: files === 'bare' ? 'bare' : 'checkout' },
    to,
    ...(from ? { from } : {}),
    parse: {},
    emit: {},
    maxBytes: 1 << 20,
    outDir: out,
  };
  return auditRepository(task);
}

const danglingRequirement = `version: 2
jobs:
  build:
    docker:
      - image: node:20
    steps:
      - checkout
      - run: make
workflows:
  version: 2
  main:
    jobs:
      - build:
          requires: [compile]
`;

describe('audit statuses', () => {
  it('a repository whose only configuration is the target format is already on target, not translated', () => {
    const repo = audit('only-target', { '.gitlab-ci.yml': gitlabConfig });
    expect(repo).toMatchObject({ status: 'on-target', source: { path: '.gitlab-ci.yml', format: 'gitlab' } });
    expect(repo.reason).toBe('its only configuration (.gitlab-ci.yml) is in the target format, gitlab');
    expect(repo.files).toEqual(['repos/only-target/diagnostics.json']);
    expect(existsSync(join(out, 'repos/only-target/MIGRATION.md'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'repos/only-target/diagnostics.json'), 'utf8'))).toMatchObject({ status: 'on-target', diagnostics: [] });
  });

  it('a repository that has the target file beside its source is already on target; the source is the one migrate would take', () => {
    const repo = audit('migrated', { '.circleci/config.yml': cleanCircle2Config, '.gitlab-ci.yml': gitlabConfig });
    expect(repo).toMatchObject({ status: 'on-target', source: { path: '.circleci/config.yml', format: 'circleci2' }, reason: '.gitlab-ci.yml exists already, beside .circleci/config.yml' });
    expect(audit('migrated-bare.git', 'bare', 'gitlab', undefined, { 'circle.yml': 'test:\n  override:\n    - make\n', '.gitlab-ci.yml': gitlabConfig })).toMatchObject({
      status: 'on-target',
      source: { path: 'circle.yml', format: 'circleci1' },
    });
    // Another target: the same repository is translated from the one source beside the other file.
    expect(audit('migrated-to-circle', { 'circle.yml': 'test:\n  override:\n    - make\n', '.gitlab-ci.yml': gitlabConfig }, 'circleci2').status).toBe('not-converted');
  });

  it('a pipeline with no jobs is not successful', () => {
    const repo = audit('no-jobs', { '.circleci/config.yml': 'version: 2.1\njobs: {}\nworkflows: {}\n' });
    expect(repo).toMatchObject({ status: 'not-converted', jobs: 0, reason: 'the configuration defines no jobs, so the translation would run nothing' });
  });

  it('tells successful, partially successful, converted with errors, not converted and unsupported apart', () => {
    expect(audit('clean', { '.circleci/config.yml': cleanCircle2Config })).toMatchObject({ status: 'success', jobs: 1 });
    expect(audit('warned', { '.circleci/config.yml': circle2Config })).toMatchObject({ status: 'partial', counts: { warning: 1, manual: 1 } });
    const errors = audit('dangling', { '.circleci/config.yml': danglingRequirement });
    expect(errors).toMatchObject({ status: 'errors', counts: { error: 1 } });
    expect(errors.reason).toMatch(/requires "compile".*\[graph-dangling-requirement\]$/);
    expect(errors.files).toContain('repos/dangling/.gitlab-ci.yml');
    expect(audit('broken', { '.circleci/config.yml': 'version: 2\njobs: [\n' })).toMatchObject({ status: 'not-converted', reason: expect.stringContaining('[yaml-syntax]') });
    expect(audit('none', { 'README.md': 'x\n' })).toMatchObject({ status: 'unsupported', reason: 'no CI configuration at a conventional path' });
  });

  it('chooses the source file exactly as migrate does', () => {
    const layouts: Array<[string, Record<string, string>, FormatId, FormatId | undefined]> = [
      ['one', { '.circleci/config.yml': cleanCircle2Config }, 'gitlab', undefined],
      ['two-sources', { 'circle.yml': 'test:\n  override:\n    - make\n', '.circleci/config.yml': cleanCircle2Config }, 'gitlab', undefined],
      ['two-sources-from', { 'circle.yml': 'test:\n  override:\n    - make\n', '.circleci/config.yml': cleanCircle2Config }, 'gitlab', 'circleci1'],
      ['other-than-target', { 'circle.yml': 'test:\n  override:\n    - make\n', '.gitlab-ci.yml': gitlabConfig }, 'circleci2', undefined],
      ['yaml-name', { '.gitlab-ci.yaml': gitlabConfig }, 'circleci2', undefined],
    ];
    for (const [name, files, to, from] of layouts) {
      const repo = audit(`choice-${name}`, files, to, from);
      const plan = planMigration({ dir: join(org, `choice-${name}`), to, ...(from ? { from } : {}) });
      if (plan.ok) expect(repo.source, name).toEqual({ path: plan.plan.source.path, format: plan.plan.source.format });
      else {
        expect(repo.status, name).toBe('not-converted');
        expect(repo.findings.map((f) => f.code), name).toEqual(plan.diagnostics.map((d) => d.code));
      }
    }
  });
});

describe('audit summaries', () => {
  const repo = (name: string, status: RepoSummary['status'], extra: Partial<RepoSummary> = {}): RepoSummary => ({
    name,
    safeName: name,
    kind: 'checkout',
    status,
    files: [],
    counts: { error: 0, warning: 0, manual: 0, info: 0 },
    findings: [],
    manualTasks: [],
    ...extra,
  });
  const task = (message: string, kind?: string) => ({ code: 'manual-runner', severity: 'manual' as const, message, ...(kind ? { kind } : {}) });

  it('takes job and workflow names out of a manual task, and keeps contexts and secrets', () => {
    expect(taskKind('job "build" runs Docker in Docker: its runner must be privileged')).toBe('job "…" runs Docker in Docker: its runner must be privileged');
    expect(taskKind('create a pipeline schedule with cron "0 3 * * *" for workflow "nightly"')).toBe('create a pipeline schedule with cron "0 3 * * *" for workflow "…"');
    expect(taskKind('context "prod" (used by deploy, release): create its variables')).toBe('context "prod" (used by …): create its variables');
    expect(taskKind('the Heroku deploy of "pack" pushes with the deploy user', ['pack'])).toBe('the Heroku deploy of "…" pushes with the deploy user');
    expect(taskKind('job "a": TOKEN looks like a credential')).toBe('job "…": TOKEN looks like a credential');
  });

  it('totals manual tasks by kind: the same task for two jobs is one kind', () => {
    const summary = summarizeAudit('gitlab', [
      repo('a', 'partial', { manualTasks: [task('job "x" runs Docker in Docker'), task('job "y" runs Docker in Docker'), { ...task('create context "prod"'), code: 'manual-context' }] }),
      // A summary.json of an earlier version has no kind: it is computed from the message.
      repo('b', 'partial', { manualTasks: [task('job "z" runs Docker in Docker')] }),
    ]);
    expect(summary.manualTasks).toEqual([
      { code: 'manual-runner', kind: 'job "…" runs Docker in Docker', tasks: 3, repositories: 2 },
      { code: 'manual-context', kind: 'create context "prod"', tasks: 1, repositories: 1 },
    ]);
    const md = renderSummaryMarkdown(summary);
    expect(md).toContain('| 3 | 2 | `manual-runner` | job "…" runs Docker in Docker |');
    // The full table keeps every task with its job.
    for (const line of ['| a | `manual-runner` | job "x" runs Docker in Docker |', '| a | `manual-runner` | job "y" runs Docker in Docker |', '| b | `manual-runner` | job "z" runs Docker in Docker |']) {
      expect(md).toContain(line);
    }
    expect(renderSummaryHtml(summary)).toContain('job &quot;y&quot; runs Docker in Docker');
  });

  it('counts statuses with shares, by source format, and steps', () => {
    const circle = { path: '.circleci/config.yml', format: 'circleci2' as const };
    const summary = summarizeAudit('gitlab', [
      repo('a', 'success', { source: circle, steps: { known: 3, unknown: 0, unsupported: 1 } }),
      repo('b', 'on-target', { source: { path: '.gitlab-ci.yml', format: 'gitlab' } }),
      repo('c', 'errors', { source: circle, steps: { known: 1, unknown: 2, unsupported: 0 } }),
      repo('d', 'unsupported'),
      // summary.json of ciport before these statuses: "failed".
      repo('e', 'failed' as RepoSummary['status'], { source: circle }),
      repo('f', 'partial', { source: circle }),
    ]);
    expect(summary.totals).toEqual({ repositories: 6, 'on-target': 1, success: 1, partial: 1, errors: 1, 'not-converted': 1, unsupported: 1 });
    expect(summary.percentages.success).toBe(16.7);
    expect(summary.bySource.map((r) => [r.format, r.repositories, r.success, r.errors])).toEqual([
      ['circleci2', 4, 1, 1],
      ['gitlab', 1, 0, 0],
      [null, 1, 0, 0],
    ]);
    expect(summary.steps).toEqual({ known: 4, unknown: 2, unsupported: 1 });
    expect(describeTotals(summary.totals)).toBe('1 already on target, 1 successful, 1 partially successful, 1 converted with errors, 1 not converted, 1 unsupported');
    const md = renderSummaryMarkdown(summary);
    expect(md).toContain('**2 of 6 repositories (33.3%) translate; 1 (16.7%) with nothing to do by hand; 1 (16.7%) already on GitLab CI; 3 (50%) need attention.**');
    expect(md).toContain('| Already on target | 1 | 16.7% |');
    expect(md).toContain('| `circleci2` | 4 | 0 | 1 | 1 | 1 | 1 | 0 |');
    expect(md).toContain('| Unknown: no rule understood them (placeholders that fail the job) | 2 | 28.6% |');
  });

  it('counts the steps of a real translation: an unmapped step is unknown', () => {
    const config = cleanCircle2Config.replace('      - run: npm test\n', '      - run: npm test\n      - install_signing_bundle\n');
    expect(audit('unmapped', { '.circleci/config.yml': config }).steps).toEqual({ known: 2, unknown: 1, unsupported: 0 });
  });
});

describe('the run record', () => {
  const options = { input: 'org dir', out: '/tmp/x', to: 'circleci2' as const, emit: { version: '2.0' }, jobs: 3, timeoutMs: 60_000, shard: '2/5', toolVersion: '9.8.7' };

  it('records the version, the date and the options by their command-line names', () => {
    const run = auditRunRecord(options, new Date(Date.UTC(2026, 11, 2, 10, 30)));
    expect(run).toEqual({ version: '9.8.7', date: '2026-12-02T10:30:00.000Z', options: { input: 'org dir', to: 'circleci2@2.0', shard: '2/5', jobs: 3, timeout: 60 } });
    expect(commandLine(run)).toBe("ciport audit 'org dir' --to circleci2@2.0 --shard 2/5 --jobs 3 --timeout 60");
    expect(reportDate({ SOURCE_DATE_EPOCH: '1764633600' }).toISOString()).toBe('2025-12-02T00:00:00.000Z');
    expect(Math.abs(reportDate({ SOURCE_DATE_EPOCH: 'soon' }).getTime() - Date.now())).toBeLessThan(5000);
  });

  it('is in summary.json, summary.md and summary.html, with the shard the run was given', () => {
    const run = auditRunRecord(options, new Date(Date.UTC(2026, 11, 2, 10, 30)));
    const summary = summarizeAudit('circleci2', [], '2/5', run);
    expect(JSON.parse(renderSummaryJson(summary)).run).toEqual(run);
    const md = renderSummaryMarkdown(summary);
    for (const line of ['| ciport | 9.8.7 |', '| Date | 2026-12-02T10:30:00.000Z |', "| Options | `ciport audit 'org dir' --to circleci2@2.0 --shard 2/5 --jobs 3 --timeout 60` |", '| Shard | 2/5 (this report covers one part of the repositories) |']) {
      expect(md).toContain(line);
    }
    const html = renderSummaryHtml(summary);
    expect(html).toContain('<dt>ciport</dt><dd>9.8.7</dd>');
    expect(html).toContain('<dt>Date</dt><dd>2026-12-02T10:30:00.000Z</dd>');
    expect(html).toContain('<dt>Shard</dt><dd>2/5 (this report covers one part of the repositories)</dd>');
    expect(renderSummaryMarkdown(summarizeAudit('gitlab', []))).toContain('| Shard | none (every repository) |');
  });
});

describe('summary.csv', () => {
  it('quotes as RFC 4180 says: commas, quotes and line breaks enclosed, quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(12)).toBe('12');
    expect(csvField('')).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('has a header and one CRLF-ended row per repository, in name order', () => {
    const summary = summarizeAudit('gitlab', [
      { name: 'b, "quoted"', safeName: 'b', kind: 'bare', status: 'errors', source: { path: '.circleci/config.yml', format: 'circleci2' }, files: [], counts: { error: 1, warning: 2, manual: 3, info: 4 }, jobs: 2, steps: { known: 5, unknown: 1, unsupported: 0 }, reason: 'line one\nline two', findings: [], manualTasks: [] },
      { name: 'a', safeName: 'a', kind: 'checkout', status: 'unsupported', files: [], counts: { error: 0, warning: 0, manual: 0, info: 0 }, reason: 'no CI configuration at a conventional path', findings: [], manualTasks: [] },
    ]);
    expect(renderSummaryCsv(summary)).toBe(
      'Repository,Kind,Status,Reason,Source file,Source format,Jobs,Known steps,Unknown steps,Unsupported steps,Errors,Warnings,Manual tasks,Notes\r\n' +
        'a,checkout,unsupported,no CI configuration at a conventional path,,,,,,,0,0,0,0\r\n' +
        '"b, ""quoted""",bare,converted with errors,"line one\nline two",.circleci/config.yml,circleci2,2,5,1,0,1,2,3,4\r\n',
    );
  });
});
