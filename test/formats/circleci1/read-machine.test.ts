import { describe, expect, it } from 'vitest';
import { job, plain, read, runs } from './helpers.js';

describe('circleci1 reader: machine', () => {
  it('reads environment as expanding variables and timezone as TZ', () => {
    const { pipeline } = read('machine:\n  timezone:\n    America/Los_Angeles\n  environment:\n    PATH: "${PATH}:${HOME}/bin"\n    RETRIES: 3\n');
    expect(plain(pipeline.variables)).toEqual([
      { name: 'TZ', value: 'America/Los_Angeles' },
      { name: 'PATH', value: '${PATH}:${HOME}/bin', expand: true },
      { name: 'RETRIES', value: '3', expand: true },
    ]);
  });

  it('marks secret-looking variables', () => {
    const { pipeline } = read('machine:\n  environment:\n    DEPLOY_TOKEN: abc123\n');
    expect(pipeline.variables?.[0]?.secret).toBe(true);
  });

  it('writes hosts as /etc/hosts commands between pre and post', () => {
    const { pipeline } = read('machine:\n  pre:\n    - echo pre\n  hosts:\n    db.local: 127.0.0.1\n  post:\n    - echo post\n');
    expect(runs(pipeline).map((r) => r.command)).toEqual(['echo pre', 'echo "127.0.0.1 db.local" | sudo tee -a /etc/hosts', 'echo post']);
    expect(runs(pipeline).every((r) => r.phase === 'machine')).toBe(true);
  });

  it('chooses the image from the first language and keeps the versions as written', () => {
    const { pipeline, codes } = read('machine:\n  ruby:\n    version: 1.9.3-p0-falcon\n  node:\n    version: 0.10.22\n');
    expect(plain(job(pipeline).executor)).toEqual({ kind: 'docker', image: { name: 'ruby:1.9.3' } });
    expect(plain(job(pipeline).extensions)).toEqual([
      { format: 'circleci1', key: 'machine.ruby.version', value: '1.9.3-p0-falcon' },
      { format: 'circleci1', key: 'machine.node.version', value: '0.10.22' },
    ]);
    // The image stands for ruby (a note); node 0.10.22 is not in it, which changes what the build runs with (a warning).
    expect(codes.filter((c) => c === 'approximate-translation')).toHaveLength(1);
    expect(codes.filter((c) => c === 'semantic-difference')).toHaveLength(1);
  });

  it('maps java spellings and reads the mis-indented ghc shape of the docs', () => {
    expect(plain(job(read('machine:\n  java:\n    version: openjdk7\n').pipeline).executor)).toEqual({ kind: 'docker', image: { name: 'openjdk:7' } });
    const ghc = read('machine:\n  ghc:\n  version: 7.8.3\n');
    expect(plain(job(ghc.pipeline).executor)).toEqual({ kind: 'docker', image: { name: 'haskell:7.8.3' } });
    expect(ghc.codes).toContain('circleci1-misplaced-version');
    expect(ghc.codes).not.toContain('unknown-key');
  });

  it('reads `ruby: {: 2.1.2}` seen in the wild', () => {
    const { pipeline, codes } = read('machine:\n  ruby:\n    : 2.1.2\n');
    expect(plain(job(pipeline).executor)).toEqual({ kind: 'docker', image: { name: 'ruby:2.1.2' } });
    expect(codes).not.toContain('unknown-key');
  });

  it('chooses a documented default image when no language is given', () => {
    const { pipeline, codes } = read('test:\n  override:\n    - make\n');
    expect(plain(job(pipeline).executor)).toEqual({ kind: 'docker', image: { name: 'buildpack-deps:trusty' } });
    expect(codes).toContain('default-chosen');
  });

  it('reads xcode as a macOS executor', () => {
    const { pipeline } = read('machine:\n  xcode:\n    version: 8.2\n');
    expect(plain(job(pipeline).executor)).toEqual({ kind: 'macos', xcode: '8.2' });
  });

  it('reads docker as a local engine and other services as images', () => {
    const { pipeline, codes } = read('machine:\n  services:\n    - docker\n    - redis\n    - cassandra\n    - teapot\n');
    expect(plain(job(pipeline).steps[0])).toEqual({ kind: 'docker-daemon', engine: 'local' });
    expect(plain(job(pipeline).services)).toEqual([{ name: 'redis:3.0' }, { name: 'cassandra:2.2' }]);
    expect(codes).toContain('circleci1-unknown-service');
  });

  it('reads an undocumented service version map', () => {
    const { pipeline, codes } = read('machine:\n  mysql:\n    version: 5.7.17\n');
    expect(plain(job(pipeline).services)).toEqual([{ name: 'mysql:5.7.17' }]);
    expect(codes).toContain('circleci1-service-version');
    expect(codes).not.toContain('unknown-key');
  });

  it('suggests the databases 1.0 started by default when commands use them', () => {
    const { diagnostics } = read('test:\n  override:\n    - psql -c "select 1"\n    - redis-cli ping\n');
    const hits = diagnostics.filter((d) => d.code === 'circleci1-default-service').map((d) => d.message);
    expect(hits).toHaveLength(2);
    expect(read('machine:\n  services: [postgresql]\ntest:\n  override:\n    - psql -c "select 1"\n').codes).not.toContain('circleci1-default-service');
  });

  it('diagnoses machine.override but keeps its commands', () => {
    const { pipeline, codes } = read('machine:\n  override:\n    - echo hi\n');
    expect(runs(pipeline)[0]?.command).toBe('echo hi');
    expect(codes).toContain('circleci1-section-key');
  });
});
