import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatIds, formats } from '../formats/registry.js';
import type { FormatId } from '../ir/types.js';

export interface FoundConfig {
  format: FormatId;
  /** Repository-relative path, POSIX separators. */
  path: string;
}

/** The CI configurations present at their conventional paths in a repository directory. */
export function findConfigs(repoDir: string): FoundConfig[] {
  const found: FoundConfig[] = [];
  for (const id of formatIds) {
    for (const name of formats[id].fileNames) {
      const full = join(repoDir, name);
      if (existsSync(full) && statSync(full).isFile()) {
        found.push({ format: id, path: name });
        break;
      }
    }
  }
  return found;
}
