/**
 * The formats ciport reads and writes, as a library describes them: ids, titles, file names and
 * dialects. The parser and emitter records of src/formats stay internal (they work on the IR).
 */
import { detectFormat as detect, formatIds as ids, formats as registry } from '../formats/registry.js';
import type { FormatId } from '../ir/types.js';

export type { FormatId };

export interface FormatInfo {
  id: FormatId;
  /** `GitLab CI (.gitlab-ci.yml)`, ... */
  title: string;
  /** Conventional repository-relative paths of the configuration, most specific first. */
  fileNames: readonly string[];
  /** Dialects the emitter writes (`emit.version`), the default first; empty when the format has none. */
  versions: readonly string[];
}

export const formats: Readonly<Record<FormatId, FormatInfo>> = Object.freeze(
  Object.fromEntries(
    ids.map((id) => {
      const { title, fileNames, versions } = registry[id];
      return [id, Object.freeze({ id, title, fileNames: Object.freeze([...fileNames]), versions: Object.freeze([...(versions ?? [])]) })];
    }),
  ) as Record<FormatId, FormatInfo>,
);

export const formatIds: readonly FormatId[] = Object.freeze([...ids]);

export function isFormatId(value: unknown): value is FormatId {
  return typeof value === 'string' && Object.hasOwn(registry, value);
}

/** The most likely format of `text` (named `file`), or `null` when no format claims it. */
export function detectFormat(file: string, text: string): { format: FormatId; confidence: number } | null {
  return detect(file, text) ?? null;
}

/** Library callers may not have types: a wrong format id is a clear error, not a crash deep inside. */
export function requireFormatId(value: unknown, what: string): FormatId {
  if (isFormatId(value)) return value;
  throw new TypeError(`ciport: ${what} must be one of ${ids.join(', ')} (got ${JSON.stringify(value)})`);
}
