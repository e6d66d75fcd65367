/** The public shape of a behaviour difference: both places resolved to file, line and column. */
import type { BehaviourDifference, EventRuns } from '../behaviour/types.js';
import { maskSecretsInMessage } from '../diagnostics/secrets.js';
import type { SourceSet } from '../diagnostics/source-map.js';
import { placeOf, type Place } from './diagnostics.js';

export type { EventRuns };

/** One way the second configuration behaves differently from the first. */
export interface Difference {
  /** Stable kind, e.g. `job-created`, `session-boundary`. */
  kind: string;
  /** The events it shows under (`default-branch`, `tag`, ...); empty for differences inside a job. */
  events: string[];
  job: string | null;
  message: string;
  /** Where it is in the first configuration and in the second. */
  before: Place | null;
  after: Place | null;
}

/** `before` places point into `beforeSources`, `after` places into `afterSources`. */
export function publicDifference(d: BehaviourDifference, beforeSources: SourceSet, afterSources: SourceSet): Difference {
  return {
    kind: d.kind,
    events: d.event ? d.event.split(', ') : [],
    job: d.job ?? null,
    message: maskSecretsInMessage(d.message),
    before: placeOf(d.before, beforeSources),
    after: placeOf(d.after, afterSources),
  };
}
