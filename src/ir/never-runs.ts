import type { WorkflowNode } from './types.js';

/** A node no rule can add: its rules are empty (GitLab `rules: []`) or all say `never`. */
export function neverRuns(node: WorkflowNode): boolean {
  return node.rules !== undefined && node.rules.every((rule) => rule.when === 'never');
}

/**
 * The nodes that can run, with their requirements on nodes that never run taken away: a target
 * without a "never" rule leaves such a node out rather than give it filters that later passes
 * (tag propagation, requirement edges) could widen.
 */
export function withoutNeverNodes(nodes: readonly WorkflowNode[]): { nodes: WorkflowNode[]; left: WorkflowNode[] } {
  const left = nodes.filter(neverRuns);
  if (left.length === 0) return { nodes: [...nodes], left };
  const gone = new Set(left.map((n) => n.id));
  const kept = nodes
    .filter((n) => !gone.has(n.id))
    .map((n) => {
      if (!n.requires?.some((r) => gone.has(r.node))) return n;
      const requires = n.requires.filter((r) => !gone.has(r.node));
      const { requires: _, ...rest } = n;
      return requires.length ? { ...rest, requires } : rest;
    });
  return { nodes: kept, left };
}
