import type { Condition, PipelineSource } from '../../ir/types.js';
import { and, not, or } from './read-conditions.js';

/**
 * The newer expression syntax (`<< pipeline.git.branch == "main" and not pipeline.parameters.x >>`,
 * spec §11, operators.adoc): `and`, `or`, `not`, parentheses, `==`, `!=`, `matches /re/`,
 * `starts-with "x"`, literals and pipeline values. Returns `undefined` for anything else so the
 * caller keeps the text as written.
 */
export function parseExpression(text: string, parameters: ReadonlySet<string>): Condition | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const parser = new ExpressionParser(tokens, parameters);
  const result = parser.parseOr();
  return result && parser.done() && result.kind === 'condition' ? result.condition : undefined;
}

type Token = { type: 'word' | 'string' | 'number' | 'regex' | 'op' | 'paren'; value: string };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\(|\))|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(\/(?:[^/\\]|\\.)+\/)|(==|!=|>=|<=|>|<)|(-?\d+(?:\.\d+)?(?![\w.-]))|([A-Za-z_][\w.-]*))/y;
  let index = 0;
  const trimmed = text.trim();
  while (index < trimmed.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(trimmed);
    if (!match) return undefined;
    index = pattern.lastIndex;
    if (match[1]) tokens.push({ type: 'paren', value: match[1] });
    else if (match[2]) tokens.push({ type: 'string', value: match[2].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (match[3]) tokens.push({ type: 'regex', value: match[3].slice(1, -1) });
    else if (match[4]) tokens.push({ type: 'op', value: match[4] });
    else if (match[5]) tokens.push({ type: 'number', value: match[5] });
    else if (match[6]) tokens.push({ type: 'word', value: match[6] });
  }
  return tokens;
}

type Value =
  | { kind: 'condition'; condition: Condition }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'branch' }
  | { kind: 'tag' }
  | { kind: 'source' }
  | { kind: 'parameter'; name: string };

const sources: Record<string, PipelineSource> = { scheduled_pipeline: 'schedule', schedule: 'schedule', api: 'api', webhook: 'push' };

class ExpressionParser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly parameters: ReadonlySet<string>,
  ) {}

  done(): boolean {
    return this.index === this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private isWord(value: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.value === value;
  }

  parseOr(): Value | undefined {
    let left = this.parseAnd();
    while (left && this.isWord('or')) {
      this.index++;
      const right = this.parseAnd();
      if (!right) return undefined;
      left = this.combine(left, right, 'or');
    }
    return left;
  }

  private parseAnd(): Value | undefined {
    let left = this.parseNot();
    while (left && this.isWord('and')) {
      this.index++;
      const right = this.parseNot();
      if (!right) return undefined;
      left = this.combine(left, right, 'and');
    }
    return left;
  }

  private combine(a: Value, b: Value, op: 'and' | 'or'): Value | undefined {
    const x = truthy(a);
    const y = truthy(b);
    if (!x || !y) return undefined;
    return { kind: 'condition', condition: op === 'and' ? and([x, y]) : or([x, y]) };
  }

  private parseNot(): Value | undefined {
    if (this.isWord('not')) {
      this.index++;
      const inner = this.parseNot();
      const c = inner && truthy(inner);
      return c ? { kind: 'condition', condition: not(c) } : undefined;
    }
    return this.parseComparison();
  }

  private parseComparison(): Value | undefined {
    const left = this.parsePrimary();
    if (!left) return undefined;
    const token = this.peek();
    if (token?.type === 'op' && (token.value === '==' || token.value === '!=')) {
      this.index++;
      const right = this.parsePrimary();
      if (!right) return undefined;
      const c = compare(left, right);
      if (!c) return undefined;
      return { kind: 'condition', condition: token.value === '==' ? c : not(c) };
    }
    if (this.isWord('matches') || this.isWord('starts-with')) {
      const op = this.peek()!.value;
      this.index++;
      const right = this.peek();
      if (!right || (op === 'matches' ? right.type !== 'regex' : right.type !== 'string')) return undefined;
      this.index++;
      const source = op === 'matches' ? right.value : `${right.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*`;
      return match(left, source);
    }
    return left;
  }

  private parsePrimary(): Value | undefined {
    const token = this.peek();
    if (!token) return undefined;
    this.index++;
    if (token.type === 'paren' && token.value === '(') {
      const inner = this.parseOr();
      const close = this.peek();
      if (!inner || close?.type !== 'paren' || close.value !== ')') return undefined;
      this.index++;
      return inner;
    }
    if (token.type === 'string') return { kind: 'literal', value: token.value };
    if (token.type === 'number') return { kind: 'literal', value: Number(token.value) };
    if (token.type !== 'word') return undefined;
    if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true' };
    if (token.value === 'pipeline.git.branch') return { kind: 'branch' };
    if (token.value === 'pipeline.git.branch.is_default') return { kind: 'condition', condition: { kind: 'default-branch' } };
    if (token.value === 'pipeline.git.tag') return { kind: 'tag' };
    if (token.value === 'pipeline.trigger_source' || token.value === 'pipeline.trigger.type') return { kind: 'source' };
    if (token.value.startsWith('pipeline.parameters.')) {
      const name = token.value.slice('pipeline.parameters.'.length);
      return this.parameters.has(name) ? { kind: 'parameter', name } : undefined;
    }
    return undefined;
  }
}

function truthy(value: Value): Condition | undefined {
  switch (value.kind) {
    case 'condition':
      return value.condition;
    case 'literal':
      return { kind: 'literal', value: value.value !== false && value.value !== '' && value.value !== 0 };
    case 'branch':
      return { kind: 'ref', ref: 'branch' };
    case 'tag':
      return { kind: 'ref', ref: 'tag' };
    case 'parameter':
      return { kind: 'var', name: value.name, scope: 'parameter', op: 'truthy' };
    default:
      return undefined;
  }
}

function compare(a: Value, b: Value): Condition | undefined {
  const [symbol, literal] = a.kind === 'literal' ? [b, a] : [a, b];
  if (literal.kind !== 'literal') return undefined;
  const text = String(literal.value);
  switch (symbol.kind) {
    case 'branch':
      return { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: text } };
    case 'tag':
      return { kind: 'ref', ref: 'tag', match: { kind: 'exact', value: text } };
    case 'parameter':
      return { kind: 'var', name: symbol.name, scope: 'parameter', op: 'equals', value: text };
    case 'source': {
      const source = sources[text];
      return source ? { kind: 'source', source } : undefined;
    }
    case 'literal':
      return { kind: 'literal', value: symbol.value === literal.value };
    case 'condition':
      // A boolean pipeline value compared with true or false (`pipeline.git.branch.is_default == false`).
      if (typeof literal.value !== 'boolean') return undefined;
      return literal.value ? symbol.condition : { kind: 'not', condition: symbol.condition };
    default:
      return undefined;
  }
}

function match(value: Value, source: string): Value | undefined {
  switch (value.kind) {
    case 'branch':
    case 'tag':
      return { kind: 'condition', condition: { kind: 'ref', ref: value.kind, match: { kind: 'regex', source, fullMatch: true } } };
    case 'parameter':
      return { kind: 'condition', condition: { kind: 'var', name: value.name, scope: 'parameter', op: 'matches', pattern: { source, fullMatch: true } } };
    default:
      return undefined;
  }
}
