import type { Job, Service } from '../../ir/types.js';
import { walkSteps } from '../../ir/visit.js';
import { diagnose, type ReadContext } from './read-context.js';
import { imageRepository, serviceRows } from './tables.js';

/**
 * 1.0 ran PostgreSQL, MySQL, MongoDB and Redis on every build (configuration.md §3). When the
 * commands mention one that the translation does not start, say so once per database.
 */
export function warnDefaultServices(ctx: ReadContext, jobs: readonly Job[], services: readonly Service[]): void {
  const started = new Set(services.map((s) => imageRepository(s.name)));
  const runs = jobs.flatMap((job) => [...walkSteps(job.steps)].flatMap((s) => (s.kind === 'run' ? [s] : [])));
  for (const row of serviceRows) {
    if (!row.default || started.has(imageRepository(row.image))) continue;
    const user = runs.find((run) => row.words?.some((word) => mentions(run.command, word)));
    if (!user) continue;
    diagnose(ctx, 'circleci1-default-service', `CircleCI 1.0 ran ${row.name} on every build and the commands seem to use it; the translation does not start it`, user.origin, {
      hint: `Add \`${row.name}\` to machine.services (or the ${row.image} service in the target) if the build needs it.`,
    });
  }
}

function mentions(command: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${escaped}([^\\w-]|$)`).test(command);
}
