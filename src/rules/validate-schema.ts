import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Origin } from '../ir/types.js';
import { entries, items, originOf, resolve, type YamlReader } from '../yaml/view.js';

/**
 * A small JSON Schema validator that works on YAML nodes, so every problem keeps the position of
 * the key or value it is about (ajv sees plain data and could only name a path). It implements the
 * subset src/rules/schema.ts uses and refuses a schema that asks for more.
 */
export type Schema = Readonly<Record<string, unknown>>;

export interface SchemaProblem {
  message: string;
  origin?: Origin;
}

const understood = new Set([
  '$schema', '$comment', 'title', 'description', '$defs', '$ref', 'type', 'enum', 'const', 'pattern', 'minLength',
  'minItems', 'items', 'properties', 'additionalProperties', 'propertyNames', 'required', 'if', 'then',
]);

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

interface Walk {
  reader: YamlReader;
  root: Schema;
  problems: SchemaProblem[];
}

/** Every way `node` breaks `schema`; empty when it conforms. */
export function validateNode(reader: YamlReader, node: unknown, schema: Schema): SchemaProblem[] {
  const walk: Walk = { reader, root: schema, problems: [] };
  check(walk, schema, resolve(reader, node) ?? null, node, '');
  return walk.problems;
}

function check(walk: Walk, schema: Schema, node: Node | null, at: unknown, path: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!understood.has(keyword)) throw new Error(`rules schema keyword "${keyword}" is not implemented by validate-schema.ts`);
  }
  const fail = (message: string, where: unknown = at) => {
    const origin = originOf(walk.reader, where);
    walk.problems.push({ message: `${path || 'the rules file'}: ${message}`, ...(origin ? { origin } : {}) });
  };
  if (typeof schema.$ref === 'string') check(walk, definition(walk.root, schema.$ref), node, at, path);

  const actual = jsonType(node);
  if (schema.type !== undefined) {
    const allowed = ([] as string[]).concat(schema.type as string | string[]);
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return fail(`must be ${allowed.map(article).join(' or ')}, not ${article(actual)}`);
  }
  const value = isScalar(node) ? node.value : node === null ? null : undefined;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    return fail(`must be one of ${schema.enum.join(', ')}${value !== undefined ? ` (found ${JSON.stringify(value)})` : ''}`);
  }
  if (schema.const !== undefined && value !== schema.const) return fail(`must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return fail('must not be empty');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      return fail(`${JSON.stringify(value)} is not ${typeof schema.description === 'string' ? schema.description : `matched by /${schema.pattern}/`}`);
    }
  }
  if (isSeq(node)) {
    const list = items(walk.reader, node);
    if (typeof schema.minItems === 'number' && list.length < schema.minItems) return fail(`must list at least ${schema.minItems} item(s)`);
    if (schema.items) list.forEach((item, i) => check(walk, schema.items as Schema, item, item ?? node, `${path}[${i}]`));
  }
  if (isMap(node)) checkMap(walk, schema, node, path, fail);
  if (schema.if && schema.then) {
    const probe: Walk = { ...walk, problems: [] };
    check(probe, schema.if as Schema, node, at, path);
    if (probe.problems.length === 0) check(walk, schema.then as Schema, node, at, path);
  }
}

function checkMap(walk: Walk, schema: Schema, node: Node, path: string, fail: (message: string, where?: unknown) => void): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const list = entries(walk.reader, node);
  for (const e of list) {
    const where = path ? `${path}.${e.key}` : e.key;
    // An empty value (`key:`) has no text of its own: point at the key.
    const at = e.value === null || (isScalar(e.value) && e.value.value === null) ? e.keyNode : e.value;
    if (schema.propertyNames) check(walk, schema.propertyNames as Schema, e.keyNode, e.keyNode, `${path || 'the rules file'} name`);
    if (Object.hasOwn(properties, e.key)) check(walk, properties[e.key]!, e.value, at, where);
    else if (schema.additionalProperties === false) {
      const expected = Object.keys(properties);
      fail(`unknown key "${e.key}"${expected.length ? `; expected ${expected.join(', ')}` : ''}`, e.keyNode);
    } else if (typeof schema.additionalProperties === 'object') {
      check(walk, schema.additionalProperties as Schema, e.value, at, where);
    }
  }
  for (const key of (schema.required ?? []) as string[]) {
    if (!list.some((e) => e.key === key)) fail(`missing key "${key}"`);
  }
}

function definition(root: Schema, ref: string): Schema {
  const name = /^#\/\$defs\/([\w-]+)$/.exec(ref)?.[1];
  const found = name ? (root.$defs as Record<string, Schema> | undefined)?.[name] : undefined;
  if (!found) throw new Error(`rules schema reference "${ref}" does not resolve`);
  return found;
}

function jsonType(node: Node | null): JsonType {
  if (node === null) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  const value = isScalar(node) ? node.value : undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number' || typeof value === 'bigint') return Number.isInteger(Number(value)) ? 'integer' : 'number';
  return 'string';
}

function article(type: string): string {
  if (type === 'object') return 'a map';
  if (type === 'array') return 'a list';
  if (type === 'null') return 'empty';
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
