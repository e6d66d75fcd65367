import { describe, expect, it } from 'vitest';
import { createSink } from '../../../src/diagnostics/sink.js';
import { SourceSet } from '../../../src/diagnostics/source-map.js';
import { resolveView } from '../../../src/formats/gitlab/resolved-view.js';
import { codes, job, read } from './helpers.js';

const view = (text: string) => {
  const result = resolveView({ file: '.gitlab-ci.yml', text }, { sink: createSink(), sources: new SourceSet(), options: {} });
  if (!result) throw new Error('no view');
  return result;
};

describe('resolved view', () => {
  const text = [
    'stages: [build, test]',
    'variables: {A: "1"}',
    'before_script: [echo global]',
    'default:',
    '  image: node:20',
    '  tags: [linux]',
    '.base: &base',
    '  script: [echo base]',
    '  variables: {B: base}',
    '.more:',
    '  variables: {C: more}',
    '  script: [echo more]',
    'anchored:',
    '  <<: *base',
    '  stage: build',
    'extended:',
    '  extends: [.base, .more]',
    '  script: [!reference [.base, script], echo own]',
    'opted-out:',
    '  inherit: {default: [tags]}',
    '  script: [true]',
  ].join('\n');

  it('lists visible jobs only, with anchors, extends and !reference applied', () => {
    const v = view(text);
    expect(Object.keys(v.jobs)).toEqual(['anchored', 'extended', 'opted-out']);
    expect(v.jobs.anchored).toMatchObject({ script: ['echo base'], variables: { B: 'base' }, stage: 'build' });
    // Maps merge over the parents in order; lists are replaced by the job's own.
    expect(v.jobs.extended!.variables).toEqual({ B: 'base', C: 'more' });
    expect(v.jobs.extended!.script).toEqual([['echo base'], 'echo own']);
    expect(v.jobs.extended).not.toHaveProperty('extends');
    expect(v.stages).toEqual(['build', 'test']);
    expect(v.variables).toEqual({ A: '1' });
  });

  it('applies default: keys and deprecated globals, honouring inherit:default', () => {
    const v = view(text);
    expect(v.jobs.anchored).toMatchObject({ image: 'node:20', tags: ['linux'], before_script: ['echo global'] });
    expect(v.inherited.anchored!.sort()).toEqual(['before_script', 'image', 'tags']);
    expect(v.jobs['opted-out']).toMatchObject({ tags: ['linux'] });
    expect(v.jobs['opted-out']).not.toHaveProperty('image');
    expect(v.inherited['opted-out']).toEqual(['tags']);
  });
});

describe('reader fixes found by the gitlab-ci-local comparison', () => {
  it('a cache without paths saves nothing: cache: {} turns the default cache off', () => {
    const { pipeline } = read('default:\n  cache: {key: k, paths: [vendor/]}\nwith:\n  script: [true]\nwithout:\n  cache: {}\n  script: [true]\nuntracked:\n  cache: {untracked: true}\n  script: [true]\n');
    const cacheSteps = (id: string) => job(pipeline, id).steps.filter((s) => s.kind === 'cache-restore' || s.kind === 'cache-save').length;
    expect(cacheSteps('with')).toBe(2);
    expect(cacheSteps('without')).toBe(0);
    // Untracked files are a cache even without paths (GitLab docs, cache:untracked).
    expect(cacheSteps('untracked')).toBe(2);
  });

  it('a key set both as a deprecated global and in default: is an error, as GitLab says', () => {
    const { pipeline, diagnostics } = read('image: ruby:3\ndefault:\n  image: node:20\njob:\n  script: [true]\n');
    const error = diagnostics.find((d) => d.code === 'invalid-value');
    expect(error?.severity).toBe('error');
    expect(error?.message).toContain('both at the top level and in default:');
    expect(error?.origin?.range[0]).toBe(0); // the top-level image: on line 1
    expect(job(pipeline, 'job').executor).toMatchObject({ image: { name: 'node:20' } });
    expect(codes(read('image: ruby:3\njob:\n  script: [true]\n').diagnostics)).toContain('deprecated-syntax');
  });
});
