import type { FormatId } from '../ir/types.js';
import { variables } from './generated/variables.generated.js';

/** One row of mappings/variables.yml: the same predefined variable in each format. */
export interface PredefinedVariable {
  meaning: string;
  circleci1?: string;
  circleci2?: string;
  gitlab?: string;
  /** False when the values can differ (see `note`); emitters then say so. */
  exact: boolean;
  note?: string;
  expr?: { gitlab?: string };
}

export const predefinedVariables: readonly PredefinedVariable[] = variables.variables;

/** A source variable the target computes from its own variables (mappings/variables.yml `shims`). */
export interface VariableShim {
  /** The shell expression giving the source's value in the target. */
  expr: string;
  /** False when the computed value can still differ (see `note`); writers then warn. */
  exact: boolean;
  note?: string;
}

type ShimRow = { readonly circleci2?: string; readonly circleci1?: string; readonly exact: boolean; readonly note?: string };
type ProvidedRow = { readonly value: string; readonly secret: boolean };

/** The source's variables that `target` computes, by name (mappings/variables.yml `shims`). */
export function shimsOf(source: FormatId | undefined, target: 'circleci2' | 'circleci1'): ReadonlyMap<string, VariableShim> {
  const rows: Record<string, ShimRow> = (source && (variables.shims as Partial<Record<FormatId, Record<string, ShimRow>>>)[source]) || {};
  const out = new Map<string, VariableShim>();
  for (const [name, row] of Object.entries(rows)) {
    const expr = row[target];
    if (expr) out.set(name, { expr, exact: row.exact, ...(row.note ? { note: row.note } : {}) });
  }
  return out;
}

/**
 * The shim expressions `target` computes a predefined value of the table with
 * (`$((CIRCLE_NODE_INDEX + 1))` for GitLab's 1-based CI_NODE_INDEX), each → the target's own
 * variable of that meaning: the behaviour model reads a variable set to one as that variable.
 */
export function computedAliases(target: 'circleci2' | 'circleci1'): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [source, rows] of Object.entries(variables.shims) as Array<[FormatId, Record<string, ShimRow>]>) {
    const meanings = predefinedMeanings(source);
    for (const [name, row] of Object.entries(rows)) {
      const own = predefinedVariables.find((r) => r.meaning === meanings.get(name))?.[target];
      if (row[target] && own) out.set(row[target]!, own);
    }
  }
  return out;
}

/** A value the source's CI gave every job that another vendor's target must be given by hand. */
export interface ProvidedVariable {
  /** What the source's CI put in it, for the manual task's hint. */
  value: string;
  /** A password or token: kept secret in the target. */
  secret: boolean;
}

/** The value `source` gives as `name` that a target of another vendor cannot compute (mappings/variables.yml `provided`). */
export function providedBy(source: FormatId | undefined, name: string): ProvidedVariable | undefined {
  const rows: Record<string, ProvidedRow> | undefined = source ? (variables.provided as Partial<Record<FormatId, Record<string, ProvidedRow>>>)[source] : undefined;
  return rows && Object.hasOwn(rows, name) ? rows[name] : undefined;
}

/** The names a format predefines, per the table. */
export function predefinedNames(format: FormatId): Set<string> {
  return new Set(predefinedVariables.flatMap((row) => (row[format] ? [row[format]!] : [])));
}

/** Name → meaning of the variables a format predefines, per the table. */
export function predefinedMeanings(format: FormatId): ReadonlyMap<string, string> {
  return new Map(predefinedVariables.flatMap((row) => (row[format] ? [[row[format]!, row.meaning] as const] : [])));
}

/**
 * Whether `format` sets `name` in every job: a row of the table, or a name or prefix the table's
 * `reserved` section gives for that format.
 */
export function isSetByFormat(format: FormatId, name: string): boolean {
  const reserved: { prefixes: readonly string[]; names: readonly string[] } = variables.reserved[format];
  return reserved.names.includes(name) || reserved.prefixes.some((prefix) => name.startsWith(prefix)) || predefinedNames(format).has(name);
}
