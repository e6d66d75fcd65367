import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsMod from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import { sharedDir } from './shared.js';

const addFormats = addFormatsMod.default;

/** Which vendor schema checks which output (see shared/schemas/SOURCE.md). */
const schemaFiles: Record<string, string> = {
  gitlab: 'gitlab-ci.schema.json',
  'circleci2@2.1': 'circleci-config.schema.json',
  'circleci2@2.0': 'circleci-schemastore.schema.json',
};

const compiled = new Map<string, ValidateFunction>();

/** The file name (under shared/schemas) of the schema that checks a target's output. */
export function schemaFileOf(stem: string): string | undefined {
  return schemaFiles[stem];
}

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

/** Validates plain data against the vendor schema for `stem`; returns the first error or undefined. */
export function schemaErrorOfValue(stem: string, value: unknown): string | undefined {
  const validate = validatorFor(stem);
  if (validate(value)) return undefined;
  const first = validate.errors?.[0];
  return first ? `${first.instancePath || '/'} ${first.message ?? ''} ${JSON.stringify(first.params)}` : 'invalid';
}

/** Validates YAML text against the vendor schema for `stem`; returns the first error or undefined. */
export function schemaError(stem: string, yamlText: string): string | undefined {
  // A GitLab component file is two documents (a `spec:` header, then the body); each must pass.
  const documents = parseAllDocuments(yamlText, { version: '1.1', merge: true });
  for (const doc of Array.isArray(documents) ? documents : [documents]) {
    if (doc.errors.length) return `output is not YAML: ${doc.errors[0]!.message}`;
    const error = schemaErrorOfValue(stem, doc.toJS({ maxAliasCount: -1 }));
    if (error) return error;
  }
  return undefined;
}
