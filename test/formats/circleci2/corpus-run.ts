/** Runs the CircleCI 2.x corpus through read → write → schema (used by corpus.test.ts and by hand). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsMod from 'ajv-formats';
import { parse } from 'yaml';
import { translate } from '../../../src/translate.js';
import { schemaFileOf } from '../../support/schemas.js';
import { sharedPath } from '../../support/shared.js';
import { neutraliseEnums } from './schema.js';

const addFormats = addFormatsMod.default;
const corpusDir = sharedPath('corpus', 'circleci2');
export const files = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.yml')).sort() : [];

function validator(schemaFile: string) {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(sharedPath('schemas', schemaFile), 'utf8')));
}

export interface CorpusNumbers {
  files: number;
  crashes: string[];
  unknownKeys: string[];
  /** Outputs the vendor schema rejects as written. */
  schemaFailures: string[];
  /** Outputs still rejected after value-enum leaves are neutralised (see `neutraliseEnums`). */
  structuralFailures: string[];
}

export function runCorpus(version: string): CorpusNumbers {
  const validate = validator(schemaFileOf(`circleci2@${version}`)!);
  const numbers: CorpusNumbers = { files: files.length, crashes: [], unknownKeys: [], schemaFailures: [], structuralFailures: [] };
  for (const file of files) {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    const result = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'circleci2', emit: { version } });
    if (result.diagnostics.some((d) => d.code === 'internal-error')) numbers.crashes.push(file);
    for (const d of result.diagnostics) if (d.code === 'unknown-key') numbers.unknownKeys.push(`${file}: ${d.message}`);
    if (result.output === null) continue;
    const doc = parse(result.output, { version: '1.1' });
    if (!validate(doc)) {
      numbers.schemaFailures.push(`${file}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      if (!validate(neutraliseEnums(doc))) numbers.structuralFailures.push(`${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
  }
  return numbers;
}

