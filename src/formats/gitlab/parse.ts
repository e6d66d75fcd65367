import { report } from '../../diagnostics/report.js';
import type { Condition, Extension, Origin, Pipeline, Requirement, Rule, WorkflowNode } from '../../ir/types.js';
import { reportUnconsumedKeys } from '../../yaml/account.js';
import type { ParseContext, ParseInput } from '../types.js';
import { entryOriginOf, getEntry, takeEntry, takeEntryTree, takeTree, toJson, type MNode } from './merged.js';
import { readJob, type JobRead } from './read-job.js';
import { allOf, readRules } from './read-rules.js';
import { readEntries, readString, readStringList, type ReadContext } from './read-values.js';
import { readVariables } from './read-variables.js';
import { resolveDocument } from './resolve.js';
import { collectDefaults, defaultKeys } from './resolve-defaults.js';
import { globalKeys } from './resolve-extends.js';
import { reportGitlabRefusals } from './validate-refusals.js';

/** Stages GitLab uses when `stages:` is absent (gitlab-ci.md §2 `stages`). */
export const defaultStages = ['build', 'test', 'deploy'];

/**
 * Reads `.gitlab-ci.yml` into the IR. Resolution happens on merged nodes in GitLab's order:
 * includes (merged, the includer winning), `extends`, `!reference`; anchors and `<<` were applied
 * by the YAML view. Then globals, `default:` and every visible job are converted; hidden jobs are
 * templates only.
 */
export function parseGitlab(input: ParseInput, context: ParseContext): Pipeline | undefined {
  const { sink } = context;
  const ctx: ReadContext = { sink };
  const resolved = resolveDocument(input, context);
  if (!resolved) return undefined;
  const { root, kept } = resolved;
  const pipeline: Pipeline = { source: 'gitlab', jobs: [], workflows: [] };
  const extensions: Extension[] = [];
  if (resolved.spec !== undefined) extensions.push({ format: 'gitlab', key: 'spec', value: resolved.spec });
  if (resolved.comment) pipeline.comments = { before: resolved.comment };
  if (kept.length) extensions.push({ format: 'gitlab', key: 'include', value: kept });

  const defaults = collectDefaults(root);
  reportGitlabRefusals(ctx, root, kept.length > 0);

  for (const entry of root.entries) {
    if (!globalKeys.has(entry.key)) continue;
    takeEntry(entry);
    switch (entry.key) {
      case 'stages':
      case 'types': {
        if (entry.key === 'types') report(sink, 'deprecated-syntax', '"types" is the old spelling of "stages"', { origin: entryOriginOf(entry) });
        const stages = readStringList(ctx, entry.value, entry.key);
        if (stages) pipeline.stages = stages;
        break;
      }
      case 'variables': {
        const variables = readVariables(ctx, entry.value, 'variables', 'global');
        if (variables.length) pipeline.variables = variables;
        break;
      }
      case 'workflow':
        readWorkflow(ctx, entry.value, pipeline, extensions);
        break;
      case 'default':
        // Only checked here: collectDefaults() chose the entries.
        readEntries(ctx, entry.value, 'default', Object.fromEntries(defaultKeys.map((key) => [key, () => undefined])));
        break;
      case '$schema':
        break;
      case 'spec':
        takeTree(entry.value);
        report(sink, 'invalid-value', '"spec" belongs in a header document above a "---" line', { origin: entryOriginOf(entry) });
        break;
      case 'include':
        break;
      default: {
        // Deprecated globals are read as `default:` keys (§1). GitLab refuses one that `default:`
        // sets too ("<key> is defined in top-level and `default:` entry", Entry::Default in
        // lib/gitlab/ci/config/entry/default.rb); ciport reads the default: one.
        const inDefault = getEntry(getEntry(root, 'default')?.value, entry.key);
        if (inDefault) {
          report(sink, 'invalid-value', `"${entry.key}" is set both at the top level and in default:; GitLab rejects this. default:${entry.key} is read`, {
            origin: entryOriginOf(entry),
            hint: `Keep only default:${entry.key}.`,
          });
        } else {
          report(sink, 'deprecated-syntax', `top-level "${entry.key}" is deprecated; it is read as default:${entry.key}`, {
            origin: entryOriginOf(entry),
            hint: `Move it under "default:".`,
          });
        }
      }
    }
  }
  const reads: JobRead[] = [];
  const hidden: MNode[] = [];
  for (const entry of root.entries) {
    if (globalKeys.has(entry.key)) continue;
    if (entry.key.startsWith('.')) {
      hidden.push(entry.value);
      takeEntry(entry);
      continue;
    }
    takeEntry(entry);
    if (entry.value.kind !== 'map') {
      report(sink, 'wrong-type', `"${entry.key}" is neither a keyword nor a job mapping; it is not translated`, {
        origin: entryOriginOf(entry),
      });
      takeTree(entry.value);
      continue;
    }
    const read = readJob(ctx, entry, {
      defaults,
      globalVariables: pipeline.variables ?? [],
      partial: kept.length > 0,
      extendsMissing: resolved.unresolvedExtends.has(entry.key),
    });
    const inclusion = resolved.jobConditions.get(entry.key);
    if (inclusion) read.scheduling.rules = onlyWhenIncluded(read.scheduling.rules, inclusion.condition, inclusion.origin);
    reads.push(read);
  }

  pipeline.jobs = reads.map((r) => r.job);
  pipeline.workflows = [{ nodes: buildNodes(reads, pipeline.stages, ctx, kept.length > 0) }];
  if (extensions.length) pipeline.extensions = extensions;

  // Hidden jobs are templates: whatever extends or !reference did not use is still accounted for;
  // so are defaults no job inherited.
  for (const node of hidden) takeTree(node);
  for (const entry of defaults.values()) takeEntryTree(entry);
  for (const r of resolved.readers) reportUnconsumedKeys(r, sink);
  return pipeline;
}

/**
 * A job of a file included by `include:rules` exists only when the include's condition holds: each
 * of its rules (or its one implicit rule) also requires that condition. First-match order is kept,
 * since no rule can match while the condition is false.
 */
function onlyWhenIncluded(rules: Rule[] | undefined, condition: Condition, origin: Origin | undefined): Rule[] {
  if (condition.kind === 'literal') return condition.value ? (rules ?? [{}]) : [];
  // A job without rules keeps GitLab's default `only: [branches, tags]` under the include's condition.
  return (rules ?? [{ ...(origin ? { origin } : {}), defaultEventsOnly: true }]).map((rule) => {
    const both = allOf([condition, ...(rule.condition ? [rule.condition] : [])])!;
    return { ...rule, condition: both };
  });
}

function readWorkflow(ctx: ReadContext, node: MNode, pipeline: Pipeline, extensions: Extension[]): void {
  readEntries(ctx, node, 'workflow', {
    rules: (e) => {
      const rules = readRules(ctx, e.value, 'workflow.rules');
      if (rules.length) pipeline.rules = rules;
    },
    name: (e) => {
      const name = readString(ctx, e.value, 'workflow.name');
      if (name !== undefined) pipeline.name = name;
    },
    auto_cancel: (e) => {
      takeTree(e.value);
      extensions.push({ format: 'gitlab', key: 'workflow.auto_cancel', value: toJson(e.value) });
    },
  });
}

/**
 * One node per job. `needs` become requirements as written; a job without `needs` requires every
 * job of the earlier stages, which is what GitLab's stage ordering means (gitlab-ci.md §2
 * `stages`); `dependencies` limit which of them hand over artifacts.
 */
function buildNodes(reads: JobRead[], stages: string[] | undefined, ctx: ReadContext, partial: boolean): WorkflowNode[] {
  const listed = (stages ?? defaultStages).filter((s) => s !== '.pre' && s !== '.post');
  // Stages nobody listed (GitLab rejects them) are ordered after the listed ones, as written.
  const unlisted = [...new Set(reads.map((r) => r.scheduling.stage))].filter((s) => !listed.includes(s) && s !== '.pre' && s !== '.post');
  const order = ['.pre', ...listed, ...unlisted, '.post'];
  const rank = (stage: string) => order.indexOf(stage);
  for (const r of reads) {
    if (unlisted.includes(r.scheduling.stage) && !partial) {
      // GitLab refuses it: "chosen stage does not exist" (https://docs.gitlab.com/ci/yaml/#stages).
      // Without `stages:` the file is most often a fragment that a file listing them includes:
      // said as a warning whatever the target, not as GitLab's refusal of a whole pipeline.
      report(ctx.sink, stages ? 'gitlab-stage-undefined' : 'gitlab-stage-unlisted', `job "${r.job.id}" is in stage "${r.scheduling.stage}", which "stages" does not list (GitLab knows ${['.pre', ...listed, '.post'].join(', ')}); it is ordered after the listed stages`, {
        origin: r.job.origin,
        ...(stages ? {} : { hint: 'Without stages:, GitLab knows only .pre, build, test, deploy and .post; a file that includes this one may list more.' }),
      });
    }
  }
  // The jobs of the stages before each stage, computed once per stage (pipelines can be large).
  const earlierOf = new Map<number, JobRead[]>();
  const sortedRanks = [...new Set(reads.map((r) => rank(r.scheduling.stage)))].sort((a, b) => a - b);
  let sofar: JobRead[] = [];
  for (const stageRank of sortedRanks) {
    earlierOf.set(stageRank, sofar);
    sofar = [...sofar, ...reads.filter((r) => rank(r.scheduling.stage) === stageRank)];
  }
  return reads.map((r) => {
    const node: WorkflowNode = { id: r.job.id, job: r.job.id, stage: r.scheduling.stage };
    if (r.job.origin) node.origin = r.job.origin;
    const deps = r.scheduling.dependencies;
    let requires: Requirement[];
    if (r.scheduling.needs) {
      requires = r.scheduling.needs;
      if (deps) requires = requires.map((q) => ({ ...q, artifacts: q.artifacts !== false && deps.includes(q.node) }));
    } else {
      requires = (earlierOf.get(rank(r.scheduling.stage)) ?? []).map((other) =>
        deps ? { node: other.job.id, artifacts: deps.includes(other.job.id), order: 'stage' as const } : { node: other.job.id, order: 'stage' as const },
      );
    }
    // `needs: []` in the first stage means what stage ordering means: nothing to wait for.
    const earlier = (earlierOf.get(rank(r.scheduling.stage)) ?? []).length > 0;
    if (requires.length || (r.scheduling.needs && earlier)) node.requires = requires;
    if (r.scheduling.rules) node.rules = r.scheduling.rules;
    return node;
  });
}
