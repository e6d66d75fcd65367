import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../../src/io/repository.js';
import { codes, job, plain, read, write } from './helpers.js';

const roots: string[] = [];
function repo(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'ciport-inputs-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return openRepository(root);
}
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const runs = (pipelineJob: ReturnType<typeof job>) => pipelineJob.steps.flatMap((s) => (s.kind === 'run' ? [s.command] : []));

const template = [
  'spec:',
  '  inputs:',
  '    job-prefix:',
  '      default: unit',
  '    stage:',
  '      default: test',
  '      options: [build, test]',
  '    image:',
  '    parallel:',
  '      type: number',
  '      default: 1',
  '    flags:',
  '      type: array',
  '      default: [--ci]',
  '    verbose:',
  '      type: boolean',
  '      default: false',
  '---',
  '$[[ inputs.job-prefix ]]-tests:',
  '  stage: $[[ inputs.stage ]]',
  '  image: $[[ inputs.image ]]',
  '  parallel: $[[ inputs.parallel ]]',
  '  variables:',
  '    VERBOSE: $[[ inputs.verbose ]]',
  '  script:',
  '    - run-tests $[[ inputs.flags ]] --name "$[[ inputs.job-prefix | truncate(0,3) ]]"',
  '    - echo $[[ inputs.image | posix_escape ]]',
  '',
].join('\n');

describe('CI/CD inputs', () => {
  it('interpolates include:inputs and defaults into keys and values, keeping types of whole values', () => {
    const repository = repo({ 'templates/test.yml': template });
    const main = 'include:\n  - local: templates/test.yml\n    inputs:\n      image: "node:20 slim"\n      parallel: 3\n      flags: [--ci, --fast]\n';
    const { pipeline, diagnostics } = read(main, repository);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tests = job(pipeline, 'unit-tests');
    expect(tests.executor).toMatchObject({ image: { name: 'node:20 slim' } });
    expect(tests.parallelism).toBe(3);
    expect(plain(tests.environment)).toEqual([{ name: 'VERBOSE', value: 'false', expand: true }]);
    // A list spliced into a string is written as JSON (as GitLab does); truncate and posix_escape apply.
    expect(runs(tests)).toEqual(['run-tests ["--ci","--fast"] --name "uni"', 'echo node:20\\ slim']);
    expect(codes(diagnostics)).not.toContain('unsupported-feature');
  });

  it('includes one file twice with different inputs', () => {
    const repository = repo({ 'templates/test.yml': template });
    const main = [
      'include:',
      '  - local: templates/test.yml',
      '    inputs: {job-prefix: a, image: alpine}',
      '  - local: templates/test.yml',
      '    inputs: {job-prefix: b, image: alpine, stage: build}',
      '',
    ].join('\n');
    const { pipeline } = read(main, repository);
    expect(pipeline.jobs.map((j) => j.id).sort()).toEqual(['a-tests', 'b-tests']);
  });

  it('a missing required input is an error at the include, with the declaration as related', () => {
    const repository = repo({ 'templates/test.yml': template });
    const { diagnostics } = read('include:\n  - local: templates/test.yml\n', repository);
    const missing = diagnostics.find((d) => d.code === 'missing-key');
    expect(missing?.severity).toBe('error');
    expect(missing?.message).toBe('templates/test.yml requires input "image" and it has no value');
    expect(missing?.origin?.file).toBe('.gitlab-ci.yml');
    expect(missing?.related?.[0]?.origin?.file).toBe('templates/test.yml');
  });

  it('rejects values of the wrong type, outside the options, and inputs the file does not declare', () => {
    const repository = repo({ 'templates/test.yml': template });
    const { diagnostics } = read('include:\n  - local: templates/test.yml\n    inputs: {image: x, stage: deploy, parallel: "2", colour: red}\n', repository);
    const messages = diagnostics.filter((d) => d.code === 'invalid-value').map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'input "colour" is given, but templates/test.yml declares no such input',
        'input "stage" of templates/test.yml: the value "deploy" is not one of its options (build, test)',
        'input "parallel" of templates/test.yml: the value "2" is a string; the input is a number',
      ]),
    );
  });

  it('checks a regex and reports an unknown function', () => {
    const file = 'spec:\n  inputs:\n    version:\n      regex: ^v\\d+$\n---\njob:\n  script:\n    - echo $[[ inputs.version | shout ]]\n';
    const repository = repo({ 't.yml': file });
    const bad = read('include:\n  - local: t.yml\n    inputs: {version: "1.0"}\n', repository).diagnostics;
    expect(bad.find((d) => d.code === 'invalid-value')?.message).toBe('input "version" of t.yml: the value "1.0" does not match ^v\\d+$');
    const good = read('include:\n  - local: t.yml\n    inputs: {version: v2}\n', repository);
    expect(runs(job(good.pipeline, 'job'))).toEqual(['echo v2']);
    expect(codes(good.diagnostics)).toContain('unsupported-feature');
  });

  it('main file: inputs take their defaults and the header is not kept; a required one is an error at its declaration', () => {
    const { pipeline, diagnostics } = read('spec:\n  inputs:\n    env:\n      default: staging\n---\ndeploy:\n  environment: $[[ inputs.env ]]\n  script:\n    - ./deploy $[[ inputs.env ]]\n');
    expect(job(pipeline, 'deploy').deployment?.name).toBe('staging');
    expect(pipeline.extensions?.some((e) => e.key === 'spec')).toBeFalsy();
    expect(diagnostics.find((d) => d.code === 'semantic-difference')?.message).toContain('env="staging"');
    expect(write(pipeline).text).not.toContain('$[[');
    const required = read('spec:\n  inputs:\n    env:\n---\ndeploy:\n  script:\n    - ./deploy $[[ inputs.env ]]\n').diagnostics;
    expect(required.find((d) => d.code === 'missing-key')?.origin?.range[0]).toBe(20); // the `env` declaration in the header
  });
});

describe('CI/CD inputs limits', () => {
  it('stops a large input used in many places from growing the configuration without end', () => {
    const uses = Array.from({ length: 300 }, (_, i) => `job${i}:\n  script: $[[ inputs.lines ]]\n`).join('');
    const repository = repo({ 't.yml': `spec:\n  inputs:\n    lines:\n      type: array\n---\n${uses}` });
    const lines = JSON.stringify(Array.from({ length: 1000 }, (_, i) => `echo ${i}`));
    const started = Date.now();
    const { diagnostics } = read(`include:\n  - local: t.yml\n    inputs:\n      lines: ${lines}\n`, repository);
    expect(diagnostics.find((d) => d.message.includes('interpolated inputs make the configuration too large'))?.severity).toBe('error');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
