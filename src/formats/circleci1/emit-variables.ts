import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { FormatId, Origin } from '../../ir/types.js';
import { isSetByFormat, predefinedVariables, providedBy, shimsOf, type PredefinedVariable, type VariableShim } from '../../rules/predefined-variables.js';

type Row = PredefinedVariable;

/**
 * Carries the predefined variables of the source format to CircleCI 1.0's names through
 * mappings/variables.yml: with `variableMode: 'rewrite'` in place (`$CI_COMMIT_SHA` →
 * `$CIRCLE_SHA1`); by default through a shim, `CI_COMMIT_SHA: ${CIRCLE_SHA1}` in
 * `machine.environment`, which 1.0 expands (configuration.md §3), leaving commands as written.
 * Values 1.0 has under no name are computed there from the table's `shims` (`CI_COMMIT_REF_SLUG`);
 * ones it cannot compute (`provided`) are variables to create, said once by variables-to-create.ts.
 * Names the other ones 1.0 lacks.
 */
export class VariableRewriter {
  private readonly map = new Map<string, Row>();
  private readonly reported = new Set<string>();
  /** Name → the shim's value: `${CIRCLE_SHA1}` or a shell expression. */
  private readonly used = new Map<string, string>();
  private readonly expressions: ReadonlyMap<string, VariableShim>;
  private readonly source: FormatId | undefined;

  private readonly predefined: ((name: string) => boolean) | undefined;

  constructor(
    source: FormatId | undefined,
    private readonly sink: DiagnosticSink,
    /** Variables the pipeline defines itself; they are not predefined ones. */
    private readonly defined: ReadonlySet<string> = new Set(),
    private readonly mode: 'shim' | 'rewrite' = 'shim',
  ) {
    // Names the source sets (mappings/variables.yml `reserved`) that the table does not carry:
    // a CIRCLE_TOKEN or GITLAB_TOKEN is the user's, not the system's.
    this.predefined = source === 'gitlab' || source === 'circleci2' ? (name) => isSetByFormat(source, name) : undefined;
    this.source = source;
    this.expressions = shimsOf(source, 'circleci1');
    const columns: Array<'circleci2' | 'gitlab'> = source === 'circleci2' ? ['circleci2'] : source === 'gitlab' ? ['gitlab'] : source === 'circleci1' ? [] : ['circleci2', 'gitlab'];
    for (const row of predefinedVariables) {
      for (const column of columns) {
        const name = row[column];
        if (name && name !== row.circleci1 && !this.map.has(name)) this.map.set(name, row);
      }
    }
  }

  rewrite(text: string, origin: Origin | undefined): string {
    if ((!this.map.size && !this.predefined) || !text.includes('$')) return text;
    return text.replace(/\$(\{)?([A-Za-z_][A-Za-z0-9_]*)(\})?/g, (whole, open: string | undefined, name: string, close: string | undefined) => {
      if (Boolean(open) !== Boolean(close)) return whole;
      const expression = this.expressions.get(name);
      if (expression && this.mode === 'shim' && !this.defined.has(name)) {
        if (!expression.exact) {
          this.once(name, () =>
            // A warning: the build reads a value that can differ.
            report(this.sink, 'semantic-difference', `$${name} is computed from CircleCI 1.0's variables, which can differ${expression.note ? `: ${expression.note}` : ''}`, {
              origin,
            }),
          );
        }
        this.used.set(name, expression.expr);
        return whole;
      }
      const row = this.map.get(name);
      // A value of another vendor's CI is a variable to create (variables-to-create.ts); a 2.x
      // one stays in the same project settings, where no task names it, so it is noted below.
      if (!row?.circleci1 && this.source === 'gitlab' && providedBy(this.source, name) && !this.defined.has(name)) return whole;
      if (!row) {
        if (this.predefined?.(name) && !this.defined.has(name) && !isSetByFormat('circleci1', name)) {
          this.once(name, () =>
            report(this.sink, 'circleci1-variable-unavailable', `$${name} is predefined in the source but not in CircleCI 1.0; it is left as written`, { origin }),
          );
        }
        return whole;
      }
      if (!row.circleci1) {
        this.once(name, () =>
          report(this.sink, 'circleci1-variable-unavailable', `$${name} has no CircleCI 1.0 counterpart; it is left as written`, { origin }),
        );
        return whole;
      }
      if (!row.exact) {
        this.once(name, () =>
          report(this.sink, 'approximate-translation', `$${name} becomes $${row.circleci1}, which can differ${row.note ? `: ${row.note}` : ''}`, { origin }),
        );
      }
      if (this.mode === 'shim') {
        this.used.set(name, `\${${row.circleci1}}`);
        return whole;
      }
      return open ? `\${${row.circleci1}}` : `$${row.circleci1}`;
    });
  }

  /** The shim variables for the names seen so far (shim mode), sorted by name. */
  shim(): Array<[string, string]> {
    return [...this.used].sort(([a], [b]) => (a < b ? -1 : 1));
  }

  private once(name: string, action: () => void): void {
    if (this.reported.has(name)) return;
    this.reported.add(name);
    action();
  }
}
