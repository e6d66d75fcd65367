import type { DiagnosticCode } from '../../diagnostics/catalog.js';
import { report, reportOnce, type ReportOptions } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { Origin } from '../../ir/types.js';
import { entryOrigin, originOf, type Entry, type YamlReader } from '../../yaml/view.js';
import type { RepositoryAccess } from '../types.js';

/** What every 1.0 reader pass gets: the yaml view with its ledger, the sink, and the repository. */
export interface ReadContext {
  reader: YamlReader;
  sink: DiagnosticSink;
  repository?: RepositoryAccess;
  /** The first key, when the comment above it is the file's header (read once, as the header). */
  headerKey?: unknown;
}

/** The six 1.0 phases that run commands in the build, in their fixed order (configuration.md). */
export const buildPhases = ['machine', 'checkout', 'dependencies', 'database', 'compile', 'test'] as const;
export type BuildPhase = (typeof buildPhases)[number];

export function isBuildPhase(value: string | undefined): value is BuildPhase {
  return (buildPhases as readonly string[]).includes(value ?? '');
}

export function take(ctx: ReadContext, e: Entry): void {
  ctx.reader.ledger.take(e.pair);
}

export function at(ctx: ReadContext, e: Entry, path: Array<string | number>): Origin | undefined {
  return entryOrigin(ctx.reader, e, path);
}

export function nodeAt(ctx: ReadContext, node: unknown, path: Array<string | number>): Origin | undefined {
  return originOf(ctx.reader, node, path);
}

export function diagnose(
  ctx: ReadContext,
  code: DiagnosticCode,
  message: string,
  origin: Origin | undefined,
  options: Omit<ReportOptions, 'origin'> = {},
): void {
  report(ctx.sink, code, message, { ...options, origin });
}

/** A `wrong-type` error for an entry; the entry counts as diagnosed. */
export function wrongType(ctx: ReadContext, e: Entry, path: Array<string | number>, expected: string): void {
  take(ctx, e);
  diagnose(ctx, 'wrong-type', `"${path.join('.')}" should be ${expected}`, at(ctx, e, path));
}

/**
 * Whether a repository file 1.0 inference looks at is a symlink leading out of the repository. Such
 * a file is refused at the top of the configuration, which is what read it (exit 2), not taken as
 * missing.
 */
export function refusedInferenceFile(ctx: ReadContext, file: string): boolean {
  if (!ctx.repository?.refusedSymlink?.(file)) return false;
  // Several inference rows name the same file: said once.
  reportOnce(ctx.sink, 'input-outside-repository', `${file}, which CircleCI 1.0 inference reads, is a symlink that leads outside the repository; ciport does not follow it`, {
    origin: { file: ctx.reader.file, range: [0, 0] },
  });
  return true;
}
