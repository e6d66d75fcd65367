import { describe, expect, it } from 'vitest';
import { plain, read, runs } from './helpers.js';

describe('circleci1 reader: command entries and modifiers', () => {
  it('reads plain strings with the section defaults', () => {
    const { pipeline } = read('dependencies:\n  override:\n    - npm ci\ntest:\n  override:\n    - npm test\n');
    expect(plain(runs(pipeline))).toEqual([
      { kind: 'run', command: 'npm ci', phase: 'dependencies', allNodes: true },
      { kind: 'run', command: 'npm test', phase: 'test', continueOnFailure: true, allNodes: false },
    ]);
  });

  it('carries every modifier into the run step', () => {
    const text = [
      'test:',
      '  override:',
      '    - ./run-suite.sh:',
      '        timeout: 900',
      '        pwd: api',
      '        environment:',
      '          SUITE: ${HOME}/suite',
      '        parallel: true',
      '        files:',
      '          - spec/**/*_spec.rb',
      '        background: true',
      '',
    ].join('\n');
    const { pipeline, codes } = read(text);
    expect(codes).not.toContain('unknown-key');
    expect(plain(runs(pipeline)[0])).toEqual({
      kind: 'run',
      command: './run-suite.sh',
      phase: 'test',
      continueOnFailure: true,
      allNodes: true,
      noOutputTimeout: '900s',
      workingDirectory: 'api',
      environment: [{ name: 'SUITE', value: '${HOME}/suite', expand: true }],
      splitFiles: ['spec/**/*_spec.rb'],
      background: true,
    });
  });

  it('reads the flow-map form of the docs', () => {
    const { pipeline } = read('dependencies:\n  post:\n    - elasticsearch/bin/elasticsearch: {background: true}\n');
    expect(runs(pipeline)[0]).toMatchObject({ command: 'elasticsearch/bin/elasticsearch', background: true });
  });

  it('reads modifiers written beside the command and says so', () => {
    const { pipeline, codes } = read('test:\n  override:\n    - make check:\n      timeout: 120\n');
    expect(runs(pipeline)[0]).toMatchObject({ command: 'make check', noOutputTimeout: '120s' });
    expect(codes).toContain('circleci1-modifier-indentation');
    expect(codes).not.toContain('unknown-key');
  });

  it('reports wrong modifier types with positions and never throws', () => {
    const { pipeline, diagnostics } = read('test:\n  override:\n    - make:\n        timeout: soon\n        parallel: maybe\n        environment: [A]\n');
    expect(runs(pipeline)[0]).toMatchObject({ command: 'make' });
    const wrong = diagnostics.filter((d) => d.code === 'wrong-type');
    expect(wrong).toHaveLength(3);
    for (const d of wrong) expect(d.origin?.range[0]).toBeGreaterThan(0);
  });

  it('leaves unknown modifiers to unknown-key', () => {
    const { codes } = read('test:\n  override:\n    - make:\n        retries: 3\n');
    expect(codes).toContain('unknown-key');
  });

  it('reads a single string where a list belongs, with an error', () => {
    const { pipeline, codes } = read('test:\n  override: make test\n');
    expect(runs(pipeline)[0]).toMatchObject({ command: 'make test' });
    expect(codes).toContain('wrong-type');
  });

  it('rejects parallel on deployment commands', () => {
    const { pipeline, codes } = read('deployment:\n  prod:\n    branch: main\n    commands:\n      - ./deploy:\n          parallel: true\n');
    expect(runs(pipeline, 'prod')[0]?.allNodes).toBeUndefined();
    expect(codes).toContain('coerced-value');
  });

  it('keeps comments and marks commands the writer flagged as inferred', () => {
    const { pipeline } = read('test:\n  override:\n    # the unit tests\n    - npm test # inferred by CircleCI 1.0\n');
    const run = runs(pipeline)[0]!;
    expect(run.comments).toEqual({ before: ['the unit tests'], trailing: 'inferred by CircleCI 1.0' });
    expect(run.inferred).toBe(true);
  });

  it('gives every step an origin', () => {
    const { pipeline } = read('test:\n  override:\n    - a\n    - b:\n        pwd: x\n');
    for (const run of runs(pipeline)) expect(run.origin?.file).toBe('circle.yml');
  });
});
