/** The CircleCI writer's prepare passes copy only what they change: the input IR stays as it was. */
import { describe, expect, it } from 'vitest';
import { createSink } from '../../../src/diagnostics/sink.js';
import { prepareForCircleci } from '../../../src/formats/circleci2/emit-prepare.js';
import { openRepository } from '../../../src/io/repository.js';
import { readPipeline } from '../../../src/translate.js';
import { listCases, readInput } from '../../support/golden.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('prepareForCircleci', () => {
  it.each(listCases().map((c) => [c.name, c] as const))('leaves the input of %s unchanged', (_name, goldenCase) => {
    const read = readPipeline({ file: goldenCase.configPath, text: readInput(goldenCase), from: goldenCase.from, repository: openRepository(goldenCase.inputDir) });
    const input = read.pipeline!;
    const before = structuredClone(input);
    // A write into any shared part throws (modules are strict).
    expect(() => prepareForCircleci(deepFreeze(input), createSink())).not.toThrow();
    expect(input).toEqual(before);
  });
});
