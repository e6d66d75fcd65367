import { report, reportOnce } from '../../diagnostics/report.js';
import { matchesName } from '../../ir/pattern.js';
import type { Job, Pipeline, Step, WorkflowNode } from '../../ir/types.js';
import type { CommentNote } from '../../yaml/dump.js';
import { placeholderWritten, reportCredentialsPlaceholder } from '../placeholder.js';
import type { EmitContext } from '../types.js';
import { leaveOutFailureOnly, unmappedPlaceholder, writeCommand, type WrittenCommand } from './emit-command.js';
import type { Selectors } from './emit-condition.js';
import type { DeploymentPlan } from './emit-plan.js';
import { joinSharedShell } from './emit-shell.js';
import type { VariableRewriter } from './emit-variables.js';

/** The command read-deployment writes for `heroku.appname`, recognised to write the key back. */
const herokuPattern = /^git push git@heroku\.com:(.+)\.git \$CIRCLE_SHA1:refs\/heads\/master$/;

/**
 * `deployment` subsections. 1.0 runs only the first subsection that matches a ref (configuration.md
 * §6), so jobs with the same selectors are joined into one subsection, in graph order; jobs whose
 * selectors only overlap are reported, since the later one no longer runs where both match.
 */
export function writeDeployments(
  deployments: readonly DeploymentPlan[],
  source: Pipeline['source'],
  ctx: EmitContext,
  variables: VariableRewriter,
  comments: CommentNote[],
): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  const groups = new Map<string, { name: string; plan: DeploymentPlan; commands: WrittenCommand[]; section: Record<string, unknown>; members: Set<string> }>();
  const byId = new Map(deployments.map((d) => [d.node.id, d.node]));
  for (const plan of deployments) {
    const { node, job, selectors } = plan;
    const key = JSON.stringify([selectors.branch ?? [], selectors.tag ?? [], selectors.owner ?? null]);
    let group = groups.get(key);
    if (group) {
      // Joined, the commands run after the first job's, on its machine, and not when it fails:
      // what a job that required it did anyway.
      const into = [group.plan.node.origin, group.plan.job.origin];
      const name = group.name;
      const faithful = requiresAny(node, group.members, byId);
      group.members.add(node.id);
      // Either way two jobs become one, on one machine: a warning.
      report(ctx.sink, 'semantic-difference', `"${node.id}" deploys for the same refs as "${group.name}"; 1.0 runs only the first matching deployment, so its commands are joined to "${group.name}"${faithful ? ', on its machine' : ' and run after them, only when they succeed'}`, {
        origin: node.origin,
        related: [
          ...into.flatMap((origin) => (origin ? [{ message: `"${name}" also runs the commands of "${node.id}"`, origin }] : [])),
          ...(job.origin && job.origin !== node.origin ? [{ message: `the commands of "${node.id}"`, origin: job.origin }] : []),
        ],
      });
    } else {
      if (source !== 'circleci1') warnOverlap(plan, [...groups.values()].map((g) => g.plan), ctx);
      group = { name: node.id, plan, commands: [], section: {}, members: new Set([node.id]) };
      groups.set(key, group);
      writeSelectors(selectors, group.section, node.id, ctx);
      out[node.id] = group.section;
      if (job.comments) comments.push({ path: ['deployment', node.id], comments: job.comments });
    }
    for (const step of joinSharedShell(job, ctx)) {
      if (step.kind === 'checkout' || step.kind === 'docker-daemon') continue;
      if (step.kind === 'run') {
        if (leaveOutFailureOnly(step, ctx)) continue;
        const heroku = herokuPattern.exec(step.command);
        if (heroku && group.section.heroku === undefined && group.plan === plan) {
          group.section.heroku = { appname: heroku[1] };
          continue;
        }
        group.commands.push(writeCommand(step, 'deployment', ctx, variables));
        continue;
      }
      if (step.kind === 'unmapped') {
        // Fail closed (unless --placeholders=pass): a left-out step would let the deployment pass without the step's work.
        const written = placeholderWritten(ctx.options.placeholders, 'command', 'deployment', 'a command that fails the deployment marks its place');
        if (!reportCredentialsPlaceholder(ctx.sink, step, 'circleci1', `the step "${step.name}"`, written)) {
          reportOnce(ctx.sink, 'unmapped-step', `the step "${step.name}" has no CircleCI 1.0 form; ${written}`, {
            origin: step.origin,
            hint: 'Replace the placeholder command with the commands the step ran.',
          });
        }
        group.commands.push(writeCommand(unmappedPlaceholder(step, ctx.options.placeholders), 'deployment', ctx, variables));
        continue;
      }
      reportDeploymentStep(step, job, ctx);
    }
  }
  for (const group of groups.values()) {
    if (!group.commands.length) continue;
    group.section.commands = group.commands.map((c) => c.entry);
    group.commands.forEach((c, index) => {
      if (c.comments) comments.push({ path: ['deployment', group.name, 'commands', index], comments: c.comments });
    });
  }
  return out;
}

/** A later deployment whose refs an earlier one can also match no longer runs for those refs in 1.0. */
function warnOverlap(plan: DeploymentPlan, earlier: readonly DeploymentPlan[], ctx: EmitContext): void {
  const overlaps = (a: string[] | undefined, b: string[] | undefined): boolean =>
    Boolean(a?.length && b?.length && a.some((x) => b.some((y) => textsMayOverlap(x, y))));
  const hit = earlier.find(
    (e) =>
      (e.selectors.owner === undefined || plan.selectors.owner === undefined || e.selectors.owner === plan.selectors.owner) &&
      (overlaps(e.selectors.branch, plan.selectors.branch) || overlaps(e.selectors.tag, plan.selectors.tag)),
  );
  if (!hit) return;
  report(ctx.sink, 'semantic-difference', `1.0 runs only the first matching deployment: "${plan.node.id}" does not run for refs "${hit.node.id}" also matches`, {
    origin: plan.node.origin,
  });
}

/** Two selector texts (names or `/regex/`) may match the same name. */
function textsMayOverlap(a: string, b: string): boolean {
  const regex = (t: string) => (t.length > 1 && t.startsWith('/') && t.endsWith('/') ? t.slice(1, -1) : undefined);
  const ra = regex(a);
  const rb = regex(b);
  if (ra === undefined && rb === undefined) return a === b;
  if (ra !== undefined && rb !== undefined) {
    // Whole-name patterns that start with different literal text match no name in common.
    const pa = literalPrefix(ra);
    const pb = literalPrefix(rb);
    return pa.startsWith(pb) || pb.startsWith(pa);
  }
  const [pattern, name] = ra !== undefined ? [ra, b] : [rb!, a];
  return matchesName({ source: pattern, fullMatch: true }, name);
}

/**
 * The text every name a regex matches starts with (`release-` for `^release-.*`); empty when
 * unsure: a top-level `|`, a class, a group or an optional character ends what is certain.
 */
function literalPrefix(pattern: string): string {
  if (/(^|[^\\])\|/.test(pattern)) return '';
  let prefix = '';
  for (let i = pattern.startsWith('^') ? 1 : 0; i < pattern.length; i++) {
    let char = pattern[i]!;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) break;
      char = next;
      i++;
    } else if ('.[](){}*+?^$'.includes(char)) break;
    const after = pattern[i + 1];
    if (after !== undefined && '?*{'.includes(after)) break;
    prefix += char;
  }
  return prefix;
}

/** Deployments ran on the build machine (configuration.md §6): files and caches are already there. */
function reportDeploymentStep(step: Step, job: Job, ctx: EmitContext): void {
  switch (step.kind) {
    case 'workspace-attach':
    case 'workspace-persist':
    case 'cache-restore':
      reportOnce(ctx.sink, 'approximate-translation', `a 1.0 deployment runs on the build machine, where the files already are; the ${step.kind} step of "${job.id}" is left out`, { origin: step.origin });
      return;
    case 'ssh-keys':
      report(ctx.sink, 'manual-setting', 'CircleCI 1.0 deploy keys are added in Project Settings › SSH keys', { origin: step.origin });
      return;
    default:
      report(ctx.sink, 'unsupported-feature', `a 1.0 deployment runs commands only; the ${step.kind} step of "${job.id}" is left out`, { origin: step.origin });
  }
}

function writeSelectors(selectors: Selectors, section: Record<string, unknown>, name: string, ctx: EmitContext): void {
  const one = (values: string[]) => (values.length === 1 ? values[0] : values);
  if (selectors.branch) section.branch = one(selectors.branch);
  if (selectors.tag) section.tag = one(selectors.tag);
  if (selectors.owner !== undefined) section.owner = selectors.owner;
  if (!selectors.branch && !selectors.tag) section.branch = '/.*/';
  if (selectors.inexact) {
    report(ctx.sink, 'approximate-translation', `a pattern of deployment "${name}" was anchored to match whole names, as 1.0 does; it may match other names than before`);
  }
}


/** Whether `node` requires one of `ids`, directly or through other deployments. */
function requiresAny(node: WorkflowNode, ids: ReadonlySet<string>, byId: ReadonlyMap<string, WorkflowNode>, seen = new Set<string>()): boolean {
  for (const r of node.requires ?? []) {
    if (ids.has(r.node)) return true;
    const upstream = byId.get(r.node);
    if (upstream && !seen.has(r.node) && (seen.add(r.node), requiresAny(upstream, ids, byId, seen))) return true;
  }
  return false;
}
