import { Pair } from 'yaml';
import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { JsonValue, Origin } from '../../ir/types.js';
import { limits } from '../../yaml/limits.js';
import { entryOriginOf, get, nodeOrigin, textOf, toJson, type MEntry, type MNode } from './merged.js';

/**
 * CI/CD inputs (gitlab-ci.md §3 `spec:inputs`): a file's `spec:` header declares inputs (type,
 * default, options, regex); `include:inputs` gives values; `$[[ inputs.name | fn ]]` in the
 * file's keys and values is replaced before the file is merged anywhere. A block that is the whole
 * string keeps the input's type (a list stays a list), otherwise the value is spliced in as text.
 */

type InputType = 'string' | 'number' | 'boolean' | 'array';
const types = new Set<InputType>(['string', 'number', 'boolean', 'array']);

interface InputSpec {
  name: string;
  type: InputType;
  default?: JsonValue;
  options?: JsonValue[];
  regex?: string;
  origin?: Origin;
}

export interface InputValues {
  values: Map<string, JsonValue>;
  /** Declared inputs with no value: a reference to one is an error at the reference. */
  missing: Set<string>;
}

/** GitLab allows at most three functions in one block (gitlab-ci.md §3 "Interpolation functions"). */
const maxFunctions = 3;
const block = /\$\[\[\s*inputs\.([A-Za-z0-9_-]+)\s*((?:\|[^\]]*)?)\]\]/g;

function readSpec(sink: DiagnosticSink, header: MNode | undefined, file: string): InputSpec[] {
  const inputs = get(get(header, 'spec'), 'inputs');
  if (!inputs || inputs.kind !== 'map') return [];
  return inputs.entries.map((entry) => {
    const spec: InputSpec = { name: entry.key, type: 'string' };
    const origin = entryOriginOf(entry);
    if (origin) spec.origin = origin;
    const value = entry.value;
    if (value.kind !== 'map') return spec; // `name:` alone: a required string.
    const type = textOf(get(value, 'type'));
    if (type !== undefined) {
      if (types.has(type as InputType)) spec.type = type as InputType;
      else report(sink, 'invalid-value', `${file}: input "${entry.key}" has type "${type}"; expected string, number, boolean or array`, { origin: nodeOrigin(get(value, 'type')!) });
    }
    const def = get(value, 'default');
    if (def) spec.default = toJson(def);
    const options = get(value, 'options');
    if (options?.kind === 'seq') spec.options = options.items.map(toJson);
    const regex = textOf(get(value, 'regex'));
    if (regex !== undefined) spec.regex = regex;
    return spec;
  });
}

function typeOf(value: JsonValue): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** Ruby's `\A`/`\z`/`\Z` anchors in JavaScript spelling (spec regexes are RE2/Ruby). */
function toJsRegex(source: string): RegExp | undefined {
  try {
    return new RegExp(source.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$'));
  } catch {
    return undefined;
  }
}

/**
 * The value of every declared input: the given one (checked against type, options and regex) or
 * the default. Given inputs the header does not declare are errors, as in GitLab.
 */
export function inputValues(
  sink: DiagnosticSink,
  header: MNode | undefined,
  given: MNode | undefined,
  file: string,
  at: Origin | undefined,
): InputValues {
  const specs = readSpec(sink, header, file);
  const out: InputValues = { values: new Map(), missing: new Set() };
  const givenEntries = new Map<string, MEntry>(given?.kind === 'map' ? given.entries.map((e) => [e.key, e]) : []);
  for (const [name, entry] of givenEntries) {
    if (!specs.some((s) => s.name === name)) {
      report(sink, 'invalid-value', `input "${name}" is given, but ${file} declares no such input`, {
        origin: entryOriginOf(entry),
        ...(specs.length ? { hint: `Declared inputs: ${specs.map((s) => s.name).join(', ')}.` } : { hint: `${file} has no spec:inputs header.` }),
      });
    }
  }
  for (const spec of specs) {
    const entry = givenEntries.get(spec.name);
    const value = entry ? toJson(entry.value) : spec.default;
    const where = entry ? entryOriginOf(entry) : spec.origin;
    if (value === undefined) {
      out.missing.add(spec.name);
      report(sink, 'missing-key', `${file} requires input "${spec.name}" and it has no value`, {
        origin: at ?? spec.origin,
        hint: at ? `Add it under include:inputs.` : 'Inputs of the main file are given when the pipeline is created; ciport uses their defaults.',
        ...(at && spec.origin ? { related: [{ message: 'declared here', origin: spec.origin }] } : {}),
      });
      continue;
    }
    const problem =
      typeOf(value) !== spec.type
        ? `is ${typeOf(value) === 'object' ? 'a mapping' : `a ${typeOf(value)}`}; the input is a ${spec.type}`
        : spec.options && !spec.options.some((o) => JSON.stringify(o) === JSON.stringify(value))
          ? `is not one of its options (${spec.options.map((o) => String(o)).join(', ')})`
          : spec.regex !== undefined && !toJsRegex(spec.regex)?.test(String(value))
            ? `does not match ${spec.regex}`
            : undefined;
    if (problem) {
      report(sink, 'invalid-value', `input "${spec.name}" of ${file}: the value ${JSON.stringify(value)} ${problem}`, { origin: where });
      out.missing.add(spec.name);
      continue;
    }
    out.values.set(spec.name, value);
  }
  return out;
}

/** Applies one interpolation function (gitlab-ci.md §3): `expand_vars`, `truncate(o,n)`, `posix_escape`. */
function applyFunction(sink: DiagnosticSink, value: JsonValue, call: string, origin: Origin | undefined): JsonValue {
  const truncate = /^truncate\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(call);
  if (truncate) return String(value).slice(Number(truncate[1]), Number(truncate[1]) + Number(truncate[2]));
  if (call === 'posix_escape') return String(value).replace(/[^A-Za-z0-9_\-.,:/@\n]/g, (c) => `\\${c}`);
  if (call === 'expand_vars') {
    // GitLab expands project, group and predefined variables known when the pipeline is
    // created; offline they are unknown, so the `$VAR`s stay for the job's shell to expand.
    if (/\$/.test(String(value))) report(sink, 'approximate-translation', `expand_vars is applied when GitLab creates the pipeline; the variables in ${JSON.stringify(value)} stay as written`, { origin });
    return value;
  }
  report(sink, 'unsupported-feature', `interpolation function "${call}" is not known; the input value is used unchanged`, {
    origin,
    hint: 'GitLab offers expand_vars, truncate(offset, length) and posix_escape.',
  });
  return value;
}

function valueOf(sink: DiagnosticSink, inputs: InputValues, name: string, functions: string, origin: Origin | undefined, file: string): JsonValue | undefined {
  if (!inputs.values.has(name)) {
    if (!inputs.missing.has(name)) report(sink, 'invalid-value', `$[[ inputs.${name} ]] names an input ${file} does not declare`, { origin });
    return undefined;
  }
  const calls = functions.split('|').map((f) => f.trim()).filter(Boolean);
  if (calls.length > maxFunctions) report(sink, 'invalid-value', `more than ${maxFunctions} functions in one interpolation block`, { origin });
  return calls.slice(0, maxFunctions).reduce<JsonValue>((v, call) => applyFunction(sink, v, call, origin), inputs.values.get(name)!);
}

/** A JSON value as a merged node, positioned at the placeholder it replaces. */
function fromJson(value: JsonValue, at: MNode): MNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => fromJson(v, at)), reader: at.reader, node: at.node };
  if (value !== null && typeof value === 'object') {
    const entries: MEntry[] = Object.entries(value).map(([key, v]) => ({ key, value: fromJson(v, at), reader: at.reader, pair: new Pair(at.node, at.node), shadowed: [] }));
    return { kind: 'map', entries, reader: at.reader, node: at.node };
  }
  return { kind: 'scalar', value, text: value === null ? undefined : String(value), reader: at.reader, node: at.node };
}

/** Replaces every `$[[ inputs.* ]]` block in a string; `undefined` when the string has none. */
function interpolateText(sink: DiagnosticSink, text: string, inputs: InputValues, origin: Origin | undefined, file: string): { whole?: JsonValue; text?: string } | undefined {
  if (!text.includes('$[[')) return undefined;
  const matches = [...text.matchAll(block)];
  if (matches.length === 0) return undefined;
  const only = matches[0]!;
  if (matches.length === 1 && only[0] === text) {
    const value = valueOf(sink, inputs, only[1]!, only[2]!, origin, file);
    return value === undefined ? undefined : { whole: value };
  }
  let failed = false;
  const out = text.replace(block, (all, name: string, functions: string) => {
    const value = valueOf(sink, inputs, name, functions, origin, file);
    if (value === undefined) {
      failed = true;
      return all;
    }
    // A list inside a longer string is written as JSON (gitlab-org/gitlab#407176).
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  });
  return failed && out === text ? undefined : { text: out };
}

/** How many nodes a JSON value stands for. */
function sizeOf(value: JsonValue): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((n, v) => n + sizeOf(v), 0);
  if (value !== null && typeof value === 'object') return 1 + Object.values(value).reduce<number>((n, v) => n + sizeOf(v), 0);
  return 1;
}

/**
 * The tree with every inputs block replaced (keys and values). Unchanged subtrees are shared.
 * What interpolation adds is bounded like alias expansion (limits.ts): a large input used in many
 * places could otherwise grow the configuration without end; past the bound the rest stays as written.
 */
export function interpolateInputs(sink: DiagnosticSink, root: MNode, inputs: InputValues, file: string): MNode {
  let nodes = 0;
  let chars = 0;
  let stopped = false;
  const over = (at: MNode): boolean => {
    if (stopped) return true;
    if (nodes <= limits.maxAliasExpansion && chars <= limits.maxFileBytes) return false;
    stopped = true;
    report(sink, 'invalid-value', `${file}: the interpolated inputs make the configuration too large (over ${limits.maxAliasExpansion} nodes or ${limits.maxFileBytes} bytes); the rest is left as written`, { origin: nodeOrigin(at) });
    return true;
  };
  const walk = (node: MNode): MNode => {
    if (over(node)) return node;
    if (node.kind === 'scalar') {
      if (typeof node.value !== 'string') return node;
      const result = interpolateText(sink, node.value, inputs, nodeOrigin(node), file);
      if (!result) return node;
      if (result.whole !== undefined) {
        nodes += sizeOf(result.whole);
        return over(node) ? node : fromJson(result.whole, node);
      }
      chars += result.text!.length;
      return over(node) ? node : { ...node, value: result.text!, text: result.text! };
    }
    if (node.kind === 'seq') {
      const items = node.items.map(walk);
      return items.every((item, i) => item === node.items[i]) ? node : { ...node, items };
    }
    let changed = false;
    const entries = node.entries.map((entry) => {
      const keyResult = interpolateText(sink, entry.key, inputs, entryOriginOf(entry), file);
      const key = keyResult?.text ?? (keyResult?.whole !== undefined ? String(keyResult.whole) : entry.key);
      chars += key === entry.key ? 0 : key.length;
      const value = walk(entry.value);
      if (key === entry.key && value === entry.value) return entry;
      changed = true;
      return { ...entry, key, value };
    });
    return changed ? { ...node, entries } : node;
  };
  return walk(root);
}

/** Whether a tree mentions an inputs block anywhere (keys included). */
export function mentionsInputs(node: MNode): boolean {
  if (node.kind === 'scalar') return typeof node.value === 'string' && node.value.includes('$[[');
  if (node.kind === 'seq') return node.items.some(mentionsInputs);
  return node.entries.some((e) => e.key.includes('$[[') || mentionsInputs(e.value));
}
