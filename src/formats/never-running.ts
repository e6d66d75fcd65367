import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import { withoutNeverNodes } from '../ir/never-runs.js';
import type { WorkflowNode } from '../ir/types.js';

/**
 * For a writer whose target has no "never" rule: the nodes that can run, with the requirements on
 * the others taken away, each node left out said once.
 */
export function leaveOutNeverRunning(nodes: readonly WorkflowNode[], sink: DiagnosticSink): { nodes: WorkflowNode[]; left: WorkflowNode[] } {
  const runnable = withoutNeverNodes(nodes);
  for (const node of runnable.left) report(sink, 'approximate-translation', `"${node.id}" never runs (none of its rules adds it); it is left out`, { origin: node.origin });
  return runnable;
}
