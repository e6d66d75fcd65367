/** `ciport audit` and `ciport audit merge`, end to end through the CLI over the real translation. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditTask } from '../../src/commands/audit/audit-repo.js';
import { resolveWorkerModule, runPool } from '../../src/commands/audit/pool.js';
import { parseShard, selectShard } from '../../src/commands/audit/shard.js';
import { uniqueSafeName } from '../../src/commands/audit/discover.js';
import { withoutRunRecord } from '../support/audit-report.js';
import { findChromium, layoutAt } from '../support/chromium.js';
import { bareRepo, circle2Config, ciport, cleanCircle2Config, gitlabConfig, removeTempDirs, root, snapshot, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

const isRoot = process.getuid?.() === 0;

/** An organisation: checkouts of each outcome, a bare repository, and (when not root) an unreadable file. */
function makeOrganisation(): string {
  const org = tempDir('ciport-org-');
  writeTree(join(org, 'alpha'), { '.circleci/config.yml': circle2Config });
  writeTree(join(org, 'bravo'), { '.gitlab-ci.yml': gitlabConfig });
  writeTree(join(org, 'charlie'), { 'README.md': 'no CI here\n' });
  writeTree(join(org, 'delta'), { '.circleci/config.yml': 'version: 2\njobs: [\n' });
  writeTree(join(org, 'echo'), { '.circleci/config.yml': new Uint8Array([0x62, 0x00, 0x3a]) });
  bareRepo(org, 'foxtrot.git', { '.circleci/config.yml': cleanCircle2Config });
  writeTree(join(org, 'golf'), { 'circle.yml': 'test:\n  override:\n    - make\n', '.gitlab-ci.yml': gitlabConfig });
  writeTree(join(org, 'hotel with space'), { '.circleci/config.yml': cleanCircle2Config });
  if (!isRoot) {
    writeTree(join(org, 'juliet'), { '.circleci/config.yml': cleanCircle2Config });
    chmodSync(join(org, 'juliet', '.circleci/config.yml'), 0o000);
  }
  writeTree(org, { 'not-a-repo.txt': 'files at the top are ignored\n' });
  return org;
}

const expectedStatus: Record<string, string> = {
  alpha: 'partial',
  // Its only configuration is the target's; golf has the target's file beside a 1.0 one.
  bravo: 'on-target',
  charlie: 'unsupported',
  delta: 'not-converted',
  echo: 'not-converted',
  'foxtrot.git': 'success',
  golf: 'on-target',
  'hotel with space': 'success',
  ...(isRoot ? {} : { juliet: 'not-converted' }),
};

interface Summary {
  to: string;
  totals: Record<string, number>;
  codes: Array<{ code: string; repositories: number }>;
  features: Array<{ code: string; message: string; repositories: number }>;
  manualTasks: Array<{ code: string; kind: string; tasks: number; repositories: number }>;
  repositories: Array<{ name: string; safeName: string; kind: string; status: string; files: string[]; reason?: string; source?: { path: string } }>;
}

const readSummary = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;

describe('ciport audit', () => {
  const org = makeOrganisation();
  const out = join(tempDir(), 'report');
  const run = ciport(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '3']);
  const summary = readSummary(out);

  it('exits 1 when some repositories need attention and prints the totals', () => {
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^audited \d+ repositories: 2 already on target, 2 successful, 1 partially successful, 0 converted with errors, \d+ not converted, 1 unsupported\n/);
    expect(run.stderr).toBe('');
  });

  it('classifies every repository, sorted by name', () => {
    expect(Object.fromEntries(summary.repositories.map((r) => [r.name, r.status]))).toEqual(expectedStatus);
    expect(summary.repositories.map((r) => r.name)).toEqual(Object.keys(expectedStatus).sort());
    const byName = Object.fromEntries(summary.repositories.map((r) => [r.name, r]));
    expect(byName['foxtrot.git']).toMatchObject({ kind: 'bare', source: { path: '.circleci/config.yml' } });
    expect(byName.charlie!.reason).toContain('no CI configuration');
    expect(byName.echo!.reason).toContain('NUL bytes');
    expect(byName.golf).toMatchObject({ reason: '.gitlab-ci.yml exists already, beside circle.yml', source: { path: 'circle.yml', format: 'circleci1' } });
    expect(byName.bravo!.reason).toBe('its only configuration (.gitlab-ci.yml) is in the target format, gitlab');
    expect(byName['hotel with space']!.safeName).toBe('hotel_with_space');
  });

  it('has summary counts equal to the per-repository results', () => {
    const statuses = readdirSync(join(out, 'repos')).map(
      (name) => (JSON.parse(readFileSync(join(out, 'repos', name, 'diagnostics.json'), 'utf8')) as { status: string }).status,
    );
    const tally = (s: string) => statuses.filter((x) => x === s).length;
    expect(summary.totals).toEqual({
      repositories: statuses.length,
      'on-target': tally('on-target'),
      success: tally('success'),
      partial: tally('partial'),
      errors: tally('errors'),
      'not-converted': tally('not-converted'),
      unsupported: tally('unsupported'),
    });
    expect(statuses.length).toBe(Object.keys(expectedStatus).length);
  });

  it('writes each repository\'s translation, MIGRATION.md and diagnostics.json', () => {
    for (const repo of summary.repositories) {
      for (const file of repo.files) expect(existsSync(join(out, file)), file).toBe(true);
      expect(repo.files).toContain(`repos/${repo.safeName}/diagnostics.json`);
    }
    expect(readFileSync(join(out, 'repos/alpha/.gitlab-ci.yml'), 'utf8')).toContain('deploy:');
    expect(readFileSync(join(out, 'repos/alpha/MIGRATION.md'), 'utf8')).toContain('- [ ] `.circleci/config.yml:');
    const diagnostics = JSON.parse(readFileSync(join(out, 'repos/alpha/diagnostics.json'), 'utf8'));
    // Located: the parallel warning at the body of job deploy (line 10), the context task at its `context:` (line 21).
    expect(diagnostics.diagnostics.map((d: { code: string; line: number }) => [d.code, d.line])).toEqual([
      ['gitlab-parallel-index', 12],
      ['manual-context', 21],
    ]);
    expect(existsSync(join(out, 'repos/delta/.gitlab-ci.yml'))).toBe(false);
  });

  it('groups the most frequent problems and manual tasks', () => {
    expect(summary.features).toContainEqual(expect.objectContaining({ code: 'gitlab-parallel-index', message: expect.stringMatching(/^job "deploy": parallelism 2 became parallel;/), repositories: 1 }));
    expect(summary.features).toContainEqual(expect.objectContaining({ code: 'yaml-syntax', severity: 'error', repositories: 1 }));
    expect(summary.manualTasks).toEqual([{ code: 'manual-context', kind: expect.stringContaining('context "production" (used by …)'), tasks: 1, repositories: 1 }]);
    const md = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(md).toMatch(/^\| Successful \| 2 \| [\d.]+% \|/m);
    expect(md).toContain('## Most frequent unsupported features and errors');
    expect(md).toContain('[diagnostics.json](repos/hotel_with_space/diagnostics.json)');
  });

  it('writes a self-contained HTML page with inline SVG charts', () => {
    const html = readFileSync(join(out, 'summary.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    // The only absolute URL is the SVG namespace; every link points into the report folder.
    const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^(repos\/|summary\.csv$)/);
    expect(html).toContain('<title>');
  });

  it('renders summary.html in a headless browser, fitting 1280 and 390 px (skipped without chromium)', (context) => {
    const browser = findChromium();
    if (!browser) {
      context.skip('no chromium on PATH: the HTML page is checked as text only');
      return;
    }
    const dom = spawnSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', pathToFileURL(join(out, 'summary.html')).href], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(dom.stdout).toContain('<svg');
    expect(dom.stdout).toContain('hotel with space');
    expect(dom.stdout).toMatch(/<td class="n" data-label="Repositories">2<\/td>/);
    // The page as written, at a desktop and a phone width (test/commands/audit-summary-html.test.ts has long names).
    for (const width of [1280, 390]) {
      const layout = layoutAt(browser, readFileSync(join(out, 'summary.html'), 'utf8'), width, tempDir(), join(tempDir(), `summary-${width}.png`));
      expect(layout.scrollWidth, `${width} px: ${layout.wide.join(', ')}`).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.clipped).toEqual([]);
      expect(layout.unlabelledCharts).toEqual([]);
    }
  });

  it('is deterministic: another run with another pool size writes the same report', () => {
    const again = join(tempDir(), 'report');
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', again, '--jobs', '1']).code).toBe(1);
    expect(withoutRunRecord(snapshot(again))).toEqual(withoutRunRecord(snapshot(out)));
  });

  it('shards, and merging the shard reports equals the unsharded report', () => {
    const parts = [1, 2, 3].map((k) => {
      const dir = join(tempDir(), `shard-${k}`);
      const shardRun = ciport(['audit', org, '--to', 'gitlab', '--out', dir, '--shard', `${k}/3`]);
      expect(shardRun.code).not.toBe(2);
      expect(readSummary(dir).repositories.length).toBeGreaterThan(0);
      return dir;
    });
    expect(parts.map((p) => readSummary(p).repositories.length).reduce((a, b) => a + b)).toBe(summary.repositories.length);
    const merged = join(tempDir(), 'merged');
    const mergeRun = ciport(['audit', 'merge', ...parts, '--out', merged]);
    expect(mergeRun.code).toBe(1);
    expect(withoutRunRecord(snapshot(merged))).toEqual(withoutRunRecord(snapshot(out)));
  });

  it('refuses to merge overlapping or foreign reports', () => {
    const merged = join(tempDir(), 'merged');
    expect(ciport(['audit', 'merge', out, out, '--out', merged]).stderr).toContain(`shard 1/1 is given twice (${out} and ${out})`);
    const notReport = tempDir();
    const run = ciport(['audit', 'merge', notReport, '--out', merged]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('summary.json');
  });
});

describe('ciport audit limits and inputs', () => {
  it('reads a manifest: paths relative to it, comments and blank lines ignored', () => {
    const base = tempDir();
    writeTree(join(base, 'repos/one'), { '.gitlab-ci.yml': gitlabConfig });
    writeTree(join(base, 'repos/two'), { '.circleci/config.yml': cleanCircle2Config });
    bareRepo(join(base, 'repos'), 'three.git', { 'circle.yml': 'test:\n  override:\n    - make\n' });
    writeTree(base, { 'lists/org.txt': '# our repositories\n../repos/one\n\n../repos/two/   # trailing comment\n../repos/three.git\n../repos/missing\n' });
    const out = join(base, 'out');
    const run = ciport(['audit', join(base, 'lists/org.txt'), '--to', 'gitlab', '--out', out]);
    expect(run.code).toBe(1);
    const summary = readSummary(out);
    expect(summary.repositories.map((r) => [r.name, r.status])).toEqual([
      ['../repos/missing', 'not-converted'],
      ['../repos/one', 'on-target'],
      ['../repos/three.git', 'success'],
      ['../repos/two', 'success'],
    ]);
    expect(summary.repositories[0]!.reason).toContain('no such file or directory');
    expect(summary.repositories[0]!.safeName).not.toMatch(/^\./);
  });

  it('exits 0 when every repository translated', () => {
    const org = tempDir();
    writeTree(join(org, 'a'), { '.gitlab-ci.yml': gitlabConfig });
    writeTree(join(org, 'b'), { '.circleci/config.yml': circle2Config });
    const run = ciport(['audit', org, '--to', 'gitlab', '--out', join(org, '..', `${relative(tempDir(), org)}-out`)]);
    expect(run.code).toBe(0);
  });

  it('fails only the repository whose translation throws, and goes on', () => {
    const org = tempDir();
    writeTree(join(org, 'a-throws'), { '.gitlab-ci.yml': `${gitlabConfig}# fake: throw\n` });
    writeTree(join(org, 'b-fine'), { '.gitlab-ci.yml': gitlabConfig });
    const out = join(tempDir(), 'out');
    // The fake: a translator that throws is a fault to inject, no real input does it. To CircleCI:
    // a GitLab repository audited for GitLab is on target, never translated.
    const run = ciport(['audit', org, '--to', 'circleci2', '--out', out, '--jobs', '1'], { fake: true });
    expect(run.code, run.stderr).toBe(1);
    const summary = readSummary(out);
    expect(summary.repositories.map((r) => [r.name, r.status])).toEqual([['a-throws', 'not-converted'], ['b-fine', 'success']]);
    expect(summary.repositories[0]!.reason).toContain('fake crash');
  });

  it('stops a repository at --timeout, replaces the worker and goes on', () => {
    const org = tempDir();
    writeTree(join(org, 'a-hangs'), { '.gitlab-ci.yml': `${gitlabConfig}# fake: hang\n` });
    writeTree(join(org, 'b-fine'), { '.gitlab-ci.yml': gitlabConfig });
    writeTree(join(org, 'c-fine'), { '.gitlab-ci.yml': gitlabConfig });
    const out = join(tempDir(), 'out');
    const started = Date.now();
    // The fake: its `# fake: hang` marker is a translation that never ends, which no real input may be.
    const run = ciport(['audit', org, '--to', 'circleci2', '--out', out, '--jobs', '1', '--timeout', '1'], { fake: true });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(run.code).toBe(1);
    const summary = readSummary(out);
    expect(summary.repositories.map((r) => r.status)).toEqual(['not-converted', 'success', 'success']);
    expect(summary.repositories[0]!.reason).toContain('longer than 1s (--timeout)');
    expect(summary.codes).toEqual([expect.objectContaining({ code: 'audit-timeout' })]);
  });

  it('skips configurations over --max-size with a failure entry', () => {
    const org = tempDir();
    writeTree(join(org, 'big'), { '.circleci/config.yml': circle2Config });
    writeTree(join(org, 'small'), { 'circle.yml': 'test:\n  override:\n    - make\n' });
    bareRepo(org, 'big.git', { '.circleci/config.yml': circle2Config });
    const out = join(tempDir(), 'out');
    ciport(['audit', org, '--to', 'gitlab', '--out', out, '--max-size', '100']);
    const byName = Object.fromEntries(readSummary(out).repositories.map((r) => [r.name, r]));
    expect(byName.big).toMatchObject({ status: 'not-converted' });
    expect(byName.big!.reason).toContain('over the limit of 100 (--max-size)');
    expect(byName['big.git']!.reason).toContain('over the limit of 100');
    expect(byName.small!.status).toBe('success');
  });

  it('rejects usage errors with exit 2', () => {
    const org = tempDir();
    const out = join(tempDir(), 'out');
    expect(ciport(['audit', join(org, 'missing'), '--to', 'gitlab', '--out', out]).code).toBe(2);
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out, '--shard', '3/2']).stderr).toContain('--shard must be k/n');
    expect(ciport(['audit', org, '--out', out]).code).toBe(2);
    expect(ciport(['audit', org, '--to', 'gitlab', '--out', out, '--jobs', '0']).code).toBe(2);
    expect(ciport(['audit', 'merge', '--out', out]).code).toBe(2);
  });
});

describe('audit building blocks', () => {
  it('shards by position in the sorted list, covering every item once', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const shards = [1, 2, 3].map((k) => selectShard(items, parseShard(`${k}/3`) as { index: number; count: number }));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(items);
    expect(shards[0]).toEqual([0, 3, 6, 9]);
    expect(parseShard('0/2')).toHaveProperty('error');
    expect(parseShard('x')).toHaveProperty('error');
  });

  it('makes safe, unique folder names', () => {
    const used = new Set<string>();
    expect(['a/b', 'a_b', '..', '.hidden', 'A_B'].map((n) => uniqueSafeName(n, used))).toEqual(['a_b', 'a_b-2', 'repo', '_hidden', 'A_B-3']);
  });

  const poolTasks = (names: string[]): AuditTask[] =>
    names.map((name) => ({ repo: { name, safeName: name, path: '/nowhere', kind: 'checkout' }, to: 'gitlab', parse: {}, emit: {}, maxBytes: 1, outDir: '/nowhere' }));
  const fixtureWorker = { url: pathToFileURL(join(root, 'test/fixtures/crash-worker.mjs')), preloads: [] };

  it('replaces a crashed or stuck worker and finishes every task', async () => {
    const results: Array<[string, string]> = [];
    await runPool(poolTasks(['a', 'crash-1', 'b', 'hang-1', 'c', 'crash-2', 'd']), {
      jobs: 2,
      timeoutMs: 1000,
      worker: fixtureWorker,
      onResult: (summary) => results.push([summary.name, summary.reason ?? summary.status]),
      onFailure: (task, kind, message) => ({ ...task.repo, status: 'not-converted', files: [], counts: { error: 1, warning: 0, manual: 0, info: 0 }, reason: `${kind}: ${message}`, findings: [], manualTasks: [] }),
    });
    expect(results.sort()).toEqual([
      ['a', 'success'],
      ['b', 'success'],
      ['c', 'success'],
      ['crash-1', 'crash: the worker exited with code 3'],
      ['crash-2', 'crash: the worker exited with code 3'],
      ['d', 'success'],
      ['hang-1', 'timeout: translation took longer than 1s (--timeout)'],
    ]);
  });

  it('fails the run, not each task, when the worker cannot start', async () => {
    const missing = { url: pathToFileURL(join(root, 'test/fixtures/no-such-worker.mjs')), preloads: [] };
    const run = runPool(poolTasks(['a', 'b']), { jobs: 2, timeoutMs: 1000, worker: missing, onResult: () => {}, onFailure: () => { throw new Error('unreachable'); } });
    await expect(run).rejects.toThrow(/the audit worker could not start/);
  });

  it('resolves the worker from source (tsx) and from compiled output', () => {
    const source = resolveWorkerModule(pathToFileURL(join(root, 'src/commands/audit/pool.ts')).href);
    expect(source.url.pathname.endsWith('/src/commands/audit/worker.ts')).toBe(true);
    expect(source.preloads[0]).toMatch(/tsx/);
    const dist = tempDir();
    writeFileSync(join(dist, 'worker.js'), '');
    const compiled = resolveWorkerModule(pathToFileURL(join(dist, 'pool.js')).href);
    expect(compiled).toEqual({ url: pathToFileURL(join(dist, 'worker.js')), preloads: [] });
    // In the bundle, pool code sits in a chunk beside the worker entry.
    writeFileSync(join(dist, 'audit-worker.mjs'), '');
    const bundled = resolveWorkerModule(pathToFileURL(join(dist, 'chunk-ABC.mjs')).href);
    expect(bundled).toEqual({ url: pathToFileURL(join(dist, 'audit-worker.mjs')), preloads: [] });
  });

  it('runs the compiled worker from a build of the project', () => {
    // Build into a temporary folder laid out like the package (dist/ beside package.json).
    const pkg = tempDir('ciport-build-');
    cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist'), '--noEmit', 'false'], { stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; only a missing worker is fatal here.
    }
    expect(existsSync(join(pkg, 'dist/commands/audit/worker.js'))).toBe(true);
    const org = tempDir();
    writeTree(join(org, 'none'), { 'README.md': 'x\n' });
    writeTree(join(org, 'some'), { '.circleci/config.yml': cleanCircle2Config });
    mkdirSync(join(pkg, 'out'));
    // Exit code 1 is expected: an unsupported repository needs attention.
    // Both the compiled modules and the bundle bin/ciport.js runs (scripts/bundle.mjs) start their worker.
    execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs'), join(pkg, 'dist')], { stdio: 'pipe' });
    for (const entry of ['dist/cli-main.js', 'dist/bundle/ciport.mjs']) {
      const out = join(pkg, 'out', entry.replace(/\W/g, '-'));
      mkdirSync(out, { recursive: true });
      const run = spawnSync(process.execPath, [join(pkg, entry), 'audit', org, '--to', 'gitlab', '--out', out, '--jobs', '2'], {
        encoding: 'utf8',
        env: { ...process.env, CI: '1' },
      });
      expect(run.stdout, run.stderr).toContain('audited 2 repositories');
      const summary = readSummary(out);
      // The worker ran: it read both repositories (no crash entries, whatever the translation did).
      expect(summary.codes.map((c) => c.code)).not.toContain('audit-worker-failed');
      expect(summary.repositories.find((r) => r.name === 'none')!.status).toBe('unsupported');
      expect(summary.repositories.find((r) => r.name === 'some')!.status).toBe('success');
    }
  });
});
