import type { FoundConfig } from '../io/find-config.js';
import type { FormatId } from '../ir/types.js';

/**
 * The source format migrate, diff and audit translate when `--from` is not given. After a migration
 * that kept its source, a repository holds the source and the generated target: the target is not
 * a candidate source then, the one configuration of another format is. `undefined` leaves the choice
 * to the usual rule (the one configuration found, else ambiguous).
 */
export function preferredSource(found: readonly FoundConfig[], to: FormatId): FormatId | undefined {
  const others = found.filter((config) => config.format !== to);
  return others.length === 1 ? others[0]!.format : undefined;
}
