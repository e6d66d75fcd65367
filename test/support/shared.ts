import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared next to the repository (CI clones it there); CIPORT_SHARED overrides. */
export function sharedDir(): string {
  return process.env.CIPORT_SHARED ?? resolve(import.meta.dirname, '..', '..', '..', 'shared');
}

export function hasShared(): boolean {
  return existsSync(join(sharedDir(), 'corpus'));
}
