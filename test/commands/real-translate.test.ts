/**
 * The workflow commands over the real translate() end to end: migrate, diff --check and audit on
 * real workers. No skip: if the real translation of a small CircleCI 2.x configuration breaks,
 * these tests fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { circle2Config, ciport, gitlabConfig, removeTempDirs, tempDir, writeTree } from './helpers.js';

afterAll(removeTempDirs);

describe('workflows over the real translation', () => {
  it('migrate writes a GitLab file that parses, and MIGRATION.md with the context task', () => {
    const dir = writeTree(tempDir(), { '.circleci/config.yml': circle2Config });
    const run = ciport(['migrate', dir, '--to', 'gitlab']);
    expect(run.code, run.stderr).toBeLessThan(2);
    const output = parse(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(expect.arrayContaining(['build', 'deploy']));
    const notes = readFileSync(join(dir, 'MIGRATION.md'), 'utf8');
    expect(notes).toContain('- 2 jobs: `build`, `deploy`');
    expect(notes).toMatch(/- \[ \] .*"production"/);
  });

  it('diff --check is clean right after migrate', () => {
    const dir = writeTree(tempDir(), { '.circleci/config.yml': circle2Config });
    expect(ciport(['migrate', dir, '--to', 'gitlab']).code).toBeLessThan(2);
    const run = ciport(['diff', dir, '--to', 'gitlab', '--check']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('audit translates an organisation on real workers', () => {
    const org = tempDir();
    writeTree(join(org, 'circle'), { '.circleci/config.yml': circle2Config });
    writeTree(join(org, 'lab'), { '.gitlab-ci.yml': gitlabConfig });
    writeTree(join(org, 'none'), { 'README.md': 'x\n' });
    const out = join(tempDir(), 'out');
    const run = ciport(['audit', org, '--to', 'circleci2', '--out', out]);
    expect(run.code).toBe(1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    // circle is already on the target format; lab is translated.
    expect(summary.repositories.map((r: { status: string }) => r.status)).toEqual(['on-target', expect.stringMatching(/success|partial/), 'unsupported']);
    expect(existsSync(join(out, 'repos/lab/.circleci/config.yml'))).toBe(true);
  });
});
