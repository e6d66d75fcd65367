/**
 * Every CircleCI 2.x file of the shared corpus through the reader and the writer (2.1 and 2.0):
 * no crash, no `unknown-key` beyond the genuine mistakes listed below, and output the vendor
 * schema accepts (schemas/SOURCE.md: 2.1 → circleci-config.schema.json, 2.0 →
 * circleci-schemastore.schema.json).
 */
import { expect, it } from 'vitest';
import { formats } from '../../../src/formats/registry.js';
import { describeWithShared } from '../../support/shared.js';
import { runCorpus } from './corpus-run.js';

/** Keys CircleCI itself does not read: GitHub Actions keys, a mis-indented job, a 1.0 key, a mis-indented filter. */
const genuineUnknownKeys = [
  '098suraj__RoomDB_Trial__.circleci~config.yml: key "name" is not understood and is not translated',
  '098suraj__RoomDB_Trial__.circleci~config.yml: key "on" is not understood and is not translated',
  '0franciscor__dei_3dj_057__.circleci~config.yml: key "build-and-test-WarehouseManagement" is not understood and is not translated',
  '0rca__servant-beam__.circleci~config.yml: key "machine" is not understood and is not translated',
  'prettier__prettier__.circleci~config@507e4cd.yml: workflow key "only" is not understood and is not translated',
];

/**
 * Inputs the official schema rejects too: `circleci/x@dev:<<pipeline.git.revision>>` (orb
 * development pipelines) matches neither of its orb-reference patterns. ciport keeps the reference.
 */
const inputAlsoRejected = ['CircleCI-Public__docker-orb__.circleci~test-deploy@a1ab28f.yml', 'CircleCI-Public__path-filtering-orb__.circleci~test-deploy.yml'];

describeWithShared('circleci2 corpus', () => {
  for (const version of formats.circleci2.versions!) {
    it(`reads and writes every corpus file as ${version}`, () => {
      const numbers = runCorpus(version);
      expect(numbers.files).toBe(120);
      expect(numbers.crashes).toEqual([]);
      expect(numbers.unknownKeys).toEqual(genuineUnknownKeys);
      const structural = numbers.structuralFailures.map((line) => line.slice(0, line.indexOf(': ')));
      expect(structural).toEqual(version === '2.1' ? inputAlsoRejected : []);
      if (version === '2.1') expect(numbers.schemaFailures.length).toBe(inputAlsoRejected.length);
    }, 120_000);
  }
});
