/** `ciport diff`, end to end through the CLI over the real translation. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/diagnostics/catalog.js';
import { circle2Config, ciport, gitRepo, removeTempDirs, root, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const addFormats = addFormatsModule.default;
const circleRepo = () => writeTree(tempDir(), { '.circleci/config.yml': circle2Config });
const ansi = /\u001b\[/;

describe('ciport diff (unified)', () => {
  it('diffs the would-be target against nothing, without colour when piped', () => {
    const run = ciport(['diff', circleRepo(), '--to', 'gitlab']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/\.gitlab-ci\.yml\n@@ -0,0 \+1,\d+ @@\n/);
    expect(run.stdout).toContain('+build:');
    expect(run.stdout).not.toMatch(ansi);
  });

  it('colours with --color and not with --no-color', () => {
    const dir = circleRepo();
    expect(ciport(['diff', dir, '--to', 'gitlab', '--color']).stdout).toMatch(/\u001b\[32m\+build:/);
    expect(ciport(['diff', dir, '--to', 'gitlab', '--no-color']).stdout).not.toMatch(ansi);
  });

  it('diffs against the committed target and --check exits 1 only when it differs', () => {
    const dir = circleRepo();
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'stale: true\n');
    const stale = ciport(['diff', dir, '--to', 'gitlab', '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^--- a\/\.gitlab-ci\.yml\n\+\+\+ b\/\.gitlab-ci\.yml\n/);
    expect(stale.stdout).toContain('-stale: true');
    expect(stale.stderr).toContain('.gitlab-ci.yml differs from the translation of .circleci/config.yml');
    // Without --check a difference is not a failure.
    expect(ciport(['diff', dir, '--to', 'gitlab']).code).toBe(0);

    expect(ciport(['migrate', dir, '--to', 'gitlab', '--force']).code).toBe(0);
    const current = ciport(['diff', dir, '--to', 'gitlab', '--check']);
    expect(current.code).toBe(0);
    expect(current.stdout).toBe('');
    expect(current.stderr).toContain('.gitlab-ci.yml is up to date');
  });

  it('exits 2 when the translation is fatal', () => {
    const dir = writeTree(tempDir(), { '.circleci/config.yml': 'version: 2\njobs: [\n' });
    const run = ciport(['diff', dir, '--to', 'gitlab', '--check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[yaml-syntax]');
  });
});

describe('ciport diff --format markdown', () => {
  it('prints a PR comment: summary, fenced diff, warnings table, manual checklist', () => {
    const run = ciport(['diff', circleRepo(), '--to', 'gitlab', '--format', 'markdown']);
    expect(run.code).toBe(0);
    const comment = run.stdout;
    expect(comment).toContain('ciport would create `.gitlab-ci.yml` (gitlab) from `.circleci/config.yml` (circleci2): 2 jobs, 1 workflow; 0 errors, 1 warning, 1 manual task, 0 notes.');
    expect(comment).toMatch(/```diff\n--- \/dev\/null\n[\s\S]*\n```\n/);
    expect(comment).not.toContain('<details>');
    expect(comment).toContain('| Severity | Location | Message | Code |');
    expect(comment).toContain('+deploy:\n+  stage: deploy\n+  image: node:20\n');
    expect(comment).toContain('| warning | `.circleci/config.yml:12:5` | job "deploy": parallelism 2 became parallel; CI_NODE_INDEX counts from 1 and there is no `circleci tests split` | `gitlab-parallel-index` |');
    expect(comment).toContain('- [ ] context "production" (used by deploy): create its variables as group or project CI/CD variables (`.circleci/config.yml:21:9`)');
  });

  it('shows which jobs run for each common event before and after', () => {
    const filtered = circle2Config.replace('      - deploy:\n', '      - deploy:\n          filters: { branches: { only: [main] } }\n');
    const same = ciport(['diff', writeTree(tempDir(), { '.circleci/config.yml': filtered }), '--to', 'gitlab', '--format', 'markdown']);
    expect(same.stdout).toContain('#### Which jobs run\n\n| Event | Before | After | |\n| --- | --- | --- | --- |\n');
    expect(same.stdout).toContain('| Push to the default branch | `build`, `deploy` | `build`, `deploy` | same |');
    expect(same.stdout).toContain('| Push to another branch | `build` | `build` | same |');
    // A scheduled-only workflow: CircleCI 1.0 has no schedules, so its job now runs on every push.
    const nightly = 'version: 2\njobs:\n  nightly:\n    docker: [{image: node:20}]\n    steps: [checkout, {run: ./nightly.sh}]\nworkflows:\n  version: 2\n  nightly:\n    triggers:\n      - schedule: {cron: "0 3 * * *", filters: {branches: {only: [main]}}}\n    jobs: [nightly]\n';
    const differs = ciport(['diff', writeTree(tempDir(), { '.circleci/config.yml': nightly }), '--to', 'circleci1', '--format', 'markdown']);
    expect(differs.stdout).toContain('| Push to the default branch | (none) | `build` | **differs** |');
    expect(differs.stdout).toContain('| Schedule | `nightly` |');
  });

  it('folds a long diff in <details>', () => {
    const names = Array.from({ length: 80 }, (_, i) => `job${i}`);
    const jobs = names.map((name) => `  ${name}:\n    docker: [{ image: node }]\n    steps: [checkout, run: make ${name}]\n`).join('');
    const dir = writeTree(tempDir(), { '.circleci/config.yml': `version: 2\njobs:\n${jobs}workflows:\n  version: 2\n  all:\n    jobs: [${names.join(', ')}]\n` });
    const run = ciport(['diff', dir, '--to', 'gitlab', '--format', 'markdown']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('80 jobs, 1 workflow; 0 errors');
    expect(run.stdout).toMatch(/<details><summary>Diff of `\.gitlab-ci\.yml` \(\d+ lines\)<\/summary>\n\n```diff\n/);
    expect(run.stdout).toContain('```\n\n</details>');
  });

  it('says when the target is up to date, and reports a fatal translation', () => {
    const dir = circleRepo();
    ciport(['migrate', dir, '--to', 'gitlab']);
    expect(ciport(['diff', dir, '--to', 'gitlab', '--format', 'markdown']).stdout).toContain('`.gitlab-ci.yml` is up to date with the translation of `.circleci/config.yml` (circleci2)');
    const broken = writeTree(tempDir(), { '.circleci/config.yml': 'version: 2\njobs: [\n' });
    const run = ciport(['diff', broken, '--to', 'gitlab', '--format', 'markdown']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(':x: ciport could not translate');
  });
});

describe('ciport diff --format sarif', () => {
  const schema = JSON.parse(readFileSync(join(root, 'test/fixtures/sarif-2.1.0-subset.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 subset schema, with rules from the catalog', () => {
    const run = ciport(['diff', circleRepo(), '--to', 'gitlab', '--format', 'sarif']);
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe('ciport');
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(Object.keys(catalog));
    const byRule = Object.fromEntries(sarifRun.results.map((r: { ruleId: string }) => [r.ruleId, r]));
    expect(sarifRun.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['gitlab-parallel-index', 'manual-context']);
    expect(byRule['gitlab-parallel-index']).toMatchObject({
      level: 'warning',
      message: { text: 'job "deploy": parallelism 2 became parallel; CI_NODE_INDEX counts from 1 and there is no `circleci tests split`\nhint: Split test files in the script with CI_NODE_INDEX and CI_NODE_TOTAL.' },
      locations: [{ physicalLocation: { artifactLocation: { uri: '.circleci/config.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5 } } }],
    });
    expect(byRule['manual-context'].level).toBe('note');
    for (const result of sarifRun.results) {
      expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
  });

  it('still writes a valid log when the translation is fatal', () => {
    const dir = writeTree(tempDir(), { '.circleci/config.yml': 'version: 2\njobs: [\n' });
    const run = ciport(['diff', dir, '--to', 'gitlab', '--format', 'sarif']);
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'yaml-syntax', level: 'error' });
  });
});

describe('ciport diff --format codequality', () => {
  it('prints GitLab Code Quality issues with stable fingerprints', () => {
    const dir = circleRepo();
    const run = ciport(['diff', dir, '--to', 'gitlab', '--format', 'codequality']);
    expect(run.code).toBe(0);
    const issues = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(issues)).toBe(true);
    expect(issues.length).toBe(2);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
    const warning = issues.find((i) => i.check_name === 'gitlab-parallel-index')!;
    expect(warning).toMatchObject({ severity: 'major', location: { path: '.circleci/config.yml', lines: { begin: 12 } } });
    const message = 'job "deploy": parallelism 2 became parallel; CI_NODE_INDEX counts from 1 and there is no `circleci tests split`';
    // Code, file, message and the rank among issues with those three: no line number.
    const expected = createHash('sha256').update(['gitlab-parallel-index', '.circleci/config.yml', message, '0'].join('\0')).digest('hex');
    expect(warning.fingerprint).toBe(expected);
    expect(issues.find((i) => i.check_name === 'manual-context')!.severity).toBe('minor');
    expect(ciport(['diff', dir, '--to', 'gitlab', '--format', 'codequality']).stdout).toBe(run.stdout);
  });

  it('keeps the fingerprints when lines above the issues move', () => {
    const issuesOf = (dir: string) => JSON.parse(ciport(['diff', dir, '--to', 'gitlab', '--format', 'codequality']).stdout) as Array<{ fingerprint: string; location: { lines: { begin: number } } }>;
    const before = issuesOf(circleRepo());
    const after = issuesOf(writeTree(tempDir(), { '.circleci/config.yml': `# moved down\n# by two lines\n${circle2Config}` }));
    expect(after.map((i) => i.location.lines.begin)).toEqual(before.map((i) => i.location.lines.begin + 2));
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
  });
});

describe('ciport diff paths', () => {
  /** A monorepo: the configuration lives in services/api, the git top level is two folders up. */
  const monorepo = () => gitRepo({ 'services/api/.circleci/config.yml': circle2Config, 'README.md': 'x\n' });

  it('names every file from the git top level: patch, diagnostics, SARIF (with %SRCROOT%), Code Quality', () => {
    const top = monorepo();
    const dir = join(top, 'services', 'api');
    const unified = ciport(['diff', dir, '--to', 'gitlab']);
    expect(unified.stdout).toContain('+++ b/services/api/.gitlab-ci.yml');
    expect(unified.stderr).toMatch(/^services\/api\/\.circleci\/config\.yml:\d+:5: warning: .*\[gitlab-parallel-index\]/m);
    const sarif = JSON.parse(ciport(['diff', dir, '--to', 'gitlab', '--format', 'sarif']).stdout);
    const locations = sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: unknown } }> }) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(locations).toContainEqual({ uri: 'services/api/.circleci/config.yml', uriBaseId: '%SRCROOT%' });
    const issues = JSON.parse(ciport(['diff', dir, '--to', 'gitlab', '--format', 'codequality']).stdout) as Array<{ location: { path: string } }>;
    expect(issues.map((i) => i.location.path)).toEqual(issues.map(() => 'services/api/.circleci/config.yml'));
    // Run from inside the folder with a relative dir: the same names.
    expect(ciport(['diff', '.', '--to', 'gitlab', '--format', 'codequality'], { cwd: dir }).stdout).toBe(JSON.stringify(issues, null, 2) + '\n');
  });

  it('--root names files from another folder, and refuses one that does not hold the repository', () => {
    const top = monorepo();
    const dir = join(top, 'services', 'api');
    const issues = JSON.parse(ciport(['diff', dir, '--to', 'gitlab', '--format', 'codequality', '--root', dir]).stdout) as Array<{ location: { path: string } }>;
    expect(issues[0]!.location.path).toBe('.circleci/config.yml');
    const outside = ciport(['diff', dir, '--to', 'gitlab', '--root', join(top, 'README.md', '..', 'services', 'none')]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('cannot read --root');
    const elsewhere = ciport(['diff', dir, '--to', 'gitlab', '--root', tempDir()]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('is not inside --root');
    expect(elsewhere.stdout).toBe('');
  });
});
