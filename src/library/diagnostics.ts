/**
 * The public shape of a diagnostic: the flat record of `--json` output (file, 1-based line and
 * column resolved from the internal character offsets) plus its related places, resolved the same way.
 */
import { toRecord, type DiagnosticRecord } from '../diagnostics/print.js';
import { maskSecretsInMessage } from '../diagnostics/secrets.js';
import { sortDiagnostics } from '../diagnostics/sink.js';
import type { SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic as InternalDiagnostic } from '../diagnostics/types.js';
import type { Origin } from '../ir/types.js';

/** A place in a file: 1-based line and column (`null` when only the file is known). */
export interface Place {
  file: string;
  line: number | null;
  column: number | null;
}

export interface RelatedPlace {
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
}

/** What a translation or a check reports, in reading order; `file` is `null` for file-less problems. */
export interface Diagnostic extends DiagnosticRecord {
  related: RelatedPlace[];
}

/** The place an internal origin (file and character offsets) names, or `null` without one. */
export function placeOf(origin: Origin | undefined, sources: SourceSet): Place | null {
  if (!origin) return null;
  const position = sources.position(origin.file, origin.range[0]);
  return { file: origin.file, line: position?.line ?? null, column: position?.column ?? null };
}

/**
 * `output` holds the texts a translation wrote: a related place in a file the input does not hold
 * (`in .gitlab-ci.yml` of a behaviour difference) is looked up there.
 */
export function publicDiagnostics(diagnostics: readonly InternalDiagnostic[], sources: SourceSet, output?: SourceSet): Diagnostic[] {
  return sortDiagnostics(diagnostics).map((d) => ({
    ...toRecord(d, sources),
    related: (d.related ?? []).map((r) => {
      const place = placeOf(r.origin, output && r.origin && !sources.has(r.origin.file) ? output : sources);
      return { message: maskSecretsInMessage(r.message), file: place?.file ?? null, line: place?.line ?? null, column: place?.column ?? null };
    }),
  }));
}
