/**
 * What a job image's shell is (mappings/docker.yml `alpine`, `withoutBash`): CircleCI runs the
 * steps of an image without bash with /bin/sh, which does not read `$BASH_ENV`.
 */
import { docker } from '../rules/generated/docker.generated.js';
import { parseImageReference, type ImageReference } from './versions.js';

const repositories = new Set<string>(docker.withoutBash.repositories);

/** Alpine's repository, or a tag that names it (`node:20-alpine`). */
export function isAlpineImage(ref: ImageReference): boolean {
  return ref.repository === docker.alpine.repository || Boolean(ref.tag?.includes(docker.alpine.tag));
}

/** Whether `image` is known to have no bash. */
export function lacksBash(image: string): boolean {
  const ref = parseImageReference(image);
  return ref !== undefined && (repositories.has(ref.repository) || isAlpineImage(ref));
}
