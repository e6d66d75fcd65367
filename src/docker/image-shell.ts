/**
 * Which job images come without bash (mappings/docker.yml `withoutBash`): CircleCI runs their
 * steps with /bin/sh, which does not read `$BASH_ENV`.
 */
import { docker } from '../rules/generated/docker.generated.js';
import { parseImageReference } from './versions.js';

const table = docker.withoutBash;
const repositories = new Set<string>(table.repositories);

/** Whether `image` is known to have no bash. */
export function lacksBash(image: string): boolean {
  const ref = parseImageReference(image);
  return ref !== undefined && (repositories.has(ref.repository) || Boolean(ref.tag?.includes(table.alpineTag)));
}
