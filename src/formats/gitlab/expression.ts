import type { Condition, PipelineSource } from '../../ir/types.js';
import { gitlab } from '../../rules/generated/gitlab.generated.js';

/**
 * GitLab CI/CD variable expressions (`rules:if`, `only:variables`, `workflow:rules:if`):
 * a tokenizer and a recursive-descent parser, then a conversion into IR conditions.
 *
 * Grammar (gitlab-ci.md §4.7 `rules:if`; `&&` binds tighter than `||`, GitLab has no `!`):
 *   or         := and ('||' and)*
 *   and        := primary ('&&' primary)*
 *   primary    := '(' or ')' | comparison
 *   comparison := operand (('==' | '!=' | '=~' | '!~') operand)?
 *   operand    := $VAR | ${VAR} | "string" | 'string' | /regex/flags | null
 */

export type Operand =
  | { type: 'variable'; name: string }
  | { type: 'string'; value: string }
  | { type: 'regex'; source: string; flags: string }
  | { type: 'null' };

export type Expression =
  | { type: 'or'; any: Expression[] }
  | { type: 'and'; all: Expression[] }
  | { type: 'compare'; op: '==' | '!=' | '=~' | '!~'; left: Operand; right: Operand }
  | { type: 'operand'; operand: Operand };

type Token =
  | { kind: 'operand'; operand: Operand; at: number }
  | { kind: 'op'; op: '==' | '!=' | '=~' | '!~' | '&&' | '||'; at: number }
  | { kind: '('; at: number }
  | { kind: ')'; at: number };

export type ParseResult = { ok: true; expression: Expression } | { ok: false; error: string; at: number };

function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; error: string; at: number } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '=~' || two === '!~' || two === '&&' || two === '||') {
      tokens.push({ kind: 'op', op: two, at: i });
      i += 2;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c, at: i });
      i++;
      continue;
    }
    if (c === '$') {
      const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i));
      const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
      const match = braced ?? plain;
      if (!match) return { ok: false, error: 'a "$" that does not start a variable name', at: i };
      tokens.push({ kind: 'operand', operand: { type: 'variable', name: match[1]! }, at: i });
      i += match[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length && (text[j + 1] === c || text[j + 1] === '\\')) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      if (j >= text.length) return { ok: false, error: 'an unterminated string', at: i };
      tokens.push({ kind: 'operand', operand: { type: 'string', value }, at: i });
      i = j + 1;
      continue;
    }
    if (c === '/') {
      let j = i + 1;
      let inClass = false;
      while (j < text.length) {
        const d = text[j]!;
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      if (j >= text.length) return { ok: false, error: 'an unterminated /regex/', at: i };
      const flags = /^[a-z]*/.exec(text.slice(j + 1))![0];
      tokens.push({ kind: 'operand', operand: { type: 'regex', source: text.slice(i + 1, j), flags }, at: i });
      i = j + 1 + flags.length;
      continue;
    }
    if (/^null\b/.test(text.slice(i))) {
      tokens.push({ kind: 'operand', operand: { type: 'null' }, at: i });
      i += 4;
      continue;
    }
    return { ok: false, error: `unexpected "${c}"`, at: i };
  }
  return { ok: true, tokens };
}

/** Parses an expression; errors carry the offset of the offending token. */
export function parseExpression(text: string): ParseResult {
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  if (tokens.length === 0) return { ok: false, error: 'an empty expression', at: 0 };
  let position = 0;
  const peek = () => tokens[position];
  const fail = (error: string): { ok: false; error: string; at: number } => ({
    ok: false,
    error,
    at: peek()?.at ?? text.length,
  });

  // Each level returns an Expression or an error object; recursion depth is bounded by the
  // number of parentheses, which GitLab limits to a short string.
  const parseOr = (depth: number): Expression | { ok: false; error: string; at: number } => {
    const first = parseAnd(depth);
    if ('ok' in first) return first;
    const any = [first];
    while (peek()?.kind === 'op' && (peek() as { op: string }).op === '||') {
      position++;
      const next = parseAnd(depth);
      if ('ok' in next) return next;
      any.push(next);
    }
    return any.length === 1 ? first : { type: 'or', any };
  };
  const parseAnd = (depth: number): Expression | { ok: false; error: string; at: number } => {
    const first = parsePrimary(depth);
    if ('ok' in first) return first;
    const all = [first];
    while (peek()?.kind === 'op' && (peek() as { op: string }).op === '&&') {
      position++;
      const next = parsePrimary(depth);
      if ('ok' in next) return next;
      all.push(next);
    }
    return all.length === 1 ? first : { type: 'and', all };
  };
  const parsePrimary = (depth: number): Expression | { ok: false; error: string; at: number } => {
    const token = peek();
    if (!token) return fail('an expression ends too early');
    if (token.kind === '(') {
      if (depth > 50) return fail('parentheses nest too deeply');
      position++;
      const inner = parseOr(depth + 1);
      if ('ok' in inner) return inner;
      if (peek()?.kind !== ')') return fail('a missing ")"');
      position++;
      return inner;
    }
    if (token.kind !== 'operand') return fail(`expected a variable, string, regex or null, found "${describe(token)}"`);
    position++;
    const next = peek();
    if (next?.kind === 'op' && (next.op === '==' || next.op === '!=' || next.op === '=~' || next.op === '!~')) {
      position++;
      const right = peek();
      if (!right || right.kind !== 'operand') return fail(`expected a value after "${next.op}"`);
      position++;
      return { type: 'compare', op: next.op, left: token.operand, right: right.operand };
    }
    return { type: 'operand', operand: token.operand };
  };

  const result = parseOr(0);
  if ('ok' in result) return result;
  if (position < tokens.length) return fail(`unexpected "${describe(tokens[position]!)}"`);
  return { ok: true, expression: result };
}

function describe(token: Token): string {
  if (token.kind === 'op') return token.op;
  if (token.kind === '(' || token.kind === ')') return token.kind;
  const o = token.operand;
  return o.type === 'variable' ? `$${o.name}` : o.type === 'string' ? `"${o.value}"` : o.type === 'regex' ? `/${o.source}/` : 'null';
}

/** `CI_PIPELINE_SOURCE` values with a neutral meaning (mappings/gitlab.yml `pipelineSources`). */
const pipelineSources: Record<string, PipelineSource> = Object.fromEntries(gitlab.pipelineSources.map((row) => [row.gitlab, row.ir as PipelineSource]));

/** IR pipeline sources as GitLab writes them; a tag pipeline is a push of a tag. */
export const gitlabSourceOf: Record<PipelineSource, string> = {
  ...(Object.fromEntries(gitlab.pipelineSources.map((row) => [row.ir, row.gitlab])) as Record<PipelineSource, string>),
  tag: 'push',
};

const not = (condition: Condition): Condition => ({ kind: 'not', condition });

/**
 * The IR condition of a parsed expression; `undefined` when a part has no neutral meaning (the
 * caller then keeps the whole text as an `opaque` condition).
 *
 * Decisions: `$CI_COMMIT_BRANCH` and `$CI_COMMIT_TAG` become `ref` conditions;
 * `$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH` is the neutral `default-branch` (no target may pretend
 * the default branch has a literal name); a comparison with any other variable stays a `var`
 * comparison whose value is the `$NAME` reference. `$CI_COMMIT_REF_NAME == "x"` means "branch or
 * tag x".
 */
export function toCondition(expression: Expression): Condition | undefined {
  switch (expression.type) {
    case 'or': {
      const any = expression.any.map(toCondition);
      return any.every(Boolean) ? { kind: 'or', any: any as Condition[] } : undefined;
    }
    case 'and': {
      const all = expression.all.map(toCondition);
      return all.every(Boolean) ? { kind: 'and', all: all as Condition[] } : undefined;
    }
    case 'operand':
      return expression.operand.type === 'variable' ? truthy(expression.operand.name) : undefined;
    case 'compare':
      return compare(expression);
  }
}

/** Variables set and non-empty in every pipeline when rules run (mappings/gitlab.yml). */
const alwaysSet: ReadonlySet<string> = new Set(gitlab.alwaysSetVariables);

function truthy(name: string): Condition {
  if (alwaysSet.has(name)) return { kind: 'literal', value: true };
  if (name === 'CI_COMMIT_BRANCH') return { kind: 'ref', ref: 'branch' };
  if (name === 'CI_COMMIT_TAG') return { kind: 'ref', ref: 'tag' };
  return { kind: 'var', name, op: 'truthy' };
}

function compare(expression: Extract<Expression, { type: 'compare' }>): Condition | undefined {
  let { left, right } = expression;
  const { op } = expression;
  if (left.type !== 'variable' && right.type === 'variable' && (op === '==' || op === '!=')) [left, right] = [right, left];
  if (left.type === 'variable' && left.name === 'CI_DEFAULT_BRANCH' && right.type === 'variable' && (op === '==' || op === '!=')) [left, right] = [right, left];
  if (left.type !== 'variable') return undefined;
  const name = left.name;
  const negate = op === '!=' || op === '!~';
  const wrap = (c: Condition) => (negate ? not(c) : c);

  if (op === '=~' || op === '!~') {
    const pattern =
      right.type === 'regex'
        ? { source: right.source, flags: right.flags }
        : right.type === 'string' && /^\/.*\/[a-z]*$/s.test(right.value)
          ? { source: right.value.slice(1, right.value.lastIndexOf('/')), flags: right.value.slice(right.value.lastIndexOf('/') + 1) }
          : undefined;
    if (!pattern && right.type === 'variable') {
      // A variable on the right of =~ holds the regex (gitlab-ci.md §4.7); kept as a reference.
      return { kind: 'var', name, op: negate ? 'not-matches' : 'matches', value: `$${right.name}` };
    }
    if (!pattern) return undefined;
    const full = { ...pattern, fullMatch: false } as const;
    const clean = full.flags ? full : { source: full.source, fullMatch: false as const };
    const ref = refOf(name);
    if (ref) {
      const matcher = { kind: 'regex' as const, ...clean };
      if (ref === 'either') return wrap({ kind: 'or', any: [{ kind: 'ref', ref: 'branch', match: matcher }, { kind: 'ref', ref: 'tag', match: matcher }] });
      return wrap({ kind: 'ref', ref, match: matcher });
    }
    return { kind: 'var', name, op: negate ? 'not-matches' : 'matches', pattern: clean };
  }

  if (right.type === 'null') {
    if (alwaysSet.has(name)) return { kind: 'literal', value: negate };
    const ref = refOf(name);
    if (ref === 'branch' || ref === 'tag') return negate ? { kind: 'ref', ref } : not({ kind: 'ref', ref });
    return { kind: 'var', name, op: negate ? 'defined' : 'undefined' };
  }
  if (right.type === 'regex') return undefined;
  // The default branch by name, whatever it is (https://docs.gitlab.com/ci/variables/predefined_variables/).
  if (right.type === 'variable' && right.name === 'CI_DEFAULT_BRANCH' && (name === 'CI_COMMIT_BRANCH' || name === 'CI_COMMIT_REF_NAME') && (op === '==' || op === '!=')) {
    return wrap({ kind: 'default-branch' });
  }
  const value = right.type === 'string' ? right.value : `$${right.name}`;
  if (right.type === 'string') {
    if (name === 'CI_PIPELINE_SOURCE' && Object.hasOwn(pipelineSources, value)) {
      return wrap({ kind: 'source', source: pipelineSources[value]! });
    }
    const ref = refOf(name);
    if (ref) {
      const match = { kind: 'exact' as const, value };
      if (ref === 'either') return wrap({ kind: 'or', any: [{ kind: 'ref', ref: 'branch', match }, { kind: 'ref', ref: 'tag', match }] });
      return wrap({ kind: 'ref', ref, match });
    }
  }
  return { kind: 'var', name, op: negate ? 'not-equals' : 'equals', value };
}

function refOf(name: string): 'branch' | 'tag' | 'either' | undefined {
  if (name === 'CI_COMMIT_BRANCH') return 'branch';
  if (name === 'CI_COMMIT_TAG') return 'tag';
  if (name === 'CI_COMMIT_REF_NAME') return 'either';
  return undefined;
}

export type ConditionResult = { condition: Condition; error?: undefined } | { condition: Condition; error: string; at?: number };

/** Parses and converts; anything not understood becomes an `opaque` condition with the reason. */
export function parseCondition(text: string): ConditionResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) return { condition: { kind: 'opaque', format: 'gitlab', text }, error: parsed.error, at: parsed.at };
  const condition = toCondition(parsed.expression);
  if (!condition) {
    return { condition: { kind: 'opaque', format: 'gitlab', text }, error: 'it compares values ciport has no neutral form for' };
  }
  return { condition };
}
