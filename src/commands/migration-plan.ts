import { catalogued } from '../diagnostics/report.js';
import { join, posix } from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { toRecords, type DiagnosticRecord } from '../diagnostics/print.js';
import { SourceSet } from '../diagnostics/source-map.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { formats } from '../formats/registry.js';
import type { EmitOptions, ParseOptions } from '../formats/types.js';
import type { FormatId } from '../ir/types.js';
import { findConfigs } from '../io/find-config.js';
import { describeError } from '../io/read-text.js';
import { renderMigrationNotes } from '../report/migration-notes.js';
import { translate, type TranslateResult } from '../translate.js';
import { resolveInput, translationRequest } from './resolve-input.js';
import { preferredSource } from './source-choice.js';

export interface PlanOptions {
  dir: string;
  to: FormatId;
  from?: FormatId;
  parse?: ParseOptions;
  emit?: EmitOptions;
}

/** A file migrate would write: repository-relative path, path on disk, new text, current text. */
export interface PlannedFile {
  path: string;
  diskPath: string;
  text: string;
  /** The file's current content; `undefined` when it does not exist. */
  previous?: string;
}

/** Everything `migrate` would do and `diff` compares, computed without touching the disk. */
export interface MigrationPlan {
  dir: string;
  source: { path: string; diskPath: string; format: FormatId };
  target: PlannedFile & { format: FormatId };
  notes: PlannedFile;
  result: TranslateResult & { output: string };
  records: DiagnosticRecord[];
}

export type PlanOutcome =
  | { ok: true; plan: MigrationPlan }
  | { ok: false; diagnostics: Diagnostic[]; sources: SourceSet; from?: FormatId; source?: string };

/** The conventional path of a format's configuration, and MIGRATION.md next to it. */
export function targetPaths(to: FormatId): { target: string; notes: string } {
  const target = formats[to].fileNames[0]!;
  return { target, notes: posix.join(posix.dirname(target), 'MIGRATION.md') };
}

/** Finds the repository's configuration, translates it, and lays out the files migrate would write. */
export function planMigration(options: PlanOptions): PlanOutcome {
  if (isFile(options.dir)) {
    const diagnostic = catalogued('input-not-directory', `${options.dir} is not a repository directory`, {
      hint: 'migrate and diff work on a repository; use `ciport convert <file>` for a single file.',
    });
    return { ok: false, diagnostics: [diagnostic], sources: new SourceSet() };
  }
  const resolved = resolveInput(options.dir, options.from ?? preferredSource(findConfigs(options.dir), options.to));
  if (!resolved.ok) return { ok: false, diagnostics: [resolved.diagnostic], sources: new SourceSet() };
  const { input } = resolved;
  const result = translate(translationRequest(input, options.to, options));
  if (result.fatal || result.output === null || !result.from) {
    return { ok: false, diagnostics: result.diagnostics, sources: result.sources, ...(result.from ? { from: result.from } : {}), source: input.file };
  }
  const paths = targetPaths(options.to);
  const records = toRecords(result.diagnostics, result.sources);
  const source = { path: input.file, diskPath: input.diskPath, format: result.from };
  const notesText = renderMigrationNotes({ source, target: { path: paths.target, format: options.to }, pipeline: result.pipeline, records });
  const previousOf = (path: string) => readIfExists(join(options.dir, path));
  return {
    ok: true,
    plan: {
      dir: options.dir,
      source,
      target: withPrevious({ path: paths.target, diskPath: join(options.dir, paths.target), text: result.output, format: options.to }, previousOf(paths.target)),
      notes: withPrevious({ path: paths.notes, diskPath: join(options.dir, paths.notes), text: notesText }, previousOf(paths.notes)),
      result: { ...result, output: result.output },
      records,
    },
  };
}

function withPrevious<T extends PlannedFile>(file: T, previous: string | undefined): T {
  return previous === undefined ? file : { ...file, previous };
}

function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readIfExists(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // An unreadable existing file still counts as existing: migrate must not overwrite it blindly.
    return `<unreadable: ${describeError(error)}>`;
  }
}
