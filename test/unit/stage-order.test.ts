import { describe, expect, it } from 'vitest';
import { withoutStageEdgesToAbsent } from '../../src/ir/stage-order.js';
import type { Condition, WorkflowNode } from '../../src/ir/types.js';

const on = (value: string): WorkflowNode['rules'] => [{ condition: { kind: 'ref', ref: 'branch', match: { kind: 'exact', value } } as Condition }];
const stage = (...ids: string[]) => ids.map((node) => ({ node, order: 'stage' as const }));

describe('stage-order edges where requirements block', () => {
  const nodes: WorkflowNode[] = [
    { id: 'build-prod', job: 'b', rules: on('master') },
    { id: 'build-dev', job: 'b', rules: on('dev') },
    { id: 'lint', job: 'l' },
    { id: 'deploy-dev', job: 'd', rules: on('dev'), requires: stage('build-prod', 'build-dev', 'lint') },
    { id: 'report', job: 'r', requires: [...stage('build-dev'), { node: 'lint' }] },
  ];
  const { nodes: kept, dropped } = withoutStageEdgesToAbsent(nodes);
  const requires = (id: string) => kept.find((n) => n.id === id)!.requires!.map((r) => r.node);

  it('keeps an edge to a job that runs whenever the downstream does', () => {
    expect(requires('deploy-dev')).toEqual(['build-dev', 'lint']);
  });

  it('drops an edge to a job filtered out where the downstream runs, and says whether both can run', () => {
    expect(requires('report')).toEqual(['lint']);
    expect(dropped.map((d) => [d.node.id, d.upstream, d.overlapping])).toEqual([
      ['deploy-dev', 'build-prod', false],
      ['report', 'build-dev', true],
    ]);
  });
});
