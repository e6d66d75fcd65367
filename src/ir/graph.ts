import type { Workflow, WorkflowNode } from './types.js';

/**
 * Topological levels of a workflow's nodes: level 0 needs nothing, level n requires only nodes of
 * lower levels. Nodes on a cycle or behind one are left out (check() reports cycles).
 */
export function topologicalLevels(workflow: Workflow): WorkflowNode[][] {
  const byId = new Map(workflow.nodes.map((node) => [node.id, node]));
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (node: WorkflowNode): number => {
    const known = level.get(node.id);
    if (known !== undefined) return known;
    if (visiting.has(node.id)) return Number.NaN;
    visiting.add(node.id);
    let result = 0;
    for (const requirement of node.requires ?? []) {
      const upstream = byId.get(requirement.node);
      if (!upstream) continue;
      result = Math.max(result, levelOf(upstream) + 1);
    }
    visiting.delete(node.id);
    level.set(node.id, result);
    return result;
  };
  const levels: WorkflowNode[][] = [];
  for (const node of workflow.nodes) {
    const n = levelOf(node);
    if (Number.isNaN(n)) continue;
    (levels[n] ??= []).push(node);
  }
  return levels.filter(Boolean);
}

/** Nodes in an order where every node comes after what it requires (source order otherwise). */
export function topologicalOrder(workflow: Workflow): WorkflowNode[] {
  return topologicalLevels(workflow).flat();
}

/** The ids of every node `id` depends on, directly or not. */
export function upstreamOf(workflow: Workflow, id: string): Set<string> {
  const byId = new Map(workflow.nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const node = byId.get(stack.pop()!);
    for (const requirement of node?.requires ?? []) {
      if (!seen.has(requirement.node)) {
        seen.add(requirement.node);
        stack.push(requirement.node);
      }
    }
  }
  return seen;
}

/** The nodes that require `id` directly. */
export function downstreamOf(workflow: Workflow, id: string): WorkflowNode[] {
  return workflow.nodes.filter((node) => node.requires?.some((r) => r.node === id));
}
