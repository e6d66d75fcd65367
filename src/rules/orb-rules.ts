import { builtinRules } from './builtin-rules.js';
import type { OrbElementRule, OrbRule } from './types.js';

export type OrbElementKind = 'commands' | 'jobs' | 'executors';

/** A table entry by key; own keys only, so a config naming `constructor` finds nothing. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The rule for a registry orb element (`acme/deploy`, `commands`, `run-deploy`): a user rule
 * first, then the built-in table. Per element, so a user rule for one command of a built-in orb
 * leaves the orb's other elements to the table. `source` is set only on user rules.
 */
export function findOrbElement(
  userOrbs: Readonly<Record<string, OrbRule>> | undefined,
  orb: string,
  kind: OrbElementKind,
  name: string,
): OrbElementRule | undefined {
  return own(own(userOrbs, orb)?.[kind], name) ?? own(own(builtinRules.orbs, orb)?.[kind], name);
}
