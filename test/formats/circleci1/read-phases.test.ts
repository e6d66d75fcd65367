import { describe, expect, it } from 'vitest';
import { job, plain, read } from './helpers.js';

const full = `
machine:
  pre: [m-pre]
  post: [m-post]
checkout:
  post: [co-post]
dependencies:
  pre: [dep-pre]
  override: [dep]
  post: [dep-post]
  cache_directories: [vendor/cache, ~/.m2]
database:
  override: [db]
compile:
  override: [build]
test:
  pre: [t-pre]
  override: [t]
  post: [t-post]
`;

describe('circleci1 reader: phases', () => {
  it('puts every phase in order with checkout and the 1.0 cache around dependencies', () => {
    const { pipeline, codes } = read(full);
    const steps = job(pipeline).steps.map((s) => (s.kind === 'run' ? `${s.phase}:${s.command}` : s.kind));
    expect(steps).toEqual([
      'machine:m-pre',
      'machine:m-post',
      'checkout',
      'checkout:co-post',
      'cache-restore',
      'dependencies:dep-pre',
      'dependencies:dep',
      'dependencies:dep-post',
      'cache-save',
      'database:db',
      'compile:build',
      'test:t-pre',
      'test:t',
      'test:t-post',
    ]);
    expect(codes).not.toContain('unknown-key');
  });

  it('keys the cache by branch and falls back to any branch', () => {
    const steps = job(read(full).pipeline).steps;
    expect(plain(steps.find((s) => s.kind === 'cache-restore'))).toEqual({
      kind: 'cache-restore',
      keys: [{ parts: [{ kind: 'literal', value: 'dependencies-' }, { kind: 'branch' }] }, { parts: [{ kind: 'literal', value: 'dependencies-' }] }],
    });
    expect(plain(steps.find((s) => s.kind === 'cache-save'))).toMatchObject({ paths: ['vendor/cache', '~/.m2'] });
  });

  it('marks test commands to keep going after a failure', () => {
    const runs = job(read(full).pipeline).steps.filter((s) => s.kind === 'run' && s.phase === 'test');
    expect(runs.every((s) => s.kind === 'run' && s.continueOnFailure)).toBe(true);
  });

  it('reads bundler.without as BUNDLE_WITHOUT and minitest_globs as an extension', () => {
    const { pipeline } = read('dependencies:\n  bundler:\n    without: [development, staging]\ntest:\n  minitest_globs:\n    - test/**/*_test.rb\n');
    expect(plain(job(pipeline).environment)).toEqual([{ name: 'BUNDLE_WITHOUT', value: 'development:staging' }]);
    expect(plain(job(pipeline).extensions)).toEqual([{ format: 'circleci1', key: 'test.minitest_globs', value: ['test/**/*_test.rb'] }]);
  });

  it('collects $CIRCLE_TEST_REPORTS and $CIRCLE_ARTIFACTS', () => {
    const { pipeline } = read('test:\n  override:\n    - rspec -o $CIRCLE_TEST_REPORTS/rspec.xml\n    - cp log/* $CIRCLE_ARTIFACTS\n');
    const tail = job(pipeline).steps.slice(-2);
    expect(plain(tail)).toEqual([
      { kind: 'test-results', path: '$CIRCLE_TEST_REPORTS', format: 'junit' },
      { kind: 'artifacts', paths: ['$CIRCLE_ARTIFACTS'], when: 'always' },
    ]);
  });

  it('diagnoses keys a section does not accept, keeping the commands', () => {
    const { pipeline, codes } = read('checkout:\n  pre:\n    - echo early\n');
    expect(job(pipeline).steps.some((s) => s.kind === 'run' && s.command === 'echo early')).toBe(true);
    expect(codes).toContain('circleci1-section-key');
  });

  it('reports a section of the wrong type', () => {
    const { codes } = read('test: [make]\n');
    expect(codes).toContain('wrong-type');
    expect(codes).not.toContain('unknown-key');
  });

  it('reports unknown sections and keys', () => {
    const { diagnostics } = read('test:\n  override: [make]\n  retry: 2\nweather: sunny\n');
    expect(diagnostics.filter((d) => d.code === 'unknown-key').map((d) => d.message)).toEqual([
      'key "test.retry" is not understood and is not translated',
      'key "weather" is not understood and is not translated',
    ]);
  });
});
