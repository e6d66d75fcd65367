/**
 * Stage order joins a GitLab job to every job of the stages before it, and an upstream that is
 * not created is passed over (IR `Requirement.order`). A target whose requirements block when the
 * upstream does not run (CircleCI `requires`) keeps such an edge only where the upstream runs
 * whenever the downstream does; otherwise the downstream would never run where the upstream is
 * filtered out (a dev deploy waiting for the master-only build).
 */
import { refDisjunction } from './ref-conditions.js';
import { rulesToCondition } from './rule-condition.js';
import type { Condition, WorkflowNode } from './types.js';

export interface DroppedStageEdge {
  node: WorkflowNode;
  upstream: string;
  /** Both can run in one pipeline: the downstream no longer waits for the upstream there. */
  overlapping: boolean;
}

/** Whether `condition` can never hold, as far as refs decide (`undefined`: cannot tell). */
function never(condition: Condition): boolean | undefined {
  const refs = refDisjunction(condition);
  if (!refs) return undefined;
  return refs.kind === 'literal' && !refs.value;
}

export function withoutStageEdgesToAbsent(nodes: readonly WorkflowNode[]): { nodes: WorkflowNode[]; dropped: DroppedStageEdge[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const dropped: DroppedStageEdge[] = [];
  const out = nodes.map((node) => {
    if (!node.requires?.some((r) => r.order === 'stage')) return node;
    const own = rulesToCondition(node.rules).condition;
    const requires = node.requires.filter((r) => {
      const up = byId.get(r.node);
      if (r.order !== 'stage' || !up) return true;
      const theirs = rulesToCondition(up.rules).condition;
      if (theirs.kind === 'literal' && theirs.value) return true;
      // Kept where the downstream runs only when the upstream does; kept too where refs cannot
      // tell (fail closed: the downstream then waits, or does not run, rather than run early).
      const unmet = never({ kind: 'and', all: [own, { kind: 'not', condition: theirs }] });
      if (unmet !== false) return true;
      dropped.push({ node, upstream: r.node, overlapping: never({ kind: 'and', all: [own, theirs] }) !== true });
      return false;
    });
    return requires.length === node.requires.length ? node : { ...node, requires };
  });
  return { nodes: out, dropped };
}
