import { walkSteps } from '../../ir/visit.js';
import { report, reportGathering, reportOnce } from '../../diagnostics/report.js';
import type { CacheKey, DockerDaemonStep, Job, Origin, Step } from '../../ir/types.js';
import { placeholderWritten, reportCredentialsPlaceholder } from '../placeholder.js';
import type { EmitContext } from '../types.js';
import { leaveOutFailureOnly, unmappedPlaceholder, writeCommand, type WrittenCommand } from './emit-command.js';
import type { VariableRewriter } from './emit-variables.js';
import { inferenceGapName } from './infer.js';
import { buildPhases, type BuildPhase } from './read-context.js';

/** A phase's contents: commands, and where 1.0's own inferred commands ran (the gap marker). */
export type PhaseItem = WrittenCommand | { gap: true };

export interface BuildOut {
  phases: Map<BuildPhase, PhaseItem[]>;
  cacheDirectories: string[];
  artifacts: string[];
  docker?: DockerDaemonStep;
}

const rank = (phase: BuildPhase) => buildPhases.indexOf(phase);

/**
 * Places the steps of the build jobs into the 1.0 phases, keeping their order. A step's `phase`
 * (from a 1.0 source) is kept when the order allows; otherwise steps before `checkout` go to
 * `machine`, steps up to the last cache save to `dependencies` (1.0 saves the cache after it),
 * and the rest to `compile`: like a GitLab script or a 2.x job, `compile` stops at the first
 * failure, whereas `test` runs every command after one fails (configuration.md §1) and would run
 * a later job's commands after an earlier job failed.
 */
export function writeBuild(jobs: readonly Job[], ctx: EmitContext, variables: VariableRewriter): BuildOut {
  const out: BuildOut = { phases: new Map(buildPhases.map((p) => [p, []])), cacheDirectories: [], artifacts: [] };
  const steps = jobs.flatMap((job) => job.steps);
  const lastCacheSave = steps.map((s) => s.kind).lastIndexOf('cache-save');
  let current: BuildPhase = 'machine';
  let checkedOut = false;
  let testSemantics: ((message: string, origin: Origin | undefined) => void) | undefined;
  let reportedCacheKey = false;
  const cacheKeyLost = (origin: Origin | undefined): void => {
    if (!reportedCacheKey) cacheKeyLoss(ctx, origin);
    reportedCacheKey = true;
  };
  const place = (hint: string | undefined, index: number): BuildPhase => {
    let wanted: BuildPhase;
    if (hint && (buildPhases as readonly string[]).includes(hint)) wanted = hint as BuildPhase;
    else if (!checkedOut) wanted = 'machine';
    else if (index <= lastCacheSave) wanted = 'dependencies';
    else wanted = 'compile';
    if (rank(wanted) > rank(current)) current = wanted;
    return current;
  };
  const visit = (step: Step, index: number): void => {
    switch (step.kind) {
      case 'run': {
        if (leaveOutFailureOnly(step, ctx)) return;
        const phase = place(step.phase, index);
        if (phase === 'test' && !step.continueOnFailure) {
          // Said once; every test command it applies to is named.
          if (testSemantics) testSemantics('the build goes on after this command fails too', step.origin);
          else {
            testSemantics = reportGathering(ctx.sink, 'semantic-difference', 'CircleCI 1.0 runs every `test` command even after one fails (the build still fails); the source stopped at the first failure', {
              origin: step.origin,
            });
          }
        }
        out.phases.get(phase)!.push(writeCommand(step, phase, ctx, variables));
        return;
      }
      case 'checkout':
        if (step.path !== undefined) {
          report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 checks out into the project directory; the path "${step.path}" is left out`, { origin: step.origin });
        }
        checkedOut = true;
        if (rank(current) < rank('checkout')) current = 'checkout';
        return;
      case 'docker-daemon':
        writeDocker(step, ctx, out);
        return;
      case 'cache-restore':
        if (!step.keys.every(isBranchCacheKey)) cacheKeyLost(step.origin);
        return;
      case 'cache-save':
        if (!isBranchCacheKey(step.key)) cacheKeyLost(step.origin);
        if (step.when && step.when !== 'on_success') {
          report(ctx.sink, 'unsupported-feature', '1.0 saves the cache only after a successful `dependencies` phase', { origin: step.origin });
        }
        for (const path of step.paths) if (!out.cacheDirectories.includes(path)) out.cacheDirectories.push(path);
        if (rank(current) < rank('dependencies')) current = 'dependencies';
        return;
      case 'artifacts':
        writeArtifacts(step, ctx, out);
        return;
      case 'test-results':
        if (step.path !== '$CIRCLE_TEST_REPORTS') {
          // 1.0 collects JUnit XML only from $CIRCLE_TEST_REPORTS (test-metadata.md).
          reportOnce(ctx.sink, 'approximate-translation', `test results at "${step.path}" are copied into $CIRCLE_TEST_REPORTS, the one directory 1.0 collects`, { origin: step.origin });
          const copy = { kind: 'run' as const, command: `mkdir -p $CIRCLE_TEST_REPORTS/reports && cp -R ${step.path} $CIRCLE_TEST_REPORTS/reports/`, phase: 'test', continueOnFailure: true };
          out.phases.get('test')!.push(writeCommand(copy, 'test', ctx, variables));
          current = 'test';
        }
        return;
      case 'workspace-persist':
      case 'workspace-attach':
        reportOnce(ctx.sink, 'approximate-translation', 'CircleCI 1.0 runs the whole build on one machine; the workspace is not needed and is left out', { origin: step.origin });
        return;
      case 'ssh-keys':
        report(ctx.sink, 'manual-setting', 'CircleCI 1.0 SSH keys are added in Project Settings › SSH keys', { origin: step.origin });
        return;
      case 'unmapped':
        if (step.format === 'circleci1' && step.name === inferenceGapName && typeof step.value === 'string') {
          const phase = place(step.value, index);
          out.phases.get(phase)!.push({ gap: true });
          return;
        }
        // Fail closed (unless --placeholders=pass): a left-out step would let the build pass without the step's work.
        {
          const written = placeholderWritten(ctx.options.placeholders, 'command', 'build', 'a command that fails the build marks its place');
          if (!reportCredentialsPlaceholder(ctx.sink, step, 'circleci1', `the step "${step.name}"`, written)) {
            reportOnce(ctx.sink, 'unmapped-step', `the step "${step.name}" has no CircleCI 1.0 form; ${written}`, {
              origin: step.origin,
              hint: 'Replace the placeholder command with the commands the step ran.',
            });
          }
        }
        {
          const phase = place(undefined, index);
          out.phases.get(phase)!.push(writeCommand(unmappedPlaceholder(step, ctx.options.placeholders), phase, ctx, variables));
        }
        return;
      case 'conditional':
        report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 has no conditional steps; the steps are left out', {
          origin: step.origin,
          // Each command inside is one that no longer runs.
          related: [...walkSteps(step.steps)].flatMap((inner) => (inner.origin ? [{ message: 'left out', origin: inner.origin }] : [])),
        });
        return;
    }
  };
  steps.forEach(visit);
  return out;
}

/** The key the 1.0 reader gives its cache: `dependencies-` and the branch. Anything else is lost. */
function isBranchCacheKey(key: CacheKey): boolean {
  return key.parts.every((part) => part.kind === 'literal' || part.kind === 'branch');
}

function cacheKeyLoss(ctx: EmitContext, origin: Origin | undefined): void {
  report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 caches per branch with no key; the cache key is left out (only `cache_directories` remain)', { origin });
}

function writeDocker(step: DockerDaemonStep, ctx: EmitContext, out: BuildOut): void {
  if (out.docker) return;
  out.docker = step;
  if (step.engine !== 'local') {
    // A different kind of engine is a change of behaviour (what mounts, where ports publish), not a detail.
    report(ctx.sink, 'semantic-difference', `Docker on CircleCI 1.0 runs on the build machine (a ${step.engine} engine in the source): bind mounts and published ports work, \`docker exec\` does not`, {
      origin: step.origin,
    });
  }
  // TLS, host and certificate settings only wire a client to a remote engine; a local one needs none.
  if (step.version !== undefined) {
    report(ctx.sink, 'docker-version-replaced', `Docker ${step.version} becomes the engine of the 1.0 image, whose version 1.0 chooses`, { origin: step.origin });
  }
  if (step.layerCaching || step.daemonArgs?.length || step.storageDriver) {
    report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 has one Docker engine with no layer caching or daemon options; they are left out', {
      origin: step.origin,
      hint: 'Cache layers with `docker save`/`docker load` and `cache_directories`, as the CircleCI 1.0 Docker docs show.',
    });
  }
}

function writeArtifacts(step: Extract<Step, { kind: 'artifacts' }>, ctx: EmitContext, out: BuildOut): void {
  for (const path of step.paths) {
    // $CIRCLE_ARTIFACTS is always collected (configuration.md §7).
    if (path === '$CIRCLE_ARTIFACTS' || out.artifacts.includes(path)) continue;
    if (/[*?[]/.test(path)) {
      report(ctx.sink, 'approximate-translation', `1.0 artifacts take no wildcards; "${path}" is written as is`, {
        origin: step.origin,
        hint: 'Move matching files into $CIRCLE_ARTIFACTS with a command instead.',
      });
    }
    out.artifacts.push(path);
  }
  if (step.exclude?.length || step.destination !== undefined || step.expireIn !== undefined || step.untracked || step.name !== undefined) {
    reportOnce(ctx.sink, 'unsupported-feature', '1.0 artifacts are paths only; exclusions, destination, name and expiry are left out', { origin: step.origin });
  }
}
