/** The image rule matcher: repository names, exact references, globs with captures. */
import { describe, expect, it } from 'vitest';
import { rewriteImage, splitReference, starCount } from '../../src/rules/image-match.js';

describe('splitReference', () => {
  it('separates tag and digest from the repository, not a registry port', () => {
    expect(splitReference('postgres:16')).toEqual({ repository: 'postgres', suffix: ':16' });
    expect(splitReference('registry:5000/team/app')).toEqual({ repository: 'registry:5000/team/app', suffix: '' });
    expect(splitReference('registry:5000/team/app:1.2')).toEqual({ repository: 'registry:5000/team/app', suffix: ':1.2' });
    expect(splitReference('app@sha256:abc')).toEqual({ repository: 'app', suffix: '@sha256:abc' });
    expect(splitReference('app:1@sha256:abc')).toEqual({ repository: 'app', suffix: ':1@sha256:abc' });
  });
});

describe('rewriteImage', () => {
  it('a bare repository matches any tag and keeps it unless the replacement has one', () => {
    expect(rewriteImage('postgres:16', 'postgres', 'mirror/postgres')).toBe('mirror/postgres:16');
    expect(rewriteImage('postgres', 'postgres', 'mirror/postgres')).toBe('mirror/postgres');
    expect(rewriteImage('postgres@sha256:ab', 'postgres', 'mirror/postgres')).toBe('mirror/postgres@sha256:ab');
    expect(rewriteImage('postgres:16', 'postgres', 'mirror/postgres:17')).toBe('mirror/postgres:17');
  });

  it('a bare repository does not match a longer or different name', () => {
    expect(rewriteImage('postgres-exporter:1', 'postgres', 'x')).toBeUndefined();
    expect(rewriteImage('library/postgres:1', 'postgres', 'x')).toBeUndefined();
    expect(rewriteImage('bitnami/postgres', 'postgres', 'x')).toBeUndefined();
  });

  it('name:tag matches only that reference', () => {
    expect(rewriteImage('node:18', 'node:18', 'node:20')).toBe('node:20');
    expect(rewriteImage('node:18-alpine', 'node:18', 'node:20')).toBeUndefined();
    expect(rewriteImage('node', 'node:18', 'node:20')).toBeUndefined();
  });

  it('globs match the whole reference and carry each * over in order', () => {
    expect(rewriteImage('registry.internal/team/app:3', 'registry.internal/*', 'mirror.example.com/*')).toBe('mirror.example.com/team/app:3');
    expect(rewriteImage('cimg/node:20.1', 'cimg/*:*', 'mirror/*-img:*')).toBe('mirror/node-img:20.1');
    expect(rewriteImage('other.registry/registry.internal/x', 'registry.internal/*', 'y/*')).toBeUndefined();
    expect(rewriteImage('circleci/node:14', 'circleci/*', 'legacy-mirror')).toBe('legacy-mirror');
  });

  it('treats regex characters in patterns literally', () => {
    expect(rewriteImage('a.b/c:1', 'a.b/*', 'x/*')).toBe('x/c:1');
    expect(rewriteImage('aXb/c:1', 'a.b/*', 'x/*')).toBeUndefined();
    expect(rewriteImage('app+1:(2)', 'app+1:(2)', 'ok')).toBe('ok');
  });

  it('counts stars', () => {
    expect(starCount('a/*:*')).toBe(2);
    expect(starCount('a')).toBe(0);
  });
});
