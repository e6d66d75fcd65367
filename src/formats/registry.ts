import type { FormatId } from '../ir/types.js';
import { format as circleci1 } from './circleci1/index.js';
import { format as circleci2 } from './circleci2/index.js';
import { format as gitlab } from './gitlab/index.js';
import type { FormatModule } from './types.js';

/** The one place formats are registered: format id → module. */
export const formats: Readonly<Record<FormatId, FormatModule>> = { circleci1, circleci2, gitlab };

export const formatIds = Object.keys(formats) as FormatId[];

/** One output a translation can be asked for: a format, and for formats with dialects one of its versions. */
export interface EmitTarget {
  /** `circleci1`, `circleci2@2.1`, `gitlab`: names rows, schemas and known-failure entries. */
  stem: string;
  id: FormatId;
  version?: string;
}

/** Every target, each dialect of a versioned format its own (circleci2@2.1 and circleci2@2.0), in registry order. */
export function emitTargets(): EmitTarget[] {
  return formatIds.flatMap((id): EmitTarget[] => {
    const versions = formats[id].versions;
    return versions?.length ? versions.map((version) => ({ stem: `${id}@${version}`, id, version })) : [{ stem: id, id }];
  });
}

export function isFormatId(value: string): value is FormatId {
  return Object.hasOwn(formats, value);
}

export interface Detection {
  format: FormatId;
  confidence: number;
}

/** The most likely format of a file, or `undefined` when no format claims it. */
export function detectFormat(file: string, text: string): Detection | undefined {
  let best: Detection | undefined;
  for (const id of formatIds) {
    const confidence = formats[id].detect(file, text);
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { format: id, confidence };
  }
  return best;
}
