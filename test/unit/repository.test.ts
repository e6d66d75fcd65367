import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globToRegex, openRepository } from '../../src/io/repository.js';

function makeRepo() {
  const base = mkdtempSync(join(tmpdir(), 'ciport-repo-'));
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'ci', 'nested'), { recursive: true });
  writeFileSync(join(base, 'outside.yml'), 'secret: outside\n');
  writeFileSync(join(repo, 'ci', 'a.yml'), 'a: 1\n');
  writeFileSync(join(repo, 'ci', 'nested', 'b.yml'), 'b: 1\n');
  symlinkSync(join(base, 'outside.yml'), join(repo, 'ci', 'escape.yml'));
  return { base, repo };
}

describe('repository access', () => {
  it('reads files inside the repository', () => {
    const { repo } = makeRepo();
    expect(openRepository(repo).readFile('ci/a.yml')).toBe('a: 1\n');
    expect(openRepository(repo).readFile('/ci/a.yml')).toBe('a: 1\n');
  });

  it('never reads outside it, by .. or by symlink', () => {
    const { repo } = makeRepo();
    const access = openRepository(repo);
    expect(access.readFile('../outside.yml')).toBeUndefined();
    expect(access.readFile('ci/../../outside.yml')).toBeUndefined();
    expect(access.readFile('ci/escape.yml')).toBeUndefined();
    expect(access.exists('../outside.yml')).toBe(false);
  });

  it('globs with * and ** and leaves out escaping links', () => {
    const { repo } = makeRepo();
    const access = openRepository(repo);
    expect(access.glob('ci/*.yml')).toEqual(['ci/a.yml']);
    expect(access.glob('ci/**/*.yml')).toEqual(['ci/nested/b.yml']);
    expect(access.glob('ci/**.yml')).toEqual(['ci/a.yml', 'ci/nested/b.yml']);
    expect(access.glob('**/*.yml')).toEqual(['ci/a.yml', 'ci/nested/b.yml']);
  });

  it('translates glob syntax', () => {
    expect(globToRegex('a/*.yml').test('a/b.yml')).toBe(true);
    expect(globToRegex('a/*.yml').test('a/b/c.yml')).toBe(false);
    // `**/` is one or more folders: files directly in `a` are `a/*.yml` or `a/**.yml` (GitLab docs).
    expect(globToRegex('a/**/c.yml').test('a/c.yml')).toBe(false);
    expect(globToRegex('a/**.yml').test('a/c.yml')).toBe(true);
    expect(globToRegex('a/**.yml').test('a/x/y/c.yml')).toBe(true);
    expect(globToRegex('a/[bc].yml').test('a/b.yml')).toBe(false);
    expect(globToRegex('a/[bc].yml').test('a/[bc].yml')).toBe(true);
    expect(globToRegex('a/?.yml').test('a/b.yml')).toBe(false);
    expect(globToRegex('a/**/c.yml').test('a/x/y/c.yml')).toBe(true);
  });
});
