/**
 * Hostile repositories and bad input against the commands, each run as the real CLI in a child
 * process whose peak memory is measured (issue 18): a configuration that is a symlink out of its
 * repository is refused by convert, migrate, diff, verify and audit (checkouts and bare
 * repositories, where a symlink object is never followed); an include, an inferred file and an
 * orb that lead outside are not read; bad input to verify and audit merge ends with a located
 * error, exit 2 and nothing written.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nobody, runningAsRoot, unprivilegedCanRunCli, unreachableCheckout } from '../support/unprivileged.js';
import { ciport, git, gitRepo, removeTempDirs, tempDir, writeTree, type RunOptions, type RunResult } from '../commands/helpers.js';

const marker = 'OUTSIDE-THE-REPOSITORY-MARKER';
const peakRssModule = join(import.meta.dirname, 'peak-rss.mjs');
const maxRssBytes = 1024 ** 3;
const maxMs = 60_000;

/** The CLI run with its wall time and peak RSS, both asserted within bounds. */
function run(args: string[], options: RunOptions = {}): RunResult {
  const rssDir = tempDir('ciport-rss-');
  // A run as an unprivileged user must be able to write its measurement.
  chmodSync(rssDir, 0o777);
  const rssFile = join(rssDir, 'peak');
  const started = Date.now();
  const result = ciport(args, { ...options, imports: [peakRssModule], env: { ...options.env, CIPORT_PEAK_RSS_FILE: rssFile } });
  const elapsed = Date.now() - started;
  expect(elapsed, `${args.join(' ')} took ${elapsed} ms`).toBeLessThan(maxMs);
  const peak = Number(readFileSync(rssFile, 'utf8')) * 1024;
  expect(peak, `${args.join(' ')} peaked at ${peak} bytes`).toBeLessThan(maxRssBytes);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  return result;
}

const configs = {
  gitlab: { path: '.gitlab-ci.yml', text: `leak:\n  script: [echo ${marker}]\n` },
  circleci2: { path: '.circleci/config.yml', text: `version: 2.1\njobs:\n  leak:\n    docker: [{image: alpine}]\n    steps: [{run: echo ${marker}}]\nworkflows:\n  w:\n    jobs: [leak]\n` },
  circleci1: { path: 'circle.yml', text: `test:\n  override:\n    - echo ${marker}\n` },
} as const;
type Source = keyof typeof configs;
const targetOf: Record<Source, string> = { gitlab: 'circleci2', circleci2: 'gitlab', circleci1: 'gitlab' };

/** A git repository whose configuration is a symlink to a file outside it (with the marker). */
function escapingRepo(source: Source): { repo: string; outside: string } {
  const base = tempDir('ciport-escape-');
  const outside = join(base, 'outside.yml');
  writeFileSync(outside, configs[source].text);
  const repo = gitRepo({ 'README.md': 'hello\n' });
  mkdirSync(join(repo, '.circleci'), { recursive: true });
  symlinkSync(outside, join(repo, configs[source].path));
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'symlinked configuration']);
  return { repo, outside };
}

function expectRefused(result: RunResult, path: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain('[input-outside-repository]');
  expect(result.stderr).toContain(path);
  expect(result.stdout + result.stderr).not.toContain(marker);
}

/** Files of a folder (recursive, .git left out) with their sizes and times: "nothing written". */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      if (name === '.git') continue;
      const path = join(sub, name);
      const stats = statSync(join(dir, path), { throwIfNoEntry: false });
      if (stats?.isDirectory()) walk(path);
      else out.push(`${path} ${stats?.size} ${stats?.mtimeMs}`);
    }
  };
  walk('');
  return out;
}

afterAll(() => removeTempDirs());

describe('hostile repositories: a configuration symlinked out of the repository', () => {
  for (const source of Object.keys(configs) as Source[]) {
    const { path } = configs[source];
    const to = targetOf[source];
    it(`${source}: convert refuses it, given the repository or the file`, () => {
      const { repo } = escapingRepo(source);
      expectRefused(run(['convert', repo, '--to', to]), path);
      expectRefused(run(['convert', join(repo, path), '--to', to]), path);
      const out = join(tempDir(), 'out.yml');
      expectRefused(run(['convert', repo, '--to', to, '--output', out]), path);
      expect(existsSync(out)).toBe(false);
    });

    it(`${source}: migrate and diff refuse it and write nothing`, () => {
      const { repo } = escapingRepo(source);
      const before = listing(repo);
      const head = git(repo, ['rev-parse', 'HEAD']);
      expectRefused(run(['migrate', repo, '--to', to]), path);
      expectRefused(run(['diff', repo, '--to', to]), path);
      expect(listing(repo)).toEqual(before);
      expect(git(repo, ['rev-parse', 'HEAD'])).toBe(head);
      expect(git(repo, ['status', '--porcelain'])).toBe('');
    });

    it(`${source}: verify refuses it on either side`, () => {
      const { repo } = escapingRepo(source);
      const fine = writeTree(tempDir(), { [path]: configs[source].text.replace(marker, 'fine') });
      expectRefused(run(['verify', repo, fine]), path);
      expectRefused(run(['verify', fine, repo]), path);
    });
  }

  it('a symlink to /etc/passwd is refused without printing a line of it', () => {
    const repo = tempDir();
    symlinkSync('/etc/passwd', join(repo, '.gitlab-ci.yml'));
    const result = run(['convert', repo, '--to', 'circleci2']);
    expectRefused(result, '.gitlab-ci.yml');
    expect(result.stderr).not.toMatch(/root:|\/bin\/(ba)?sh/);
  });

  it('audit refuses it in a checkout and in a bare repository (a symlink object is not followed)', () => {
    const base = tempDir('ciport-audit-escape-');
    const org = join(base, 'org');
    mkdirSync(org);
    const outside = join(base, 'outside.yml');
    writeFileSync(outside, configs.gitlab.text);
    mkdirSync(join(org, 'checkout'));
    symlinkSync(outside, join(org, 'checkout', '.gitlab-ci.yml'));
    // The bare repository's HEAD holds .gitlab-ci.yml as a symlink object pointing at the outside file.
    const { repo } = escapingRepo('gitlab');
    git(base, ['clone', '-q', '--bare', repo, join(org, 'bare.git')]);
    writeTree(join(org, 'fine'), { '.gitlab-ci.yml': 'build:\n  script: [make]\n' });
    const out = join(base, 'out');
    const result = run(['audit', org, '--to', 'circleci2', '--out', out]);
    expect(result.code, result.stderr).toBe(1);
    type Entry = { name: string; status: string; reason?: string; findings: Array<{ code: string }> };
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { repositories: Entry[] };
    const byName = Object.fromEntries(summary.repositories.map((r) => [r.name, r]));
    for (const name of ['checkout', 'bare.git']) {
      expect(byName[name]!.status).toBe('not-converted');
      expect(byName[name]!.findings.map((f) => f.code)).toEqual(['input-outside-repository']);
    }
    expect(byName.checkout!.reason).toBe('.gitlab-ci.yml leads outside the repository (a symlink or ..); ciport does not follow it');
    expect(byName['bare.git']!.reason).toBe('.gitlab-ci.yml is a symlink in the bare repository; ciport does not follow it');
    expect(byName.fine!.status).toBe('success');
    const everything = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
    expect(everything.join('\n')).not.toContain(marker);
  });
});

describe('hostile repositories: files the configuration names that lead outside', () => {
  it('a bare repository: an include that is a symlink object is refused, located', () => {
    const base = tempDir('ciport-bare-include-');
    const outside = join(base, 'outside.yml');
    writeFileSync(outside, configs.gitlab.text);
    const repo = gitRepo({ '.gitlab-ci.yml': "include: 'ci/escape.yml'\nbuild:\n  script: [make]\n" });
    mkdirSync(join(repo, 'ci'));
    symlinkSync(outside, join(repo, 'ci', 'escape.yml'));
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'include through a symlink']);
    const org = join(base, 'org');
    mkdirSync(org);
    git(base, ['clone', '-q', '--bare', repo, join(org, 'bare.git')]);
    const out = join(base, 'out');
    const result = run(['audit', org, '--to', 'circleci2', '--out', out]);
    expect(result.code, result.stderr).toBe(1);
    const everything = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')).join('\n');
    expect(everything).not.toContain(marker);
    expect(everything).toContain('input-outside-repository');
    expect(everything).toContain('include \\"ci/escape.yml\\" is a symlink that leads outside the repository');
    // The same include in the checkout is refused the same way, at line 1, and nothing is written.
    const checkout = run(['convert', repo, '--to', 'circleci2']);
    expect(checkout.code).toBe(2);
    expect(checkout.stdout).toBe('');
    expect(checkout.stdout + checkout.stderr).not.toContain(marker);
    expect(checkout.stderr).toMatch(/\.gitlab-ci\.yml:1:\d+: error: include "ci\/escape\.yml" is a symlink that leads outside the repository.*\[input-outside-repository\]/);
  });

  it('an inferred file (.ruby-version, Gemfile) that is a symlink out of the repository is refused, located', () => {
    const base = tempDir('ciport-infer-');
    writeFileSync(join(base, 'ruby-version'), '9.9.9-outside\n');
    writeFileSync(join(base, 'Gemfile'), "ruby '8.8.8'\n");
    const repo = writeTree(join(base, 'repo'), { 'circle.yml': 'test:\n  override:\n    - bundle exec rake\n' });
    symlinkSync(join(base, 'ruby-version'), join(repo, '.ruby-version'));
    symlinkSync(join(base, 'Gemfile'), join(repo, 'Gemfile'));
    const result = run(['convert', repo, '--to', 'gitlab']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stdout + result.stderr).not.toMatch(/9\.9\.9|8\.8\.8/);
    expect(result.stderr).toMatch(/circle\.yml:\d+:\d+: error: Gemfile, which CircleCI 1\.0 inference reads, is a symlink that leads outside the repository.*\[input-outside-repository\]/);
  });

  it('an orb in --orb-dir that is a symlink out of the orb directory is refused, located', () => {
    const base = tempDir('ciport-orbs-');
    writeFileSync(join(base, 'outside.yml'), `commands:\n  greet:\n    steps: [{run: echo ${marker}}]\n`);
    const orbs = join(base, 'orbs');
    mkdirSync(join(orbs, 'acme'), { recursive: true });
    symlinkSync(join(base, 'outside.yml'), join(orbs, 'acme', 'tools.yml'));
    const repo = writeTree(join(base, 'repo'), {
      '.circleci/config.yml': 'version: 2.1\norbs:\n  tools: acme/tools@1.0\njobs:\n  build:\n    docker: [{image: alpine}]\n    steps: [tools/greet]\nworkflows:\n  w:\n    jobs: [build]\n',
    });
    const result = run(['convert', repo, '--to', 'gitlab', '--orb-dir', orbs]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toContain(marker);
    expect(result.stderr).toMatch(/config\.yml:3:3: error: orb "tools": .*tools\.yml leads outside the orb directory.*\[input-outside-repository\]/);
  });
});

describe('bad input to verify and audit merge', () => {
  const fine = 'build:\n  script: [make]\n';
  const cases: Array<{ name: string; args: (dir: string) => string[]; message: (dir: string) => string; code?: string; options?: RunOptions; needsUnprivilegedUser?: boolean }> = [
    { name: 'a missing file', args: (d) => ['verify', join(d, 'missing.yml'), join(d, 'ok.yml')], message: (d) => `cannot read ${join(d, 'missing.yml')}: no such file or directory`, code: 'input-unreadable' },
    { name: 'a binary file', args: (d) => ['verify', join(d, 'ok.yml'), join(d, 'binary.yml')], message: (d) => `${join(d, 'binary.yml')} contains NUL bytes`, code: 'yaml-binary' },
    { name: 'a file that is not UTF-8', args: (d) => ['verify', join(d, 'latin1.yml'), join(d, 'ok.yml')], message: (d) => `${join(d, 'latin1.yml')} is not valid UTF-8 text`, code: 'yaml-binary' },
    { name: 'a directory without a configuration', args: (d) => ['verify', join(d, 'ok.yml'), join(d, 'empty')], message: (d) => `no CI configuration found in ${join(d, 'empty')}`, code: 'input-not-found' },
    { name: 'an unknown --from', args: (d) => ['verify', join(d, 'ok.yml'), join(d, 'ok.yml'), '--from', 'jenkins'], message: () => 'unknown format "jenkins"' },
    { name: 'an unknown --from-b', args: (d) => ['verify', join(d, 'ok.yml'), join(d, 'ok.yml'), '--from-b', 'travis'], message: () => 'unknown format "travis"' },
    { name: '- with nothing on standard input', args: (d) => ['verify', '-', join(d, 'ok.yml')], message: () => '<stdin> is not a CircleCI 1.0, CircleCI 2.x or GitLab CI configuration', code: 'format-unknown' },
    {
      name: 'an unreadable file',
      args: (d) => ['verify', join(d, 'ok.yml'), join(d, 'closed.yml')],
      message: (d) => `cannot read ${join(d, 'closed.yml')}: permission denied`,
      code: 'input-unreadable',
      // Root reads everything: the run goes as an unprivileged user so the permission applies.
      ...(runningAsRoot ? { options: { uid: nobody }, needsUnprivilegedUser: true } : {}),
    },
    { name: 'audit merge of a folder that is not a report', args: (d) => ['audit', 'merge', join(d, 'foreign'), '--out', join(d, 'merged')], message: (d) => `${join(d, 'foreign', 'summary.json')} is not an audit summary written by ciport` },
    { name: 'audit merge of an empty folder', args: (d) => ['audit', 'merge', join(d, 'empty'), '--out', join(d, 'merged')], message: (d) => `cannot read ${join(d, 'empty', 'summary.json')}: no such file or directory` },
    { name: 'audit merge of a summary that is not JSON', args: (d) => ['audit', 'merge', join(d, 'broken'), '--out', join(d, 'merged')], message: (d) => `cannot read ${join(d, 'broken', 'summary.json')}: not valid JSON` },
    { name: 'audit --resume into a folder that holds no audit', args: (d) => ['audit', join(d, 'empty'), '--to', 'gitlab', '--out', join(d, 'foreign'), '--resume'], message: (d) => `--out ${join(d, 'foreign')} is not empty and holds no ciport audit (no results.jsonl)` },
    { name: 'audit --resume of a journal that is not one', args: (d) => ['audit', join(d, 'empty'), '--to', 'gitlab', '--out', join(d, 'journal'), '--resume'], message: (d) => `${join(d, 'journal', 'results.jsonl')}:1: not an audit journal written by ciport` },
  ];
  const unprivilegedReachable = unprivilegedCanRunCli();
  for (const bad of cases) {
    const skip = bad.needsUnprivilegedUser === true && !unprivilegedReachable;
    (skip ? it.skip : it)(`${bad.name}: a located error, exit 2, nothing written${skip ? ` ${unreachableCheckout}` : ''}`, () => {
      const dir = writeTree(tempDir('ciport-bad-'), {
        'ok.yml': fine,
        'binary.yml': new Uint8Array([0x62, 0x3a, 0x00, 0xff, 0x10]),
        'latin1.yml': new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]),
        'closed.yml': fine,
        'foreign/summary.json': '{"not": "a summary"}\n',
        'foreign/notes.txt': 'hello\n',
        'broken/summary.json': '{',
        'journal/results.jsonl': '{"ciport": "something else"}\n',
      });
      mkdirSync(join(dir, 'empty'));
      chmodSync(dir, 0o777);
      for (const file of ['ok.yml', 'binary.yml', 'latin1.yml']) chmodSync(join(dir, file), 0o644);
      chmodSync(join(dir, 'closed.yml'), 0o000);
      const before = listing(dir);
      const result = run(bad.args(dir), bad.options ?? {});
      chmodSync(join(dir, 'closed.yml'), 0o644);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(bad.message(dir));
      if (bad.code) expect(result.stderr).toContain(`[${bad.code}]`);
      expect(result.stdout).toBe('');
      expect(listing(dir)).toEqual(before);
    });
  }
});
