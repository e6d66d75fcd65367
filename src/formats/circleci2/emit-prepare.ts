import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import { downstreamOf, indexGraph } from '../../ir/graph.js';
import { matrixJobCount } from '../../ir/matrix.js';
import type { Job, Matrix, Pipeline, Step, Variable, WorkflowNode } from '../../ir/types.js';
import { limits } from '../../yaml/limits.js';
import { leaveOutNeverRunning } from '../never-running.js';
import { statusesAsRequirements } from './emit-statuses.js';

/**
 * Rewrites a pipeline from any reader into the shape CircleCI needs before writing: valid job
 * names, matrices expanded into one job per cell, workspaces where GitLab passed artifacts
 * downstream, and the explicit `checkout` CircleCI needs (notes/semantics.md, Containers).
 * Works on a copy; the input is not changed.
 */
export function prepareForCircleci(input: Pipeline, sink: DiagnosticSink): Pipeline {
  const pipeline = copyForPrepare(input);
  if (pipeline.source === 'gitlab') statusesAsRequirements(pipeline, sink);
  dropNeverRunningJobs(pipeline, sink);
  renameJobs(pipeline);
  expandMatrices(pipeline, sink);
  if (pipeline.source === 'gitlab') addWorkspaces(pipeline);
  if (pipeline.source !== undefined && pipeline.source !== 'circleci2') addCheckout(pipeline);
  return pipeline;
}

/**
 * A copy of what the passes below change: the pipeline, its workflows and their nodes, the jobs
 * and their step lists. The rest is shared with the input, which stays as it was (the behaviour
 * check reads it afterwards); a whole-IR structuredClone was the writer's largest own cost.
 */
function copyForPrepare(input: Pipeline): Pipeline {
  return {
    ...input,
    workflows: input.workflows.map((workflow) => ({ ...workflow, nodes: workflow.nodes.map((node) => ({ ...node })) })),
    jobs: input.jobs.map((job) => ({ ...job, steps: [...job.steps] })),
  };
}

/**
 * Jobs no rule adds (GitLab `rules: []`) are left out, with the requirements on them: CircleCI has
 * no "never" filter, and an always-false branch filter would still be widened by tag propagation.
 */
function dropNeverRunningJobs(pipeline: Pipeline, sink: DiagnosticSink): void {
  const left: WorkflowNode[] = [];
  for (const workflow of pipeline.workflows) {
    const runnable = leaveOutNeverRunning(workflow.nodes, sink);
    workflow.nodes = runnable.nodes;
    left.push(...runnable.left);
  }
  if (left.length === 0) return;
  // Their job definitions go too, unless a node that runs uses them.
  const used = new Set(pipeline.workflows.flatMap((w) => w.nodes.map((n) => n.job)));
  const gone = new Set(left.map((n) => n.job).filter((job): job is string => job !== undefined && !used.has(job)));
  pipeline.jobs = pipeline.jobs.filter((job) => !gone.has(job.id));
}

const validName = /^[A-Za-z][A-Za-z\s\d_-]*$/;

function cleanName(id: string): string {
  let name = id.replace(/[^A-Za-z\d_\s-]+/g, '-').replace(/^[^A-Za-z]+/, '');
  if (!name) name = `job-${id.replace(/[^A-Za-z\d]+/g, '') || 'x'}`;
  return name;
}

/** Job names must start with a letter and use letters, digits, `_`, `-` and spaces ([S1]). */
function renameJobs(pipeline: Pipeline): void {
  const renamed = new Map<string, string>();
  const taken = new Set(pipeline.jobs.map((j) => j.id));
  for (const job of pipeline.jobs) {
    if (validName.test(job.id) || job.extensions?.some((e) => e.format === 'circleci2' && e.key === 'orb-job')) continue;
    let name = cleanName(job.id);
    for (let n = 2; taken.has(name); n++) name = `${cleanName(job.id)}-${n}`;
    taken.add(name);
    renamed.set(job.id, name);
    job.id = name;
  }
  if (renamed.size === 0) return;
  for (const workflow of pipeline.workflows) {
    for (const node of workflow.nodes) if (node.job && renamed.has(node.job)) node.job = renamed.get(node.job)!;
  }
}

function cells(matrix: Matrix): Array<Record<string, string>> {
  const result: Array<Record<string, string>> = [];
  for (const set of matrix.sets) {
    let combos: Array<Record<string, string>> = [{}];
    for (const [name, values] of Object.entries(set)) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
    result.push(...combos);
  }
  return result.filter((cell) => !(matrix.exclude ?? []).some((x) => Object.entries(x).every(([k, v]) => cell[k] === v)));
}

/**
 * A matrix (GitLab `parallel: matrix`) becomes one job per combination, named like CircleCI
 * names matrix jobs (`job-a-b`, spec §6.1), with the values as environment variables; a
 * requirement on the original waits for every cell.
 */
function expandMatrices(pipeline: Pipeline, sink: DiagnosticSink): void {
  const jobs = new Map(pipeline.jobs.map((j) => [j.id, j]));
  const added: Job[] = [];
  const cellSource = new Map<Job, string>();
  const replaced = new Set<string>();
  const unexpanded = new Set<Job>();
  let budget: number = limits.maxMatrixJobsTotal;
  for (const workflow of pipeline.workflows) {
    const expanded = new Map<string, string[]>();
    const nodes: WorkflowNode[] = [];
    for (const node of workflow.nodes) {
      const job = node.job ? jobs.get(node.job) : undefined;
      const matrix = node.matrix ?? job?.matrix;
      if (!matrix || !job) {
        nodes.push(node);
        continue;
      }
      // Sized before expanding: a matrix of 8 variables of 12 values stands for 430 million jobs.
      const size = matrixJobCount(matrix);
      if (size > limits.maxMatrixCells || size > budget) {
        const limit = size > limits.maxMatrixCells ? `at most ${limits.maxMatrixCells} from one matrix` : `at most ${limits.maxMatrixJobsTotal} from all matrices together`;
        report(sink, 'matrix-too-large', `"${node.id}" has a matrix of ${size} jobs; ciport writes ${limit}, so it is written once, without the matrix`, {
          origin: matrix.origin ?? node.origin,
          hint: 'Split the matrix into several jobs.',
        });
        const single: WorkflowNode = { ...node };
        delete single.matrix;
        nodes.push(single);
        if (job.matrix) unexpanded.add(job);
        continue;
      }
      budget -= size;
      const ids: string[] = [];
      for (const cell of cells(matrix)) {
        const suffix = Object.values(cell).join('-').replace(/[^A-Za-z\d_-]+/g, '-');
        const id = `${node.id}-${suffix}`;
        const copy: Job = { ...structuredClone(job), id: `${job.id}-${suffix}` };
        delete copy.matrix;
        const variables: Variable[] = Object.entries(cell).map(([name, value]) => ({ name, value, expand: false }));
        copy.environment = [...(copy.environment ?? []).filter((v) => !(v.name in cell)), ...variables];
        substituteImages(copy, cell);
        if (!jobs.has(copy.id) && !added.some((a) => a.id === copy.id)) {
          added.push(copy);
          cellSource.set(copy, job.id);
        }
        const cellNode: WorkflowNode = { ...node, id, job: copy.id };
        delete cellNode.matrix;
        nodes.push(cellNode);
        ids.push(id);
      }
      replaced.add(job.id);
      expanded.set(node.id, ids);
      report(sink, 'approximate-translation', `"${node.id}" has a matrix; it is written as ${ids.length} jobs (${ids.join(', ')})`, {
        origin: matrix.origin ?? node.origin,
      });
    }
    for (const node of nodes) {
      if (!node.requires) continue;
      node.requires = node.requires.flatMap((r) => (expanded.get(r.node) ?? [r.node]).map((id) => ({ ...r, node: id })));
    }
    workflow.nodes = nodes;
  }
  for (const job of unexpanded) delete job.matrix;
  if (!added.length) return;
  // Cell jobs take the place of the job they expand, so the job order is stable when the output
  // is read and written again.
  const stillUsed = new Set(pipeline.workflows.flatMap((w) => w.nodes.map((n) => n.job)));
  const cellsOf = (id: string) => added.filter((cell) => cellSource.get(cell) === id);
  pipeline.jobs = pipeline.jobs.flatMap((job) => {
    if (!replaced.has(job.id)) return [job];
    return [...(stillUsed.has(job.id) ? [job] : []), ...cellsOf(job.id)];
  });
}

/**
 * GitLab expands matrix variables in `image` and `services` names; CircleCI never expands
 * variables in YAML values (spec §2), so each cell's values are written into the names.
 */
function substituteImages(job: Job, cell: Record<string, string>): void {
  const expand = (name: string) =>
    name.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (match, variable: string) => cell[variable] ?? match);
  if (job.executor?.kind === 'docker') job.executor.image.name = expand(job.executor.image.name);
  for (const service of job.services ?? []) service.name = expand(service.name);
}

/**
 * GitLab passes artifacts to later jobs; CircleCI passes files through the workspace. A job
 * whose artifacts a downstream job receives persists them, and the receiver attaches them.
 */
function addWorkspaces(pipeline: Pipeline): void {
  const jobs = new Map(pipeline.jobs.map((j) => [j.id, j]));
  const persisted = new Set<string>();
  const attached = new Set<string>();
  for (const workflow of pipeline.workflows) {
    const graph = indexGraph(workflow);
    for (const node of workflow.nodes) {
      const job = node.job ? jobs.get(node.job) : undefined;
      if (!job) continue;
      const paths = job.steps.flatMap((s) => (s.kind === 'artifacts' ? s.paths : []));
      if (!paths.length) continue;
      const receivers = downstreamOf(graph, node.id).filter((d) => d.requires?.some((r) => r.node === node.id && r.artifacts !== false));
      if (!receivers.length) continue;
      if (!persisted.has(job.id) && !job.steps.some((s) => s.kind === 'workspace-persist')) {
        job.steps.push({ kind: 'workspace-persist', root: '.', paths: [...new Set(paths)] });
        persisted.add(job.id);
      }
      for (const receiver of receivers) {
        const target = receiver.job ? jobs.get(receiver.job) : undefined;
        if (!target || attached.has(target.id) || target.steps.some((s) => s.kind === 'workspace-attach')) continue;
        const at = target.steps.findIndex((s) => s.kind === 'checkout');
        const attach: Step = { kind: 'workspace-attach', at: '.' };
        target.steps.splice(at + 1, 0, attach);
        attached.add(target.id);
      }
    }
  }
}

/** CircleCI clones only with an explicit `checkout` step; GitLab and 1.0 clone by default. */
function addCheckout(pipeline: Pipeline): void {
  for (const job of pipeline.jobs) {
    if (job.trigger || job.steps.some((s) => s.kind === 'checkout')) continue;
    job.steps.unshift({ kind: 'checkout' });
  }
}
