import { reportGathering } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { FormatId, Origin } from '../../ir/types.js';
import { isSetByFormat, predefinedVariables, providedBy, shimsOf, type PredefinedVariable } from '../../rules/predefined-variables.js';

type Row = PredefinedVariable;

export interface VariableMapper {
  /** The text with the source's predefined variables carried (rewritten in place, or noted for the shim). */
  map(text: string, origin: Origin | undefined): string;
  /** Shim lines (`NAME` → shell expression) for the names seen since the last call, in name order. */
  takeShim(): Array<[string, string]>;
}

/**
 * Carries the source's predefined variables (GitLab `$CI_COMMIT_SHA`, 1.0 names) to CircleCI 2.x
 * through mappings/variables.yml. `rewrite` replaces references in place; `shim` (the default)
 * keeps commands as written and exports the old names from the new ones through `$BASH_ENV` in a
 * first step, because 2.x `environment` values are literal (variables.adoc). A value CircleCI
 * has under no name is computed there when the table's `shims` give an expression
 * (`CI_COMMIT_REF_SLUG`); one it cannot compute (`provided`: `CI_REGISTRY_PASSWORD`) is a
 * variable to create, which variables-to-create.ts says once per file, so it is not warned here.
 */
export function createVariableMapper(
  source: FormatId | undefined,
  sink: DiagnosticSink,
  defined: ReadonlySet<string>,
  mode: 'shim' | 'rewrite',
): VariableMapper {
  const expressions = shimsOf(source, 'circleci2');
  const table = new Map<string, Row>();
  const column = source === 'gitlab' ? 'gitlab' : source === 'circleci1' ? 'circleci1' : undefined;
  if (column) {
    for (const row of predefinedVariables) {
      const name = row[column];
      if (name && name !== row.circleci2 && !table.has(name)) table.set(name, row);
    }
  }
  // Names GitLab sets (mappings/variables.yml `reserved`); a GITLAB_TOKEN is the user's.
  const predefined = source === 'gitlab' ? (name: string) => isSetByFormat('gitlab', name) : undefined;
  // Each name is said once, at its first use; later uses are named as related places.
  const reported = new Map<string, (message: string, origin: Origin | undefined) => void>();
  let used = new Map<string, string>();
  const once = (name: string, origin: Origin | undefined, action: () => (message: string, origin: Origin | undefined) => void) => {
    const gather = reported.get(name);
    if (gather) gather(`$${name} is used here too`, origin);
    else reported.set(name, action());
  };
  return {
    map(text, origin) {
      if (!column || !text.includes('$')) return text;
      return text.replace(/\$(\{)?([A-Za-z_][A-Za-z0-9_]*)(\})?/g, (whole, open: string | undefined, name: string, close: string | undefined) => {
        if (Boolean(open) !== Boolean(close) || defined.has(name)) return whole;
        const expression = expressions.get(name);
        const row = table.get(name);
        if (expression && mode === 'shim') {
          if (!expression.exact) {
            once(name, origin, () =>
              // A warning: the job reads a value that can differ.
              reportGathering(sink, 'semantic-difference', `$${name} is computed from CircleCI's variables, which can differ${expression.note ? `: ${expression.note}` : ''}`, {
                origin,
              }),
            );
          }
          used.set(name, expression.expr);
          return whole;
        }
        if (!row?.circleci2 && providedBy(source, name)) return whole;
        if (!row?.circleci2) {
          if (row || (predefined?.(name) && !isSetByFormat('circleci2', name))) {
            once(name, origin, () =>
              reportGathering(sink, 'circleci2-variable-unavailable', `$${name} is predefined in the source but not in CircleCI 2.x; it is left as written`, { origin }),
            );
          }
          return whole;
        }
        if (!row.exact) {
          // A warning: the job reads a value that can differ from what it read in the source.
          once(name, origin, () =>
            reportGathering(sink, 'semantic-difference', `$${name} is carried as $${row.circleci2}, which can differ${row.note ? `: ${row.note}` : ''}`, { origin }),
          );
        }
        if (mode === 'shim') {
          used.set(name, `\${${row.circleci2}}`);
          return whole;
        }
        return open ? `\${${row.circleci2}}` : `$${row.circleci2}`;
      });
    },
    takeShim() {
      const lines = [...used].sort(([a], [b]) => (a < b ? -1 : 1));
      used = new Map();
      return lines;
    },
  };
}
