import { describe, expect, it } from 'vitest';
import { compareBooleanParameters } from '../../../src/formats/gitlab/emit-parameters.js';
import type { Pipeline } from '../../../src/ir/types.js';

const pipeline = (type: 'boolean' | 'string'): Pipeline => ({
  parameters: [{ name: 'nightly', type, default: false }],
  jobs: [{ id: 'a', steps: [] }],
  workflows: [
    {
      condition: { kind: 'not', condition: { kind: 'var', name: 'nightly', scope: 'parameter', op: 'truthy' } },
      nodes: [{ id: 'a', job: 'a', rules: [{ condition: { kind: 'and', all: [{ kind: 'var', name: 'nightly', scope: 'parameter', op: 'truthy' }, { kind: 'ref', ref: 'branch' }] } }] }],
    },
  ],
});

describe('boolean pipeline parameters in GitLab rules', () => {
  it('compare with "true", because "false" is a non-empty, truthy string in GitLab', () => {
    const out = compareBooleanParameters(pipeline('boolean'));
    expect(out.workflows[0]!.condition).toEqual({ kind: 'not', condition: { kind: 'var', name: 'nightly', scope: 'parameter', op: 'equals', value: 'true' } });
    expect(out.workflows[0]!.nodes[0]!.rules![0]!.condition).toEqual({
      kind: 'and',
      all: [{ kind: 'var', name: 'nightly', scope: 'parameter', op: 'equals', value: 'true' }, { kind: 'ref', ref: 'branch' }],
    });
  });

  it('leave string parameters and the input untouched', () => {
    const input = pipeline('string');
    expect(compareBooleanParameters(input)).toEqual(input);
    const boolean = pipeline('boolean');
    const before = structuredClone(boolean);
    compareBooleanParameters(boolean);
    expect(boolean).toEqual(before);
  });
});

describe('regex literals in rules:if', () => {
  it('turn Ruby\'s \\Z, which RE2 lacks, into \\z and keep the rest as written', async () => {
    const { regexLiteral } = await import('../../../src/formats/gitlab/emit-condition.js');
    expect(regexLiteral({ source: '\\Av[0-9]+\\Z', fullMatch: false })).toBe('/\\Av[0-9]+\\z/');
    expect(regexLiteral({ source: 'a\\\\Z', fullMatch: false })).toBe('/a\\\\Z/');
    expect(regexLiteral({ source: 'release/.*', fullMatch: true })).toBe('/^release\\/.*$/');
  });
});
