import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsMod from 'ajv-formats';
import { parse } from 'yaml';
import { sharedDir } from './shared.js';

const addFormats = addFormatsMod.default;

/** Which vendor schema checks which output (see shared/schemas/SOURCE.md). */
const schemaFiles: Record<string, string> = {
  gitlab: 'gitlab-ci.schema.json',
  'circleci2@2.1': 'circleci-config.schema.json',
  'circleci2@2.0': 'circleci-schemastore.schema.json',
};

const compiled = new Map<string, ValidateFunction>();

export function hasSchema(stem: string): boolean {
  return stem in schemaFiles;
}

function validatorFor(stem: string): ValidateFunction {
  let validate = compiled.get(stem);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(sharedDir(), 'schemas', schemaFiles[stem]!), 'utf8'));
    delete schema.$schema;
    const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
    compiled.set(stem, validate);
  }
  return validate;
}

/** Validates YAML text against the vendor schema for `stem`; returns the first error or undefined. */
export function schemaError(stem: string, yamlText: string): string | undefined {
  let data: unknown;
  try {
    data = parse(yamlText, { version: '1.1', merge: true });
  } catch (error) {
    return `output is not YAML: ${(error as Error).message}`;
  }
  const validate = validatorFor(stem);
  if (validate(data)) return undefined;
  const first = validate.errors?.[0];
  return first ? `${first.instancePath || '/'} ${first.message ?? ''} ${JSON.stringify(first.params)}` : 'invalid';
}
