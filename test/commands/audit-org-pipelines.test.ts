/**
 * examples/ci/*-org-audit.yml: the organisation audit as a CI matrix of shards and a merge job.
 * Each file is held to its vendor's schema (and the GitLab one to gitlab-ci-local), and its shell
 * is run as written, shard by shard over local bare repositories, with each job's artifact handed
 * to the merge job as the host would; the merged totals must equal one unsharded audit's.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGitlabCiLocal } from '../support/gitlab-ci-local.js';
import { itWithShared, sharedPath } from '../support/shared.js';
import { bareRepo, ciport, circle2Config, cleanCircle2Config, git, gitlabConfig, removeTempDirs, root, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const examples = join(root, 'examples', 'ci');
const githubFile = join(examples, 'github-actions-org-audit.yml');
const gitlabFile = join(examples, 'gitlab-org-audit.yml');
// GitHub reads workflows as YAML 1.2 (`on` is a key); GitLab reads YAML 1.1.
const github = parse(readFileSync(githubFile, 'utf8'), { version: '1.2' });
const gitlab = parse(readFileSync(gitlabFile, 'utf8'), { version: '1.1' });

interface Summary {
  shard?: string;
  interrupted?: unknown;
  totals: Record<string, number>;
  repositories: Array<{ name: string; status: string }>;
}
const readSummary = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;

describe('the org-audit pipelines as files', () => {
  itWithShared('satisfy the GitHub workflow schema and the GitLab CI schema', () => {
    const addFormats = addFormatsModule.default;
    const check = (schemaFile: string, data: unknown) => {
      const schema = JSON.parse(readFileSync(sharedPath('schemas', schemaFile), 'utf8'));
      delete schema.$schema;
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    };
    check('github-workflow.schema.json', github);
    check('gitlab-ci.schema.json', gitlab);
  });

  it('install ciport from a pinned commit on Node 22 or 24, never from the npm registry', () => {
    for (const [name, text] of [['github', readFileSync(githubFile, 'utf8')], ['gitlab', readFileSync(gitlabFile, 'utf8')]] as const) {
      expect(text, name).toMatch(/npm install --global "git\+\$\{CIPORT_GIT\}#\$\{CIPORT_COMMIT\}"/);
      expect(text, name).not.toMatch(/npx[^\n]*ciport@|npm install[^\n]* ciport(@|\s|$)/);
    }
    // A placeholder until set: the install refuses it, and installs the commit once it is a hash.
    const npm = tempDir('ciport-npm-');
    writeFileSync(join(npm, 'npm'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(npm, 'calls')}"\n`);
    chmodSync(join(npm, 'npm'), 0o755);
    const hash = 'a'.repeat(40);
    const installs = [
      ...[github.jobs.audit, github.jobs.merge].map((job: { steps: Array<{ id?: string; run?: string }> }) => ({ script: job.steps.find((s) => s.id === 'install')!.run!, env: github.env as Record<string, string> })),
      { script: (gitlab['.ciport'].before_script as string[]).join('\n'), env: gitlab.variables as Record<string, string> },
    ];
    for (const { script, env } of installs) {
      expect(env.CIPORT_COMMIT).not.toMatch(/^[0-9a-f]{40}$/);
      const refused = runShell(script, npm, env, npm);
      expect(refused.status).toBe(1);
      expect(refused.stdout).toContain('the full 40-character hash of a ciport commit you reviewed');
      expect(existsSync(join(npm, 'calls'))).toBe(false);
      const installed = runShell(script, npm, { ...env, CIPORT_COMMIT: hash }, npm);
      expect(installed.status, installed.stderr).toBe(0);
      expect(readFileSync(join(npm, 'calls'), 'utf8')).toBe(`install --global git+${env.CIPORT_GIT}#${hash}\n`);
      rmSync(join(npm, 'calls'));
    }
    const setupNode = [...github.jobs.audit.steps, ...github.jobs.merge.steps].filter((s: { uses?: string }) => s.uses?.startsWith('actions/setup-node'));
    expect(setupNode.length).toBe(2);
    for (const step of setupNode) expect([22, 24]).toContain(step.with['node-version']);
    expect(gitlab['.ciport'].image).toMatch(/^node:(22|24)\b/);
  });

  it('GitHub: a matrix of shards, then a merge that needs them and publishes the report', () => {
    expect(github.jobs.audit.strategy.matrix.shard).toEqual([1, 2, 3]);
    expect(github.jobs.audit.strategy['fail-fast']).toBe(false);
    expect(github.jobs.merge.needs).toBe('audit');
    const upload = github.jobs.merge.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload.with).toEqual({ name: 'org-audit-report', path: 'report/' });
  });

  it.runIf(hasGitlabCiLocal())('GitLab: gitlab-ci-local expands the matrix into shard jobs and the merge job needs them', () => {
    const project = tempDir('ciport-gcl-org-');
    writeFileSync(join(project, '.gitlab-ci.yml'), readFileSync(gitlabFile, 'utf8'));
    git(project, ['init', '-q']);
    git(project, ['add', '-A']);
    git(project, ['commit', '-qm', 'pipeline']);
    const list = spawnSync(join(root, 'node_modules/.bin/gitlab-ci-local'), ['--list'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 120_000 });
    expect(list.status, list.stderr).toBe(0);
    const rows = list.stdout.split('\n').filter((line) => /^org-audit/.test(line)).map((line) => line.split(/\s{2,}/).filter(Boolean));
    expect(rows.map((row) => row[0])).toEqual(['org-audit: [1]', 'org-audit: [2]', 'org-audit: [3]', 'org-audit-report']);
    expect(rows[3]).toEqual(['org-audit-report', 'report', 'always', 'false', '[org-audit]']);
  }, 150_000);
});

/**
 * Bare repositories under owner folders (what `git clone --bare` of the pipeline fetches from
 * GIT_BASE), and the manifest that names them, with a comment and a trailing slash.
 */
function organisation(): { base: string; manifest: string } {
  const base = tempDir('ciport-org-base-');
  for (const owner of ['acme', 'tools']) mkdirSync(join(base, owner));
  bareRepo(join(base, 'acme'), 'api.git', { '.circleci/config.yml': circle2Config });
  bareRepo(join(base, 'acme'), 'web.git', { '.gitlab-ci.yml': gitlabConfig });
  bareRepo(join(base, 'acme'), 'docs.git', { 'README.md': 'no CI\n' });
  bareRepo(join(base, 'acme'), 'Zeta.git', { '.circleci/config.yml': cleanCircle2Config });
  bareRepo(join(base, 'tools'), 'cli.git', { '.circleci/config.yml': cleanCircle2Config });
  bareRepo(join(base, 'tools'), 'lint.git', { 'circle.yml': 'test:\n  override:\n    - make lint\n' });
  bareRepo(join(base, 'tools'), 'broken.git', { '.circleci/config.yml': 'version: 2\njobs: [\n' });
  const manifest = '# the organisation\nacme/api\nacme/web   # the site\n\ntools/cli/\nacme/docs\ntools/lint\nacme/Zeta\ntools/broken\n';
  return { base, manifest };
}

/** `ciport` on PATH: the CLI from source; npm is not needed (the install step is not run). */
function shims(): string {
  const dir = tempDir('ciport-shims-');
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  writeFileSync(join(dir, 'ciport'), `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${join(root, 'src', 'cli-main.ts')}" "$@"\n`);
  chmodSync(join(dir, 'ciport'), 0o755);
  return dir;
}

function runShell(script: string, cwd: string, env: Record<string, string>, bin: string): { status: number | null; stdout: string; stderr: string } {
  // GitHub runs `bash -e {0}` (with pipefail for `shell: bash`); GitLab's runner feeds the lines to one bash.
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}`, CI: 'true', NO_COLOR: '1', FORCE_COLOR: undefined } as NodeJS.ProcessEnv,
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Replaces the `${{ … }}` expressions the example uses; any other one is a test failure. */
function githubExpressions(value: string, values: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (!(expression in values)) throw new Error(`the test does not know the expression ${expression}`);
    return values[expression]!;
  });
}

describe('the org-audit pipelines, run as written', () => {
  const { base, manifest } = organisation();
  const bin = shims();
  /** Unsharded audits to the GitHub example's target (gitlab) and the GitLab example's (circleci2). */
  let toGitlab: Summary;
  let toCircleci: Summary;

  beforeAll(() => {
    // One unsharded audit of clones of every repository: what the merged report must equal.
    const clones = tempDir('ciport-org-all-');
    for (const name of manifest.split('\n').map((l) => l.replace(/#.*/, '').trim().replace(/\/$/, '')).filter(Boolean)) {
      git(clones, ['clone', '-q', '--bare', join(base, `${name}.git`), join(clones, name)]);
    }
    writeFileSync(join(clones, 'repositories.txt'), manifest);
    for (const target of ['gitlab', 'circleci2']) {
      const out = join(clones, `out-${target}`);
      const run = ciport(['audit', join(clones, 'repositories.txt'), '--to', target, '--out', out]);
      expect(run.code, run.stderr).toBe(1);
    }
    toGitlab = readSummary(join(clones, 'out-gitlab'));
    toCircleci = readSummary(join(clones, 'out-circleci2'));
    expect([github.env.TARGET, gitlab.variables.TARGET]).toEqual(['gitlab', 'circleci2']);
  }, 240_000);

  it('GitHub Actions: three shard jobs and the merge job give the unsharded totals', () => {
    const shards: number[] = github.jobs.audit.strategy.matrix.shard;
    const mergeDir = tempDir('ciport-gh-merge-');
    const step = (job: { steps: Array<{ id?: string; run?: string; env?: Record<string, string> }> }, id: string) => {
      const found = job.steps.find((s) => s.id === id);
      expect(found?.run, `step ${id}`).toBeTruthy();
      return found!;
    };
    for (const k of shards) {
      // A fresh runner: the checkout of the repository that holds the manifest.
      const workspace = writeTree(tempDir('ciport-gh-job-'), { [github.env.MANIFEST]: manifest });
      const values = { 'matrix.shard': String(k), 'strategy.job-total': String(shards.length), 'secrets.ORG_AUDIT_TOKEN': '' };
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries({ ...github.env, ...github.jobs.audit.env })) env[key] = githubExpressions(String(value), values);
      // The one change: repositories come from the local folder instead of github.com.
      env.GIT_BASE = base;
      for (const id of ['clone', 'audit']) {
        const { run, env: stepEnv = {} } = step(github.jobs.audit, id);
        const stepValues = Object.fromEntries(Object.entries(stepEnv).map(([key, value]) => [key, githubExpressions(String(value), values)]));
        const result = runShell(run!, workspace, { ...env, ...stepValues }, bin);
        expect(result.status, `shard ${k}, step ${id}: ${result.stderr}`).toBe(0);
      }
      const upload = github.jobs.audit.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact'));
      const name = githubExpressions(upload.with.name, values);
      const path = githubExpressions(upload.with.path, values);
      expect(readSummary(join(workspace, path)).shard).toBe(`${k}/${shards.length}`);
      // download-artifact with a pattern puts each artifact in a folder of its name.
      cpSync(join(workspace, path), join(mergeDir, 'shards', name), { recursive: true });
    }
    const merge = step(github.jobs.merge, 'merge');
    const stepSummary = join(mergeDir, 'step-summary.md');
    const result = runShell(merge.run!, mergeDir, { ...github.env, GITHUB_STEP_SUMMARY: stepSummary }, bin);
    expect(result.status, result.stderr).toBe(0);
    const merged = readSummary(join(mergeDir, 'report'));
    expect(merged.totals).toEqual(toGitlab.totals);
    expect(merged.repositories.map((r) => [r.name, r.status])).toEqual(toGitlab.repositories.map((r) => [r.name, r.status]));
    expect(merged.shard).toBeUndefined();
    expect(readFileSync(stepSummary, 'utf8')).toContain('# ciport audit');
  }, 300_000);

  it('GitLab CI: the parallel:matrix jobs and the merge job with needs/artifacts give the unsharded totals', () => {
    const job = gitlab['org-audit'];
    const shards: string[] = job.parallel.matrix[0].SHARD;
    const mergeDir = tempDir('ciport-gl-merge-');
    for (const k of shards) {
      const workspace = writeTree(tempDir('ciport-gl-job-'), { [gitlab.variables.MANIFEST]: manifest });
      // GitLab's predefined variables for a matrix job; GIT_BASE points at the local repositories.
      const env = { ...gitlab.variables, SHARD: k, CI_NODE_INDEX: String(shards.indexOf(k) + 1), CI_NODE_TOTAL: String(shards.length), GIT_BASE: base };
      const result = runShell(job.script.join('\n'), workspace, env, bin);
      expect(result.status, `shard ${k}: ${result.stderr}`).toBe(0);
      // artifacts:paths with the job's variables expanded, copied where the merge job finds them.
      for (const path of job.artifacts.paths as string[]) {
        const expanded = path.replace(/\$(\w+)|\$\{(\w+)\}/g, (_, a: string, b: string) => (env as Record<string, string>)[a ?? b] ?? '');
        expect(existsSync(join(workspace, expanded)), expanded).toBe(true);
        cpSync(join(workspace, expanded), join(mergeDir, expanded), { recursive: true });
      }
    }
    const report = gitlab['org-audit-report'];
    expect(report.needs).toEqual([{ job: 'org-audit', artifacts: true }]);
    const result = runShell(report.script.join('\n'), mergeDir, gitlab.variables, bin);
    expect(result.status, result.stderr).toBe(0);
    expect(report.artifacts.paths).toEqual(['report/']);
    const merged = readSummary(join(mergeDir, 'report'));
    expect(merged.totals).toEqual(toCircleci.totals);
    expect(merged.repositories.map((r) => [r.name, r.status])).toEqual(toCircleci.repositories.map((r) => [r.name, r.status]));
  }, 300_000);

  it('the merge job fails, naming the shard, when a shard job left no report', () => {
    const job = gitlab['org-audit'];
    const mergeDir = tempDir('ciport-gl-missing-');
    const workspace = writeTree(tempDir('ciport-gl-job-'), { [gitlab.variables.MANIFEST]: manifest });
    const env = { ...gitlab.variables, SHARD: '1', CI_NODE_TOTAL: '3', GIT_BASE: base };
    expect(runShell(job.script.join('\n'), workspace, env, bin).status).toBe(0);
    mkdirSync(join(mergeDir, 'shards'), { recursive: true });
    cpSync(join(workspace, 'shards/shard-1'), join(mergeDir, 'shards/shard-1'), { recursive: true });
    const result = runShell(gitlab['org-audit-report'].script.join('\n'), mergeDir, gitlab.variables, bin);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('2 shards are missing: 2/3, 3/3');
  }, 120_000);
});
