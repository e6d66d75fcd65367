/**
 * Runs the GitLab and CircleCI 1.0 corpora through their readers into the CircleCI 2.x writer
 * (both dialects) and validates the output against the vendor schemas. Used by
 * cross-format.test.ts and by hand: `node --import tsx test/formats/circleci2/cross-run.ts`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsMod from 'ajv-formats';
import { parse } from 'yaml';
import { formatIds, formats } from '../../../src/formats/registry.js';
import type { FormatId } from '../../../src/ir/types.js';
import { translate } from '../../../src/translate.js';
import { schemaFileOf } from '../../support/schemas.js';
import { sharedPath } from '../../support/shared.js';
import { neutraliseEnums } from './schema.js';

const addFormats = addFormatsMod.default;

function compile(name: string) {
  const ajv = new Ajv({ strict: false, validateFormats: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(sharedPath('schemas', name), 'utf8')));
}

export interface CrossNumbers {
  files: number;
  /** Files whose reader produced a pipeline (the rest are not this writer's concern). */
  read: number;
  writerCrashes: string[];
  schemaFailures: string[];
  /** Still rejected with value-enum drift of the 2.0 schema neutralised (see schema.ts). */
  structuralFailures: string[];
}

export function runCross(from: FormatId, folder: string, version: string): CrossNumbers {
  const dir = sharedPath('corpus', folder);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  const validate = compile(schemaFileOf(`circleci2@${version}`)!);
  const numbers: CrossNumbers = { files: files.length, read: 0, writerCrashes: [], schemaFailures: [], structuralFailures: [] };
  const name = from === 'gitlab' ? '.gitlab-ci.yml' : 'circle.yml';
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const result = translate({ file: name, text, from, to: 'circleci2', emit: { version } });
    if (!result.pipeline) continue;
    numbers.read++;
    const crash = result.diagnostics.find((d) => d.code === 'internal-error' && d.message.includes('writing'));
    if (crash || result.output === null) {
      numbers.writerCrashes.push(`${file}: ${crash?.message ?? 'no output'}`);
      continue;
    }
    const doc = parse(result.output, { version: '1.1' });
    if (!validate(doc)) {
      numbers.schemaFailures.push(`${file}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      if (!validate(neutraliseEnums(doc))) numbers.structuralFailures.push(`${file}: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
    }
  }
  return numbers;
}

if (process.argv[1]?.endsWith('cross-run.ts')) {
  for (const from of formatIds.filter((id) => id !== 'circleci2')) {
    for (const version of formats.circleci2.versions!) {
      const n = runCross(from, from, version);
      console.log(from, version, `files ${n.files} read ${n.read} writer-crashes ${n.writerCrashes.length} schema-failures ${n.schemaFailures.length} structural ${n.structuralFailures.length}`);
      if (process.argv[2] === 'v') console.log([...n.writerCrashes, ...n.schemaFailures].join('\n'));
    }
  }
}
