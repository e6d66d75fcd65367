import type { Origin, RunStep, Step, UnmappedStep } from '../../ir/types.js';
import { diagnose, refusedInferenceFile, type ReadContext } from './read-context.js';
import { inferenceRows } from './tables.js';

/** The phases 1.0 inferred commands for when they have no `override` (configuration.md §1). */
export const inferredPhases = new Set(['dependencies', 'database', 'test']);

/** The placeholder step name that marks where 1.0 ran commands nobody can see in the file. */
export const inferenceGapName = 'inferred-commands';

export interface Inference {
  steps: Step[];
  /** Directories 1.0 cached automatically for the tools it inferred (how-cache-works.md). */
  cache: string[];
}

/**
 * The commands 1.0 inferred for a phase without `override`. With a repository they are
 * reproduced from mappings/circleci1.yml and marked `inferred`; without one, an `unmapped`
 * placeholder marks the gap so every target can say where commands are missing.
 */
export function inferPhase(ctx: ReadContext, phase: string, origin: Origin | undefined): Inference {
  if (!inferredPhases.has(phase)) return { steps: [], cache: [] };
  const repository = ctx.repository;
  if (!repository) {
    const gap: UnmappedStep = { kind: 'unmapped', format: 'circleci1', name: inferenceGapName, value: phase };
    if (origin) gap.origin = origin;
    // 1.0 inferred database commands only for frameworks with a database config (Rails): a note of its own.
    diagnose(ctx, phase === 'database' ? 'circleci1-database-inference' : 'circleci1-inference-gap', `"${phase}" has no override: CircleCI 1.0 ran commands it inferred from the repository here`, origin, {
      hint: 'Translate the repository instead of the lone file to reproduce them, or add an `override` with the commands.',
    });
    return { steps: [gap], cache: [] };
  }
  const steps: RunStep[] = [];
  const cache: string[] = [];
  for (const row of inferenceRows) {
    if (row.phase !== phase) continue;
    // A symlink out of the repository is refused, not taken as a missing file (exit 2).
    if ([...row.files, ...(row.unless ?? [])].filter((file) => refusedInferenceFile(ctx, file)).length) continue;
    if (!row.files.every((file) => repository.exists(file))) continue;
    if (row.unless?.some((file) => repository.exists(file))) continue;
    for (const command of row.commands) {
      const step: RunStep = { kind: 'run', command, phase, inferred: true };
      // The section's defaults, as for written commands (configuration.md "Modifiers").
      if (phase === 'test') step.continueOnFailure = true;
      step.allNodes = phase !== 'test';
      if (origin) step.origin = origin;
      steps.push(step);
    }
    for (const directory of row.cache ?? []) if (!cache.includes(directory)) cache.push(directory);
  }
  if (steps.length) {
    diagnose(
      ctx,
      'circleci1-inferred-command',
      `"${phase}": inferred by CircleCI 1.0, made explicit: ${steps.map((s) => `\`${s.command}\``).join(', ')}`,
      origin,
    );
  }
  return { steps, cache };
}
