import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import { toSearchPattern } from '../../ir/pattern.js';
import type { Condition, Matcher, Pattern, Rule } from '../../ir/types.js';
import { gitlabSourceOf } from './expression.js';
import { toRe2 } from './ref-regex.js';

/**
 * IR conditions → GitLab CI/CD variable expressions. GitLab has no `!`, so negations are pushed
 * inward (De Morgan) and flipped into `!=`, `!~` and `== null`. `&&` binds tighter than `||`,
 * so an `or` inside an `and` gets parentheses.
 */
export interface ConditionText {
  /** The `if:` expression; `undefined` when the condition is always true. */
  expression?: string;
  changes?: { paths: string[]; compareTo?: string };
  exists?: string[];
  /** The condition can never hold (`literal false`). */
  never?: boolean;
}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A regex literal: `/` inside the source is escaped, since GitLab reads `/…/` delimiters. */
export function regexLiteral(pattern: Pattern): string {
  const source = toRe2(toSearchPattern(pattern)).replace(/(^|[^\\])((?:\\\\)*)\//g, '$1$2\\/');
  return `/${source}/${pattern.flags ?? ''}`;
}

type Expr = { text: string; or: boolean } | undefined;

function refVariable(ref: 'branch' | 'tag'): string {
  return ref === 'branch' ? '$CI_COMMIT_BRANCH' : '$CI_COMMIT_TAG';
}

function matcherText(variable: string, match: Matcher, negate: boolean): string {
  if (match.kind === 'exact') return `${variable} ${negate ? '!=' : '=='} ${quote(match.value)}`;
  return `${variable} ${negate ? '!~' : '=~'} ${regexLiteral(match)}`;
}

/** One condition as expression text; `negate` asks for its negation. */
function expressionOf(condition: Condition, negate: boolean, sink: DiagnosticSink | undefined): Expr {
  switch (condition.kind) {
    case 'literal':
      return undefined;
    case 'ref': {
      const variable = refVariable(condition.ref);
      if (!condition.match) return { text: negate ? `${variable} == null` : variable, or: false };
      // A negated match must still be a pipeline of that ref kind to be false; `!=` is also true
      // when the variable is unset, which is what "not this branch" means in GitLab.
      return { text: matcherText(variable, condition.match, negate), or: false };
    }
    case 'source': {
      const value = gitlabSourceOf[condition.source];
      if (condition.source === 'tag') return { text: negate ? '$CI_COMMIT_TAG == null' : '$CI_COMMIT_TAG', or: false };
      return { text: `$CI_PIPELINE_SOURCE ${negate ? '!=' : '=='} ${quote(value)}`, or: false };
    }
    case 'var': {
      const v = `$${gitlabVariableName(condition.name)}`;
      const value = (text: string | undefined) => (text !== undefined && /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(text) ? text : quote(text ?? ''));
      switch (condition.op) {
        case 'defined':
          return { text: `${v} ${negate ? '==' : '!='} null`, or: false };
        case 'undefined':
          return { text: `${v} ${negate ? '!=' : '=='} null`, or: false };
        case 'truthy':
          return negate ? { text: `${v} == null || ${v} == ""`, or: true } : { text: v, or: false };
        case 'equals':
        case 'not-equals': {
          const eq = (condition.op === 'equals') !== negate;
          return { text: `${v} ${eq ? '==' : '!='} ${value(condition.value)}`, or: false };
        }
        case 'matches':
        case 'not-matches': {
          const match = (condition.op === 'matches') !== negate;
          if (!condition.pattern) return { text: `${v} ${match ? '=~' : '!~'} ${value(condition.value)}`, or: false };
          return { text: `${v} ${match ? '=~' : '!~'} ${regexLiteral(condition.pattern)}`, or: false };
        }
      }
      return undefined;
    }
    case 'default-branch':
      return { text: `$CI_COMMIT_BRANCH ${negate ? '!=' : '=='} $CI_DEFAULT_BRANCH`, or: false };
    case 'owner':
      return { text: `$CI_PROJECT_NAMESPACE ${negate ? '!=' : '=='} ${quote(condition.owner)}`, or: false };
    case 'not':
      return expressionOf(condition.condition, !negate, sink);
    case 'and':
    case 'or': {
      const list = condition.kind === 'and' ? condition.all : condition.any;
      // De Morgan: a negated `and` is an `or` of negations, and the reverse.
      const isOr = (condition.kind === 'or') !== negate;
      const parts = list.map((c) => expressionOf(c, negate, sink)).filter((p): p is NonNullable<Expr> => Boolean(p));
      if (parts.length === 0) return undefined;
      if (parts.length === 1) return parts[0];
      if (isOr) return { text: parts.map((p) => p.text).join(' || '), or: true };
      return { text: parts.map((p) => (p.or ? `(${p.text})` : p.text)).join(' && '), or: false };
    }
    case 'opaque':
      if (condition.format === 'gitlab' && !negate) return { text: condition.text, or: /\|\|/.test(condition.text) };
      if (sink) {
        report(sink, 'unsupported-feature', `the ${condition.format} condition "${condition.text}" has no GitLab form; it is left out of the rule`, {
          hint: 'Write the rule by hand.',
        });
      }
      return undefined;
    case 'changes':
    case 'exists':
      if (sink) {
        report(sink, 'approximate-translation', `a ${condition.kind} condition inside an expression cannot be written as rules:if; it is left out`);
      }
      return undefined;
  }
}

/**
 * Splits a condition into `rules` keys: top-level `changes`/`exists` members of an `and` become
 * `rules:changes`/`rules:exists`, the rest the `if:` expression.
 */
export function conditionText(condition: Condition | undefined, sink?: DiagnosticSink): ConditionText {
  if (!condition) return {};
  if (condition.kind === 'literal') return condition.value ? {} : { never: true };
  const members = condition.kind === 'and' ? condition.all : [condition];
  const out: ConditionText = {};
  const rest: Condition[] = [];
  for (const member of members) {
    if (member.kind === 'changes' && !out.changes) {
      out.changes = member.compareTo === undefined ? { paths: member.paths } : { paths: member.paths, compareTo: member.compareTo };
    } else if (member.kind === 'exists' && !out.exists) out.exists = member.paths;
    else if (member.kind === 'literal' && member.value === false) out.never = true;
    else if (!(member.kind === 'literal' && member.value)) rest.push(member);
  }
  const expr = rest.length === 0 ? undefined : expressionOf(rest.length === 1 ? rest[0]! : { kind: 'and', all: rest }, false, sink);
  if (expr) out.expression = expr.text;
  return out;
}

/** One IR rule as a GitLab rule map (without variables, which the caller writes). */
export function ruleMap(rule: Rule, sink: DiagnosticSink | undefined, workflow = false): Record<string, unknown> {
  // In a rules list only a condition keeps a rule out of merge request pipelines
  // (https://docs.gitlab.com/ci/jobs/job_rules/#avoid-duplicate-pipelines).
  const notMergeRequest: Condition = { kind: 'not', condition: { kind: 'source', source: 'merge_request' } };
  const parts = rule.condition?.kind === 'and' ? rule.condition.all : rule.condition ? [rule.condition] : [];
  const condition: Condition | undefined = !rule.defaultEventsOnly ? rule.condition : parts.length ? { kind: 'and', all: [...parts, notMergeRequest] } : notMergeRequest;
  const text = conditionText(condition, sink);
  const out: Record<string, unknown> = {};
  if (text.expression !== undefined) out.if = text.expression;
  if (text.changes) out.changes = text.changes.compareTo !== undefined ? { paths: text.changes.paths, compare_to: text.changes.compareTo } : text.changes.paths;
  if (text.exists) out.exists = text.exists;
  let when = text.never ? 'never' : rule.when;
  // workflow:rules accept only `always` and `never` (gitlab-ci.md §2 `workflow`).
  if (workflow && when !== undefined && when !== 'never') when = 'always';
  if (when !== undefined) out.when = when;
  if (!workflow) {
    if (rule.startIn !== undefined) out.start_in = rule.startIn;
    if (rule.allowFailure !== undefined) out.allow_failure = rule.allowFailure;
  }
  if (Object.keys(out).length === 0) out.when = workflow ? 'always' : 'on_success';
  return out;
}

/**
 * GitLab variable names hold only letters, digits and `_` (gitlab-ci.md §2 `variables`); a
 * CircleCI pipeline parameter may also use `-` (`run-schedule`), which `$run-schedule` would read
 * as `$run` followed by text.
 */
export function gitlabVariableName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}
