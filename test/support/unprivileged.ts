import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './run-cli.js';

/** The user a root test run drops to, so that file permissions apply (root reads everything). */
export const nobody = 65534;

export const runningAsRoot = process.getuid?.() === 0;

/**
 * Whether the unprivileged user can start the CLI from this checkout. A clone under a private
 * folder (mktemp -d makes 0700) is out of that user's reach: the CLI would never start, so a
 * permission test there proves nothing and is skipped under a title that says why.
 */
export function unprivilegedCanRunCli(): boolean {
  if (!runningAsRoot) return true;
  const entry = join(repoRoot, 'src', 'cli-main.ts');
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(entry)}, ${constants.R_OK})`], { uid: nobody, timeout: 10_000 });
  return probe.status === 0;
}

/** Appended to the title of a permission test skipped because the checkout is out of the unprivileged user's reach. */
export const unreachableCheckout = `(skipped: uid ${nobody} cannot reach this checkout)`;
