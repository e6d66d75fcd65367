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
