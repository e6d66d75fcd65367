import type { Requirement, WorkflowNode } from './types.js';

/**
 * A manual job that never blocks: every rule that adds it makes it manual with `allow_failure`
 * true (GitLab's job-level `when: manual`). Later stages do not wait for it; a job that needs it
 * does (https://docs.gitlab.com/ci/jobs/job_control/#types-of-manual-jobs). A job that some rule
 * starts by itself is not optional: where it runs automatically, later stages wait for it.
 */
export function isOptionalManual(node: WorkflowNode): boolean {
  if (node.approval || !node.rules) return false;
  const adding = node.rules.filter((r) => r.when !== 'never');
  return adding.length > 0 && adding.every((r) => r.when === 'manual' && r.allowFailure === true);
}

/**
 * The nodes with each stage-order requirement on an optional manual job replaced by what that job
 * requires (in turn passing over optional manual jobs), so the order of the stages is kept without
 * waiting for a person. Written requirements (`needs`) stay as they are.
 */
export function passOverOptionalManual(nodes: readonly WorkflowNode[]): WorkflowNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const optional = new Set(nodes.filter(isOptionalManual).map((n) => n.id));
  if (!optional.size) return [...nodes];
  const through = (req: Requirement, visiting: Set<string>): Requirement[] => {
    const upstream = byId.get(req.node);
    if (!upstream || !optional.has(req.node) || visiting.has(req.node)) return [req];
    visiting.add(req.node);
    const out = (upstream.requires ?? []).flatMap((up) => through({ ...up, order: 'stage' }, visiting));
    visiting.delete(req.node);
    return out;
  };
  return nodes.map((node) => {
    if (!node.requires?.some((r) => r.order === 'stage' && optional.has(r.node))) return node;
    const requires: Requirement[] = [];
    for (const req of node.requires) {
      for (const r of req.order === 'stage' ? through(req, new Set([node.id])) : [req]) {
        if (!requires.some((known) => known.node === r.node)) requires.push(r);
      }
    }
    return { ...node, requires };
  });
}
