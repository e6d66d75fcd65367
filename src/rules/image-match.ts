/**
 * Matching an image reference against an image rule's `from` and building the replacement.
 * Forms of `from` (mappings/images.yml explains them to users):
 *   - a glob with `*`: matches the whole reference, `*` any text (also `/` and `:`); the `*`s
 *     of `to` take the matched texts in order;
 *   - a repository without tag or digest (`postgres`): that repository with any tag or digest,
 *     which carries over unless `to` names its own;
 *   - `name:tag` or `name@digest`: exactly that reference.
 */

/** Splits `registry:5000/team/app:1.2@sha256:…` into repository and suffix (`:1.2@sha256:…`). */
export function splitReference(reference: string): { repository: string; suffix: string } {
  const at = reference.indexOf('@');
  const beforeDigest = at >= 0 ? reference.slice(0, at) : reference;
  // A tag's colon comes after the last slash; an earlier one is a registry port.
  const colon = beforeDigest.lastIndexOf(':');
  const end = colon > beforeDigest.lastIndexOf('/') ? colon : at >= 0 ? at : reference.length;
  return { repository: reference.slice(0, end), suffix: reference.slice(end) };
}

export function starCount(text: string): number {
  return text.split('*').length - 1;
}

// Compiled once per pattern: a rule is tried against every image of every job.
const globs = new Map<string, RegExp>();

function globCaptures(pattern: string, text: string): string[] | undefined {
  let regex = globs.get(pattern);
  if (!regex) {
    const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    regex = new RegExp(`^${escaped.join('(.*?)')}$`, 's');
    globs.set(pattern, regex);
  }
  const match = regex.exec(text);
  return match ? match.slice(1) : undefined;
}

/** The rewritten reference when `from` matches `reference`, else `undefined`. */
export function rewriteImage(reference: string, from: string, to: string): string | undefined {
  if (from.includes('*')) {
    const captures = globCaptures(from, reference);
    if (!captures) return undefined;
    let index = 0;
    return to.replace(/\*/g, () => captures[index++] ?? '');
  }
  const pattern = splitReference(from);
  if (pattern.suffix) return reference === from ? to : undefined;
  const image = splitReference(reference);
  if (image.repository !== pattern.repository) return undefined;
  return splitReference(to).suffix ? to : `${to}${image.suffix}`;
}
