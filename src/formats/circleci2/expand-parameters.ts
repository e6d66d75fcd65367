import { didYouMeanKey } from '../../diagnostics/did-you-mean.js';
import type { Node } from 'yaml';
import { report } from '../../diagnostics/report.js';
import type { Parameter } from '../../ir/types.js';
import { entries, isMapNode, isNullNode, items, stringValue, toPlain, type Entry, type YamlReader } from '../../yaml/view.js';
import type { At, Bound, Definition, ParameterSpec, ParameterType, ReadContext, Scope } from './context.js';
import { atPath, originAt, readScalar, wholeParameter, wholePipelineParameter } from './interpolate.js';

const parameterTypes = new Set<ParameterType>(['string', 'boolean', 'integer', 'enum', 'executor', 'steps', 'env_var_name']);

/** Reads a `parameters:` map of a command, job or executor (reusing-config.adoc, spec §9). */
export function readParameterSpecs(ctx: ReadContext, reader: YamlReader, node: unknown, path: Array<string | number>): Map<string, ParameterSpec> {
  const specs = new Map<string, ParameterSpec>();
  if (node === undefined || isNullNode(reader, node)) return specs;
  if (!isMapNode(reader, node)) {
    report(ctx.sink, 'wrong-type', '"parameters" must be a map of parameter definitions', { origin: originAt({ reader, scope: emptyAtScope, path }, node) });
    return specs;
  }
  for (const e of entries(reader, node)) {
    reader.ledger.take(e.pair);
    const spec = readSpec(ctx, reader, e, [...path, e.key]);
    if (spec) specs.set(e.key, spec);
  }
  return specs;
}

const emptyAtScope: Scope = { parameters: new Map(), depth: 0, pipelineVisible: true };

function readSpec(ctx: ReadContext, reader: YamlReader, e: Entry, path: Array<string | number>): ParameterSpec | undefined {
  const at: At = { reader, scope: emptyAtScope, path };
  if (!isMapNode(reader, e.value)) {
    report(ctx.sink, 'wrong-type', `parameter "${e.key}" must be a map with a "type"`, { origin: originAt(at, e.pair) });
    return undefined;
  }
  const spec: ParameterSpec = { name: e.key, type: 'string', hasDefault: false };
  let typed = false;
  for (const field of entries(reader, e.value)) {
    reader.ledger.take(field.pair);
    if (field.key === 'type') {
      const type = stringValue(reader, field.value);
      if (type && parameterTypes.has(type as ParameterType)) {
        spec.type = type as ParameterType;
        typed = true;
      } else {
        report(ctx.sink, 'invalid-value', `parameter "${e.key}" has unknown type "${type ?? ''}"; read as string`, {
          origin: originAt(at, field.pair),
        });
      }
    } else if (field.key === 'default') {
      spec.defaultNode = field.value;
      spec.hasDefault = true;
      reader.ledger.takeTree(reader, field.value);
    } else if (field.key === 'description') {
      const description = stringValue(reader, field.value);
      if (description !== undefined) spec.description = description;
    } else if (field.key === 'enum') {
      spec.enum = items(reader, field.value).map((item) => stringValue(reader, item) ?? '');
    } else {
      reader.ledger.takeTree(reader, field.value);
      report(ctx.sink, 'unknown-key', `parameter key "${field.key}" is not understood`, { origin: originAt(at, field.pair) });
    }
  }
  if (!typed && !isMapNode(reader, e.value)) return undefined;
  if (!typed) report(ctx.sink, 'missing-key', `parameter "${e.key}" has no "type"; read as string`, { origin: originAt(at, e.pair) });
  return spec;
}

/** Top-level pipeline parameters as IR parameters (only string, boolean, integer, enum, §9). */
export function readPipelineParameters(ctx: ReadContext, node: unknown, origin: (node: unknown, path: Array<string | number>) => Parameter['origin']): Parameter[] {
  const specs = readParameterSpecs(ctx, ctx.reader, node, ['parameters']);
  const result: Parameter[] = [];
  for (const spec of specs.values()) {
    if (spec.type !== 'string' && spec.type !== 'boolean' && spec.type !== 'integer' && spec.type !== 'enum') {
      report(ctx.sink, 'invalid-value', `pipeline parameter "${spec.name}" has type "${spec.type}"; pipeline parameters are string, boolean, integer or enum`, {
        origin: origin(spec.defaultNode, ['parameters', spec.name]),
      });
      continue;
    }
    const parameter: Parameter = { name: spec.name, type: spec.type };
    const entryNode = entries(ctx.reader, node).find((e) => e.key === spec.name);
    const where = entryNode ? origin(entryNode.pair, ['parameters', spec.name]) : undefined;
    if (where) parameter.origin = where;
    if (spec.hasDefault) {
      const value = toPlain(ctx.reader, spec.defaultNode);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parameter.default = value;
    }
    if (spec.enum) parameter.enum = spec.enum;
    if (spec.description !== undefined) parameter.description = spec.description;
    result.push(parameter);
  }
  return result;
}

/**
 * Binds an invocation's arguments to a definition's parameters and returns the definition's scope
 * (lexical: only its own parameters are visible, §7). `skip` names invocation keys that are not
 * arguments (a workflow entry's `requires`, …).
 */
export function bindArguments(
  ctx: ReadContext,
  definition: Definition,
  args: Entry[],
  caller: At,
  invocationNode: unknown,
  /** Values supplied by a matrix cell (they are job parameters too, spec §6.1). */
  extra?: Map<string, string>,
  /** The invocation's own keys that are not arguments (a workflow entry's `requires`, …), for "did you mean". */
  invocationKeys: Iterable<string> = [],
): Scope {
  const bound = new Map<string, Bound>();
  const given = new Map(args.map((a) => [a.key, a]));
  for (const a of args) {
    caller.reader.ledger.take(a.pair);
    if (!definition.parameters.has(a.key)) {
      report(ctx.sink, 'circleci2-unknown-parameter', `"${definition.name}" has no parameter "${a.key}"; the argument is ignored`, {
        origin: originAt(caller, a.pair),
        hint: didYouMeanKey(a.key, [...definition.parameters.keys(), ...invocationKeys]),
      });
    }
  }
  for (const spec of definition.parameters.values()) {
    const arg = given.get(spec.name);
    const fromMatrix = extra?.get(spec.name);
    if (fromMatrix !== undefined) {
      bound.set(spec.name, typedFromText(spec, fromMatrix));
    } else if (arg) {
      caller.reader.ledger.takeTree(caller.reader, arg.value);
      bound.set(spec.name, bindValue(ctx, spec, arg.value, atPath(caller, arg.key), definition.name));
    } else if (spec.hasDefault) {
      const defaultAt: At = { reader: definition.reader, scope: emptyAtScope, path: [] };
      bound.set(spec.name, bindValue(ctx, spec, spec.defaultNode ?? null, defaultAt, definition.name));
    } else {
      report(ctx.sink, 'missing-key', `"${definition.name}" needs parameter "${spec.name}", which has no default and is not given`, {
        origin: originAt(caller, invocationNode),
      });
      bound.set(spec.name, spec.type === 'steps' || spec.type === 'executor' ? { kind: 'node', node: null, scope: caller.scope, reader: caller.reader } : { kind: 'value', value: '' });
    }
  }
  return {
    parameters: bound,
    ...(definition.orb ? { orb: definition.orb } : {}),
    depth: caller.scope.depth + 1,
    pipelineVisible: definition.orb === undefined,
  };
}

function typedFromText(spec: ParameterSpec, text: string): Bound {
  if (spec.type === 'boolean') return { kind: 'value', value: ['true', 'yes', 'on', '1'].includes(text.toLowerCase()) };
  if (spec.type === 'integer' && Number.isInteger(Number(text))) return { kind: 'value', value: Number(text) };
  return { kind: 'value', value: text };
}

function bindValue(ctx: ReadContext, spec: ParameterSpec, node: Node | null | undefined, at: At, owner: string): Bound {
  if (spec.type === 'steps' || spec.type === 'executor') {
    return { kind: 'node', node: node ?? null, scope: at.scope, reader: at.reader };
  }
  // A typed parameter given a pipeline parameter (`skip: << pipeline.parameters.skip >>`) is valid
  // CircleCI; its value is only known when the pipeline starts, so it stays a reference
  // (https://circleci.com/docs/pipeline-variables/#pipeline-parameters-in-configuration).
  const pipeline = wholePipelineParameter(ctx, at, node);
  if (pipeline !== undefined) return { kind: 'value', value: `\${${pipeline}}`, pipelineParameter: pipeline };
  const value = readScalar(ctx, at, node);
  if (value === undefined) {
    report(ctx.sink, 'wrong-type', `parameter "${spec.name}" of "${owner}" must be a ${spec.type}, not a collection`, {
      origin: originAt(at, node),
    });
    return { kind: 'value', value: '' };
  }
  if (value === null) return { kind: 'value', value: '' };
  if (spec.type === 'boolean') {
    if (typeof value === 'boolean') return { kind: 'value', value };
    const text = String(value).toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(text)) return { kind: 'value', value: true };
    if (['false', 'no', 'off', '0', ''].includes(text)) return { kind: 'value', value: false };
    report(ctx.sink, 'wrong-type', `parameter "${spec.name}" of "${owner}" must be a boolean, got "${text}"`, { origin: originAt(at, node) });
    return { kind: 'value', value: false };
  }
  if (spec.type === 'integer') {
    const number = typeof value === 'number' ? value : Number(value);
    if (Number.isInteger(number)) return { kind: 'value', value: number };
    report(ctx.sink, 'wrong-type', `parameter "${spec.name}" of "${owner}" must be an integer, got "${String(value)}"`, {
      origin: originAt(at, node),
    });
    return { kind: 'value', value: String(value) };
  }
  if (spec.type === 'enum' && spec.enum && !spec.enum.includes(String(value))) {
    report(ctx.sink, 'invalid-value', `parameter "${spec.name}" of "${owner}" must be one of ${spec.enum.join(', ')}, got "${String(value)}"`, {
      origin: originAt(at, node),
    });
  }
  // A string parameter keeps the spelling written (`1.10` is not the number 1.1).
  const raw = stringValue(at.reader, node);
  const text = typeof value !== 'string' && raw !== undefined && wholeParameter(raw) === undefined ? raw : String(value);
  return { kind: 'value', value: text };
}
