/**
 * IR from the other readers (GitLab, CircleCI 1.0 corpora) through the CircleCI 2.x writer: no
 * writer crash and schema-valid output in both dialects.
 */
import { expect, it } from 'vitest';
import { formatIds, formats } from '../../../src/formats/registry.js';
import { describeWithShared } from '../../support/shared.js';
import { runCross } from './cross-run.js';

describeWithShared('circleci2 writer on IR from other readers', () => {
  for (const from of formatIds.filter((id) => id !== 'circleci2')) {
    for (const version of formats.circleci2.versions!) {
      it(`writes the ${from} corpus as valid CircleCI ${version}`, () => {
        const numbers = runCross(from, from, version);
        expect(numbers.writerCrashes).toEqual([]);
        expect(numbers.structuralFailures).toEqual([]);
      }, 120_000);
    }
  }
});
