/**
 * IR from the other readers (GitLab, CircleCI 1.0 corpora) through the CircleCI 2.x writer: no
 * writer crash and schema-valid output in both dialects.
 */
import { describe, expect, it } from 'vitest';
import { runCross } from './cross-run.js';

describe('circleci2 writer on IR from other readers', () => {
  for (const [from, folder] of [['gitlab', 'gitlab'], ['circleci1', 'circleci1']] as const) {
    for (const version of ['2.1', '2.0'] as const) {
      it(`writes the ${from} corpus as valid CircleCI ${version}`, () => {
        const numbers = runCross(from, folder, version);
        expect(numbers.writerCrashes).toEqual([]);
        expect(numbers.structuralFailures).toEqual([]);
      }, 120_000);
    }
  }
});
