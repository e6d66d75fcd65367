import { didYouMean } from '../diagnostics/did-you-mean.js';
import { formatIds, formats, isFormatId } from '../formats/registry.js';
import type { FormatId } from '../ir/types.js';

export interface TargetFormat {
  id: FormatId;
  version?: string;
}

const aliases: Record<string, FormatId> = { circleci: 'circleci2', 'circleci-1': 'circleci1', circle: 'circleci1' };

/**
 * Parses `circleci1`, `circleci2`, `circleci2@2.0`, `circleci` (alias of circleci2), `gitlab`.
 * Returns an error message for anything else.
 */
export function parseFormatArg(value: string): TargetFormat | { error: string } {
  const [name = '', version] = value.trim().split('@');
  const id = aliases[name] ?? name;
  if (!isFormatId(id)) {
    const guess = didYouMean(name, [...formatIds, ...Object.keys(aliases)]);
    return { error: `unknown format "${value}"${guess}; expected one of circleci1, circleci2 (or circleci), circleci2@2.0, circleci2@2.1, gitlab` };
  }
  const versions = formats[id].versions;
  if (version !== undefined) {
    if (!versions?.includes(version)) {
      const allowed = versions?.length ? `: ${versions.map((v) => `${id}@${v}`).join(', ')}` : ' (it has one version)';
      return { error: `format ${id} has no version "${version}"${allowed}` };
    }
    return { id, version };
  }
  return versions?.[0] ? { id, version: versions[0] } : { id };
}
