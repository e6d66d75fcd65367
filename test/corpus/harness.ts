import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emitTargets, formatIds, formats, type EmitTarget } from '../../src/formats/registry.js';
import type { FormatId } from '../../src/ir/types.js';
import { LineIndex } from '../../src/diagnostics/source-map.js';
import { countDiagnostics } from './diagnostic-counts.js';
import { readPipeline, translate } from '../../src/translate.js';
import { parse } from 'yaml';
import { median } from './diagnostic-counts.js';
import { hasSchema, schemaError, schemaErrorOfValue } from '../support/schemas.js';
import { neutraliseEnums } from '../formats/circleci2/schema.js';
import { sharedDir } from '../support/shared.js';
import { previewAll, type OracleResult } from '../support/gitlab-ci-local.js';

export type Target = EmitTarget;

export const corpusTargets: Target[] = emitTargets();

export interface CorpusRow {
  source: FormatId;
  target: string;
  files: number;
  translated: number;
  crashes: number;
  unknownKeys: number;
  /** Files with at least one unknown-key diagnostic. */
  filesWithUnknownKeys: number;
  schemaRejects: number;
  /** CircleCI outputs rejected only for values newer or older than the schema's lists (resource classes, machine images, Xcode). */
  valueDriftRejects?: number;
  /** Rejected outputs whose input the same schema rejects too (a format translated to itself). */
  inputRejectedToo?: number;
  /** Outputs gitlab-ci-local refused (GitLab target only; undefined when not checked). */
  oracleRejects?: number;
  /** Outputs the oracle rejected whose input it rejected too (fragments), not counted as rejects. */
  oracleInputRejects?: number;
  /** Outputs gitlab-ci-local could not judge offline (external includes). */
  oracleOffline?: number;
  /** Translated outputs kept for the oracle run (GitLab target only). */
  outputs?: Array<{ name: string; text: string }>;
  /** gitlab-ci-local's `--preview` of each GitLab input, by file name (for the resolution comparison). */
  inputPreviews?: Map<string, OracleResult>;
  /** Behaviour differences between input and re-read output that only the comparison named. */
  unnamedBehaviour: number;
  /** All behaviour differences found (named by a writer's diagnostic or not). */
  behaviourDifferences: number;
  /** Diagnostics of each translated file, after grouping (what a user reads). */
  diagnosticCounts: number[];
  /** Diagnostics that repeat an earlier one of the same file in code, place and message (must be 0). */
  repeatedDiagnostics: number;
  /** Diagnostics whose severity is not their code's catalog severity (must be 0). */
  offCatalogSeverities: number;
  /** A few examples of what went wrong, for the report. */
  examples: string[];
}

export function corpusFiles(source: FormatId): string[] {
  const dir = join(sharedDir(), 'corpus', source);
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** The file name the config would have in its repository, so path-based rules apply. */
function conventionalName(source: FormatId): string {
  return formats[source].fileNames[0]!;
}

/**
 * Every corpus file of every source through every target: crashes (an internal error, or a fatal
 * result on a file that parses as YAML), unknown keys, and outputs the vendor schema rejects (1.0
 * has no schema: its output must be re-readable by ciport without errors).
 */
export function runCorpus(sources: FormatId[] = formatIds): CorpusRow[] {
  const rows: CorpusRow[] = [];
  for (const source of sources) {
    const files = corpusFiles(source);
    for (const target of corpusTargets) {
      const row: CorpusRow = { source, target: target.stem, files: files.length, translated: 0, crashes: 0, unknownKeys: 0, filesWithUnknownKeys: 0, schemaRejects: 0, unnamedBehaviour: 0, behaviourDifferences: 0, diagnosticCounts: [], repeatedDiagnostics: 0, offCatalogSeverities: 0, examples: [] };
      for (const path of files) {
        const name = path.split('/').pop()!;
        const text = readFileSync(path, 'utf8');
        let result;
        try {
          result = translate({ file: conventionalName(source), text, from: source, to: target.id, emit: target.version ? { version: target.version } : {} });
        } catch (error) {
          row.crashes++;
          row.examples.push(`${name}: threw ${(error as Error).message}`);
          continue;
        }
        const internal = result.diagnostics.find((d) => d.code === 'internal-error');
        const yamlBroken = result.diagnostics.some((d) => d.code.startsWith('yaml-') && d.severity === 'error');
        if (internal || (result.fatal && !yamlBroken)) {
          row.crashes++;
          row.examples.push(`${name}: ${internal?.message ?? result.diagnostics.map((d) => d.code).join(',')}`);
          continue;
        }
        if (result.output === null) continue;
        row.translated++;
        const counted = countDiagnostics(result.diagnostics, new Map([[conventionalName(source), new LineIndex(text)]]));
        row.diagnosticCounts.push(counted.total);
        const repeated = counted.duplicates;
        row.repeatedDiagnostics += repeated;
        if (repeated) row.examples.push(`${name}: ${repeated} diagnostics said twice at the same place`);
        row.offCatalogSeverities += counted.offCatalog;
        if (counted.offCatalog) row.examples.push(`${name}: ${counted.offCatalog} diagnostics at a severity their code does not have`);
        row.unnamedBehaviour += result.behaviour?.unnamed.length ?? 0;
        row.behaviourDifferences += result.behaviour?.differences.length ?? 0;
        if (target.id === 'gitlab') (row.outputs ??= []).push({ name, text: result.output });
        const unknown = result.diagnostics.filter((d) => d.code === 'unknown-key').length;
        row.unknownKeys += unknown;
        if (unknown) row.filesWithUnknownKeys++;
        const rejection = hasSchema(target.stem) ? schemaError(target.stem, result.output) : rereadError(target.id, result.output);
        if (rejection) {
          row.schemaRejects++;
          if (target.id === 'circleci2' && !schemaErrorOfValue(target.stem, neutraliseEnums(parse(result.output, { version: '1.1' })))) {
            row.valueDriftRejects = (row.valueDriftRejects ?? 0) + 1;
          } else if (source === target.id && schemaError(target.stem, text)) {
            row.inputRejectedToo = (row.inputRejectedToo ?? 0) + 1;
          }
          if (row.examples.length < 5) row.examples.push(`${name}: ${rejection}`);
        }
      }
      rows.push(row);
    }
  }
  return rows;
}

function rereadError(format: FormatId, text: string): string | undefined {
  try {
    const read = readPipeline({ file: conventionalName(format), text, from: format });
    const bad = read.sink.diagnostics.find((d) => d.severity === 'error' || d.code === 'unknown-key');
    return read.pipeline ? (bad ? `re-read: ${bad.code}: ${bad.message}` : undefined) : 're-read failed';
  } catch (error) {
    return `re-read threw ${(error as Error).message}`;
  }
}

/**
 * Asks gitlab-ci-local to accept every GitLab output (slow: one process per file). For GitLab
 * sources the input is asked too: corpus files are often fragments (jobs they `needs` live in
 * other files, `changes:` rules want a git checkout), and an output only counts as rejected when
 * the oracle accepted its input.
 */
export async function checkWithOracle(rows: CorpusRow[]): Promise<void> {
  for (const row of rows) {
    if (!row.outputs) continue;
    const results = await previewAll(row.outputs.map((o) => o.text));
    if (row.source === 'gitlab') {
      const inputs = await previewAll(row.outputs.map((o) => readFileSync(join(sharedDir(), 'corpus', 'gitlab', o.name), 'utf8')));
      row.inputPreviews = new Map(inputs.map((input, index) => [row.outputs![index]!.name, input]));
      row.oracleInputRejects = 0;
      inputs.forEach((input, index) => {
        if (input.ok || results[index]!.ok) return;
        row.oracleInputRejects!++;
        results[index] = { ok: true };
      });
    }
    row.oracleRejects = 0;
    row.oracleOffline = 0;
    results.forEach((result, index) => {
      if (result.ok) return;
      if (result.offline) {
        row.oracleOffline!++;
        return;
      }
      row.oracleRejects!++;
      if (row.examples.length < 8) row.examples.push(`${row.outputs![index]!.name}: gitlab-ci-local: ${result.message}`);
    });
  }
}

export function formatTable(rows: CorpusRow[]): string {
  const header = ['source', 'target', 'files', 'translated', 'crashes', 'unknown keys', 'files w/ unknown', 'schema rejects', 'of which value drift', 'of which input rejected too', 'gitlab-ci-local rejects', 'oracle rejects input too', 'oracle needs network', 'unnamed behaviour differences', 'diagnostics median', 'diagnostics max', 'repeated diagnostics'];
  const body = rows.map((r) => [r.source, r.target, r.files, r.translated, r.crashes, r.unknownKeys, r.filesWithUnknownKeys, r.schemaRejects, r.valueDriftRejects ?? '-', r.inputRejectedToo ?? '-', r.oracleRejects ?? '-', r.oracleInputRejects ?? '-', r.oracleOffline ?? '-', r.unnamedBehaviour, median(r.diagnosticCounts), Math.max(0, ...r.diagnosticCounts), r.repeatedDiagnostics].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/**
 * test/corpus/behaviour-baseline.tsv: the unnamed behaviour differences each source × target may
 * have. The run fails when a count grows (a new silent loss) and when it shrinks (lower the
 * baseline, so the gain is kept): the numbers can only go down.
 */
export const behaviourBaselineFile = join(import.meta.dirname, 'behaviour-baseline.tsv');

export function readBehaviourBaseline(): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(behaviourBaselineFile, 'utf8').split('\n')) {
    const cells = line.replace(/#.*/, '').trim().split('\t');
    if (cells.length === 3) out.set(`${cells[0]} -> ${cells[1]}`, Number(cells[2]));
  }
  return out;
}

export function compareWithBaseline(rows: readonly CorpusRow[], baseline: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    const key = `${row.source} -> ${row.target}`;
    const allowed = baseline.get(key);
    if (allowed === undefined) problems.push(`${key}: no baseline (add "${row.source}\t${row.target}\t${row.unnamedBehaviour}")`);
    else if (row.unnamedBehaviour > allowed) problems.push(`${key}: ${row.unnamedBehaviour} unnamed behaviour differences, more than the baseline's ${allowed}`);
    else if (row.unnamedBehaviour < allowed) problems.push(`${key}: ${row.unnamedBehaviour} unnamed behaviour differences, fewer than the baseline's ${allowed}: lower the baseline`);
  }
  return problems;
}
