import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../src/formats/circleci2/read-expression.js';
import type { Pipeline } from '../../../src/ir/types.js';
import { emit, plain, read } from './helpers.js';

const params = new Set(['deploy', 'env']);

describe('circleci2 expressions', () => {
  it('parses comparisons, matches, starts-with, and/or/not and parentheses', () => {
    expect(parseExpression('pipeline.git.branch == "main"', params)).toEqual({ kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } });
    expect(parseExpression('pipeline.git.tag matches /^v\\d+/', params)).toEqual({ kind: 'ref', ref: 'tag', match: { kind: 'regex', source: '^v\\d+', fullMatch: true } });
    expect(parseExpression('pipeline.git.branch starts-with "release/"', params)).toEqual({
      kind: 'ref',
      ref: 'branch',
      match: { kind: 'regex', source: 'release/.*', fullMatch: true },
    });
    expect(parseExpression('pipeline.parameters.deploy and not (pipeline.parameters.env == "prod" or pipeline.trigger_source == "scheduled_pipeline")', params)).toEqual({
      kind: 'and',
      all: [
        { kind: 'var', name: 'deploy', scope: 'parameter', op: 'truthy' },
        {
          kind: 'not',
          condition: { kind: 'or', any: [{ kind: 'var', name: 'env', scope: 'parameter', op: 'equals', value: 'prod' }, { kind: 'source', source: 'schedule' }] },
        },
      ],
    });
  });

  it('reads pipeline.git.branch.is_default as the default-branch condition', () => {
    expect(parseExpression('pipeline.git.branch.is_default', params)).toEqual({ kind: 'default-branch' });
    expect(parseExpression('not pipeline.git.branch.is_default', params)).toEqual({ kind: 'not', condition: { kind: 'default-branch' } });
    expect(parseExpression('pipeline.git.branch.is_default == false', params)).toEqual({ kind: 'not', condition: { kind: 'default-branch' } });
  });

  it('refuses what it does not understand', () => {
    expect(parseExpression('pipeline.number > 5', params)).toBeUndefined();
    expect(parseExpression('pipeline.parameters.unknown', params)).toBeUndefined();
    expect(parseExpression('cond and "A" or "B"', params)).toBeUndefined();
  });

  it('reads expression filters and workflow conditions, and writes them back', () => {
    const { pipeline, codes } = read(`version: 2.1
parameters:
  deploy: {type: boolean, default: false}
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps: [checkout]
workflows:
  ci:
    when: << pipeline.parameters.deploy and pipeline.git.branch == "main" >>
    jobs:
      - build:
          filters: pipeline.git.branch != "main"
`);
    expect(codes).not.toContain('circleci2-expression');
    expect(plain(pipeline.workflows[0]!.nodes[0]!.rules)).toEqual([{ condition: { kind: 'not', condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: 'main' } } } }]);
    const out = emit(pipeline).doc;
    expect(out.workflows.ci.jobs[0].build.filters).toBe('not (pipeline.git.branch == "main")');
    expect(out.workflows.ci.when).toEqual({ and: ['<< pipeline.parameters.deploy >>', { equal: ['main', '<< pipeline.git.branch >>'] }] });
  });

  it('writes node conditions on pipeline values as expression filters for other sources', () => {
    const pipeline: Pipeline = {
      source: 'gitlab',
      jobs: [{ id: 'nightly', executor: { kind: 'docker', image: { name: 'alpine' } }, steps: [{ kind: 'run', command: 'x' }] }],
      workflows: [{ nodes: [{ id: 'nightly', job: 'nightly', rules: [{ condition: { kind: 'source', source: 'schedule' } }] }] }],
    };
    expect(emit(pipeline).doc.workflows.workflow.jobs[0].nightly.filters).toBe('pipeline.trigger_source == "scheduled_pipeline"');
    expect(emit(pipeline, '2.0').codes).toContain('unsupported-feature');
  });
});
