import { describe, expect, it } from 'vitest';
import { didYouMeanKey, editDistance } from '../../src/diagnostics/did-you-mean.js';
import type { FormatId } from '../../src/ir/types.js';
import { readPipeline } from '../../src/translate.js';

function diagnosticsOf(file: string, from: FormatId, text: string) {
  return readPipeline({ file, text, from }).sink.diagnostics;
}

describe('didYouMeanKey', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('scirpt', 'script')).toBe(1);
    expect(editDistance('requries', 'requires')).toBe(1);
  });

  it('names the one close key, and nothing when far, short, tied or already known', () => {
    expect(didYouMeanKey('scirpt', ['script', 'stage', 'image'])).toBe('Did you mean "script"?');
    expect(didYouMeanKey('overide', ['pre', 'override', 'post'])).toBe('Did you mean "override"?');
    expect(didYouMeanKey('deploy_to', ['script', 'stage'])).toBeUndefined();
    // Two edits are not less than half of a three-letter key.
    expect(didYouMeanKey('pyz', ['pre', 'post'])).toBeUndefined();
    expect(didYouMeanKey('prx', ['pre', 'post'])).toBe('Did you mean "pre"?');
    expect(didYouMeanKey('tag', ['tags', 'tab'])).toBeUndefined();
    expect(didYouMeanKey('script', ['script', 'scripts'])).toBeUndefined();
  });
});

describe('unknown keys close to a known one get a hint', () => {
  it('GitLab: a misspelt job key', () => {
    const found = diagnosticsOf('.gitlab-ci.yml', 'gitlab', 'build:\n  scirpt: [make]\n  script: [make test]\n');
    const unknown = found.find((d) => d.code === 'unknown-key' && d.message.includes('build.scirpt'));
    expect(unknown?.hint).toBe('Did you mean "script"?');
  });

  it('GitLab: a misspelt key of a nested mapping (cache)', () => {
    const found = diagnosticsOf('.gitlab-ci.yml', 'gitlab', 'build:\n  script: [make]\n  cache:\n    pahts: [vendor]\n');
    expect(found.find((d) => d.code === 'unknown-key')?.hint).toBe('Did you mean "paths"?');
  });

  it('CircleCI 2.x: a misspelt job key, and a misspelt workflow entry option', () => {
    const text = [
      'version: 2.1',
      'jobs:',
      '  build:',
      '    docker: [{ image: cimg/base:2024.01 }]',
      '    stpes: [checkout]',
      '    steps: [checkout]',
      '  deploy:',
      '    docker: [{ image: cimg/base:2024.01 }]',
      '    steps: [checkout]',
      'workflows:',
      '  main:',
      '    jobs:',
      '      - build',
      '      - deploy:',
      '          requries: [build]',
      '',
    ].join('\n');
    const found = diagnosticsOf('.circleci/config.yml', 'circleci2', text);
    expect(found.find((d) => d.code === 'unknown-key' && d.message.includes('stpes'))?.hint).toBe('Did you mean "steps"?');
    expect(found.find((d) => d.code === 'circleci2-unknown-parameter' && d.message.includes('requries'))?.hint).toBe('Did you mean "requires"?');
  });

  it('CircleCI 2.x: a misspelt executor definition key', () => {
    const text = [
      'version: 2.1',
      'executors:',
      '  node:',
      '    docker: [{ image: cimg/node:20.11 }]',
      '    working_directroy: ~/app',
      'jobs:',
      '  build:',
      '    executor: node',
      '    steps: [checkout]',
      'workflows:',
      '  main:',
      '    jobs: [build]',
      '',
    ].join('\n');
    const found = diagnosticsOf('.circleci/config.yml', 'circleci2', text);
    expect(found.find((d) => d.code === 'unknown-key' && d.message.includes('working_directroy'))?.hint).toBe('Did you mean "working_directory"?');
  });

  it('CircleCI 2.x: every key the job hint can propose is one the reader reads', () => {
    const text = [
      'version: 2.1',
      'jobs:',
      '  build:',
      '    docker: [{ image: cimg/base:2024.01 }]',
      '    resource_class: large',
      '    shell: /bin/bash',
      '    working_directory: ~/app',
      '    environment: { A: b }',
      '    parallelism: 2',
      '    description: builds',
      '    parameters: { p: { type: string, default: x } }',
      '    steps: [checkout]',
      'workflows:',
      '  main:',
      '    jobs: [build]',
      '',
    ].join('\n');
    expect(diagnosticsOf('.circleci/config.yml', 'circleci2', text).filter((d) => d.code === 'unknown-key')).toEqual([]);
  });

  it('CircleCI 1.0: a misspelt section key', () => {
    const found = diagnosticsOf('circle.yml', 'circleci1', 'test:\n  overide:\n    - make test\n');
    const unknown = found.find((d) => d.code === 'unknown-key' && d.message.includes('test.overide'));
    expect(unknown?.hint).toBe('Did you mean "override"?');
  });

  it('no hint when nothing known is close', () => {
    const found = diagnosticsOf('.gitlab-ci.yml', 'gitlab', 'build:\n  script: [make]\n  frobnicate: true\n');
    const unknown = found.find((d) => d.code === 'unknown-key');
    expect(unknown).toBeDefined();
    expect(unknown?.hint).toBeUndefined();
  });
});
