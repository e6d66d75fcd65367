import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { FormatId, Origin, Variable } from '../../ir/types.js';
import { variables as variableTable } from '../../rules/generated/variables.generated.js';

/**
 * A variable's GitLab value. Literal sources (CircleCI 2.x `environment`, `expand: false`) keep
 * `$` literal with `{value, expand: false}` (gitlab-ci.md §2 `variables`); form variables keep
 * their description and options.
 */
export function variableValue(variable: Variable, global: boolean): unknown {
  const literal = variable.expand === false && variable.value.includes('$');
  const form = global && (variable.description !== undefined || variable.options !== undefined);
  if (!literal && !form) return variable.value;
  const out: Record<string, unknown> = { value: variable.value };
  if (form && variable.description !== undefined) out.description = variable.description;
  if (form && variable.options !== undefined) out.options = variable.options;
  if (literal) out.expand = false;
  return out;
}

export interface PredefinedMapping {
  /** The source's name (`CIRCLE_SHA1`). */
  name: string;
  /** A GitLab variable reference or shell expression standing for it. */
  gitlab?: string;
  /** The value needs a shell (arithmetic, defaults): it cannot be a YAML variable. */
  shell: boolean;
  exact: boolean;
  note?: string;
}

/** The predefined variables of a source format with their GitLab stand-ins (mappings/variables.yml). */
export function predefinedOf(source: FormatId | undefined): Map<string, PredefinedMapping> {
  const out = new Map<string, PredefinedMapping>();
  if (source !== 'circleci1' && source !== 'circleci2') return out;
  for (const row of variableTable.variables as ReadonlyArray<Record<string, unknown>>) {
    const name = row[source] as string | undefined;
    if (!name) continue;
    const expr = (row.expr as { gitlab?: string } | undefined)?.gitlab;
    const gitlab = expr ?? (row.gitlab ? `$${row.gitlab as string}` : undefined);
    const mapping: PredefinedMapping = { name, shell: Boolean(expr), exact: Boolean(row.exact) };
    if (gitlab) mapping.gitlab = gitlab;
    if (row.note) mapping.note = row.note as string;
    out.set(name, mapping);
  }
  return out;
}

const referencePattern = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Names of the predefined variables a text refers to. */
export function referencedPredefined(text: string, table: Map<string, PredefinedMapping>): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(referencePattern)) {
    const name = (match[1] ?? match[2])!;
    if (table.has(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** `variableMode: 'rewrite'`: references replaced in place by their GitLab stand-ins. */
export function rewritePredefined(text: string, table: Map<string, PredefinedMapping>): string {
  return text.replace(referencePattern, (whole, braced: string | undefined, plain: string | undefined) => {
    const mapping = table.get((braced ?? plain)!);
    if (!mapping?.gitlab) return whole;
    if (mapping.shell || !braced) return mapping.gitlab;
    return `\${${mapping.gitlab.slice(1)}}`;
  });
}

/** Reports, once per name, what a predefined variable became: at its first use, listing the others. */
export function reportPredefined(sink: DiagnosticSink, uses: ReadonlyMap<string, readonly Origin[]>, table: Map<string, PredefinedMapping>): void {
  for (const [name, origins] of uses) {
    const mapping = table.get(name);
    if (!mapping) continue;
    const [first, ...rest] = origins;
    const at = {
      ...(first ? { origin: first } : {}),
      ...(rest.length ? { related: rest.map((origin) => ({ message: `$${name} is used here too`, origin })) } : {}),
      ...(mapping.note ? { hint: mapping.note } : {}),
    };
    if (!mapping.gitlab) report(sink, 'semantic-difference', `$${name} has no GitLab equivalent; it is empty in GitLab jobs`, at);
    else if (!mapping.exact) report(sink, 'semantic-difference', `$${name} is provided as ${mapping.gitlab}, which can differ`, at);
  }
}
