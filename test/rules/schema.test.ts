/**
 * One format for built-in and user rules: the tables of mappings/ pass the rules schema, and ajv
 * (a full JSON Schema implementation, dev-only) judges sample files the way our validator does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rulesSchema } from '../../src/rules/schema.js';
import { validateNode, type Schema } from '../../src/rules/validate-schema.js';
import { createReader } from '../../src/yaml/view.js';

const root = join(import.meta.dirname, '..', '..');

function ours(text: string): string[] {
  const doc = parseDocument(text, { version: '1.1' });
  return validateNode(createReader('rules.yml', doc as never), doc.contents, rulesSchema as Schema).map((p) => p.message);
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const theirs = ajv.compile(rulesSchema as object);

describe('rules schema', () => {
  for (const table of ['orbs.yml', 'images.yml', 'runners.yml']) {
    it(`mappings/${table} is a valid rules file`, () => {
      const text = readFileSync(join(root, 'mappings', table), 'utf8');
      expect(ours(text)).toEqual([]);
      expect(theirs(parse(text, { version: '1.1' })), JSON.stringify(theirs.errors)).toBe(true);
    });
  }

  it('examples/rules/ciport-rules.yml is a valid rules file', () => {
    expect(ours(readFileSync(join(root, 'examples', 'rules', 'ciport-rules.yml'), 'utf8'))).toEqual([]);
  });

  const samples: Array<[string, boolean]> = [
    ['{}', true],
    ['images: { postgres: mirror/postgres, "a/*": "b/*" }', true],
    ['images: { postgres: [x] }', false],
    ['images: { "two words": x }', false],
    ['resource-classes: { large: [a, b] }', true],
    ['resource-classes: { large: [] }', false],
    ['resource-classes: { large: a }', false],
    ['runner-tags: { gpu: gpu.nvidia.medium }', true],
    ['runner-tags: { gpu: 3 }', false],
    ['unknown: {}', false],
    ['orbs: { acme/deploy: { commands: { go: { steps: [{ kind: run, command: x }] } } } }', true],
    ['orbs: { acme/deploy: { commands: { go: { steps: [{ kind: run }] } } } }', false],
    ['orbs: { acme/deploy: { commands: { go: { steps: [{ kind: checkout }] } } } }', true],
    ['orbs: { acme/deploy: { commands: { go: { steps: [{ kind: shell, command: x }] } } } }', false],
    ['orbs: { acme/deploy: { jobs: { go: { image: x, parameters: { a: 1, b: true, c: s } } } } }', true],
    ['orbs: { acme/deploy: { jobs: { go: { parameters: { a: [1] } } } } }', false],
    ['orbs: { "acme/deploy@1": {} }', false],
    ['orbs: { acme/deploy: { version: 1 } }', false],
    ['- a', false],
  ];
  for (const [text, valid] of samples) {
    it(`${valid ? 'accepts' : 'refuses'} ${text}`, () => {
      expect(ours(text).length === 0).toBe(valid);
      expect(theirs(parse(text, { version: '1.1' }))).toBe(valid);
    });
  }

  it('the validator refuses a schema keyword it does not implement', () => {
    const doc = parseDocument('a: 1');
    expect(() => validateNode(createReader('x.yml', doc as never), doc.contents, { type: 'object', maxProperties: 1 })).toThrow(/maxProperties/);
  });
});
