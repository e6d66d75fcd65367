/**
 * One diagnostic per code, location and message (issue 16): every golden input through every
 * target says each thing once at each place; a loss repeated in many jobs is said once with the list.
 */
import { describe, expect, it } from 'vitest';
import { toRecord } from '../../src/diagnostics/print.js';
import { listCases, runCase, targetsOf } from '../support/golden.js';

describe('no diagnostic is repeated at the same place', () => {
  for (const goldenCase of listCases()) {
    it(goldenCase.name, () => {
      const repeated: string[] = [];
      for (const target of targetsOf(goldenCase)) {
        const result = runCase(goldenCase, target);
        const seen = new Set<string>();
        for (const diagnostic of result.diagnostics) {
          const r = toRecord(diagnostic, result.sources);
          const key = `${target.stem}: ${r.file ?? '-'}:${r.line ?? '-'}:${r.column ?? '-'}: ${r.message} [${r.code}]`;
          if (seen.has(key)) repeated.push(key);
          seen.add(key);
        }
      }
      expect(repeated).toEqual([]);
    });
  }
});
