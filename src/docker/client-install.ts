/**
 * A docker CLI for job images that come without one (mappings/docker.yml `dockerClient`): a job
 * whose Docker engine a translation provides as a service still runs its docker commands in its
 * own image, which must hold the client.
 */
import { docker } from '../rules/generated/docker.generated.js';
import { isAlpineImage } from './image-shell.js';
import { parseImageReference } from './versions.js';

const table = docker.dockerClient;
const clientless = new Set<string>(table.clientless);

/** The command installing a docker CLI in `image`, or undefined when the image is not known to lack one. */
export function clientInstallCommand(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (!ref || !clientless.has(ref.repository)) return undefined;
  return isAlpineImage(ref) ? table.install.alpine : table.install.debian;
}

/** Every install command of the table: lines a writer adds, not commands of the source. */
export const clientInstallCommands: readonly string[] = Object.values(table.install);
