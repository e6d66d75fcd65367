/**
 * Golden cases: golden/<from>/<case>/input/ (a tiny repository) with <target>.yml and
 * <target>.diagnostics.txt per target. One fixture, many invariants:
 *   expected output; expected diagnostics; re-emitting the expected output reproduces it;
 *   A → IR → A keeps the IR; CRLF input gives the same result; known failures fail.
 * `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts` rewrites expectations (review them by eye).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../src/ir/normalize.js';
import { readPipeline, translate } from '../src/translate.js';
import { diagnosticsText, listCases, readInput, readKnownBehaviourDifferences, readKnownFailures, runCase, targetsOf, unnamedBehaviour } from './support/golden.js';

const update = process.env.UPDATE_GOLDEN === '1';
const cases = listCases();
const knownFailures = readKnownFailures();
const knownBehaviour = readKnownBehaviourDifferences();

function expectation(dir: string, file: string, actual: string): string | undefined {
  const path = join(dir, file);
  if (update) {
    writeFileSync(path, actual);
    return actual;
  }
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

describe('golden cases', () => {
  it('exist', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const goldenCase of cases) {
    describe(goldenCase.name, () => {
      for (const target of targetsOf(goldenCase)) {
        const key = `${goldenCase.name} -> ${target.stem}`;
        const known = knownFailures.has(key);
        it(`${known ? '(known failure) ' : ''}translates to ${target.stem}`, () => {
          const check = () => {
            const result = runCase(goldenCase, target);
            expect(result.fatal, diagnosticsText(result)).toBe(false);
            const output = result.output ?? '';
            const expectedOutput = expectation(goldenCase.dir, `${target.stem}.yml`, output);
            const expectedDiagnostics = expectation(goldenCase.dir, `${target.stem}.diagnostics.txt`, diagnosticsText(result));
            expect(expectedOutput, `missing ${target.stem}.yml (run with UPDATE_GOLDEN=1)`).toBeDefined();
            expect(output).toBe(expectedOutput);
            expect(diagnosticsText(result)).toBe(expectedDiagnostics);
          };
          if (!known) return check();
          let passed = true;
          try {
            check();
          } catch {
            passed = false;
          }
          expect(passed, `${key} passes now: remove it from golden/known-failures.txt`).toBe(false);
        });
      }

      it('names every behaviour difference of its translations', () => {
        // A difference only the behaviour comparison found (reported as behaviour-difference) is a
        // loss no writer said anything about: it fails unless golden/known-behaviour-differences.txt
        // lists it with a reason, and a listed entry that no longer happens fails too.
        const found = targetsOf(goldenCase).flatMap((target) => unnamedBehaviour(goldenCase, target, runCase(goldenCase, target)));
        const listed = [...knownBehaviour].filter((entry) => entry.startsWith(`${goldenCase.name} -> `)).sort();
        expect(found.filter((entry) => !knownBehaviour.has(entry)), 'unnamed behaviour differences').toEqual([]);
        expect(listed.filter((entry) => !found.includes(entry)), 'listed in golden/known-behaviour-differences.txt but no longer found: remove them').toEqual([]);
      });

      it('gives the same result for CRLF input', () => {
        const text = readInput(goldenCase);
        const target = targetsOf(goldenCase).find((t) => t.id === goldenCase.from)!;
        const lf = runCase(goldenCase, target, text.replace(/\r\n/g, '\n'));
        const crlf = runCase(goldenCase, target, text.replace(/\r?\n/g, '\r\n'));
        expect(crlf.output).toBe(lf.output);
        expect(crlf.diagnostics.map((d) => `${d.code}:${d.message}`)).toEqual(lf.diagnostics.map((d) => `${d.code}:${d.message}`));
      });

      it('keeps the IR through its own format (A → IR → A → IR)', () => {
        const target = targetsOf(goldenCase).find((t) => t.id === goldenCase.from)!;
        const first = runCase(goldenCase, target);
        expect(first.pipeline).toBeDefined();
        const again = readPipeline({ file: goldenCase.configPath, text: first.output ?? '', from: goldenCase.from });
        expect(again.pipeline).toBeDefined();
        expect(normalize(again.pipeline!)).toEqual(normalize(first.pipeline!));
      });

      for (const target of targetsOf(goldenCase)) {
        const path = join(goldenCase.dir, `${target.stem}.yml`);
        if (!existsSync(path) || knownFailures.has(`${goldenCase.name} -> ${target.stem}`)) continue;
        const key = `${goldenCase.name} -> ${target.stem} (re-emit)`;
        const known = knownFailures.has(key);
        it(`${known ? '(known failure) ' : ''}re-emitting the expected ${target.stem} output reproduces it`, () => {
          const expected = readFileSync(path, 'utf8');
          const result = translate({
            file: target.id === 'circleci2' ? '.circleci/config.yml' : target.id === 'gitlab' ? '.gitlab-ci.yml' : 'circle.yml',
            text: expected,
            from: target.id,
            to: target.id,
            emit: target.version ? { version: target.version } : {},
          });
          if (known) expect(result.output, `${key} passes now: remove it from golden/known-failures.txt`).not.toBe(expected);
          else expect(result.output).toBe(expected);
        });
      }
    });
  }

  it('lists no known behaviour difference of a case that does not exist', () => {
    const names = new Set(cases.map((c) => c.name));
    for (const entry of knownBehaviour) expect(names.has(entry.split(' -> ')[0]!), entry).toBe(true);
  });

  it('lists no known failure that is not a case', () => {
    const names = new Set(cases.flatMap((c) => targetsOf(c).flatMap((t) => [`${c.name} -> ${t.stem}`, `${c.name} -> ${t.stem} (re-emit)`])));
    for (const entry of knownFailures) expect(names.has(entry), entry).toBe(true);
  });
});
