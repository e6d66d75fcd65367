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

/** Lookups over one workflow's edges, built once so repeated queries stay linear. */
export interface GraphIndex {
  byId: ReadonlyMap<string, WorkflowNode>;
  /** The nodes that require a node directly, by the required node's id. */
  downstream: ReadonlyMap<string, readonly WorkflowNode[]>;
}

export function indexGraph(workflow: Workflow): GraphIndex {
  const byId = new Map<string, WorkflowNode>();
  const downstream = new Map<string, WorkflowNode[]>();
  for (const node of workflow.nodes) {
    if (!byId.has(node.id)) byId.set(node.id, node);
    for (const requirement of node.requires ?? []) {
      const list = downstream.get(requirement.node) ?? [];
      if (!list.includes(node)) list.push(node);
      downstream.set(requirement.node, list);
    }
  }
  return { byId, downstream };
}

/** The ids of every node `id` depends on, directly or not. */
export function upstreamOf(index: GraphIndex, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const node = index.byId.get(stack.pop()!);
    for (const requirement of node?.requires ?? []) {
      if (!seen.has(requirement.node)) {
        seen.add(requirement.node);
        stack.push(requirement.node);
      }
    }
  }
  return seen;
}

/** The nodes that depend on `id`, directly or not, nearest first. */
export function dependentsOf(index: GraphIndex, id: string): WorkflowNode[] {
  const seen = new Set<string>([id]);
  const found: WorkflowNode[] = [];
  const stack = [id];
  while (stack.length) {
    for (const next of downstreamOf(index, stack.pop()!)) {
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      found.push(next);
      stack.push(next.id);
    }
  }
  return found;
}

/** The nodes that require `id` directly. */
export function downstreamOf(index: GraphIndex, id: string): readonly WorkflowNode[] {
  return index.downstream.get(id) ?? [];
}
