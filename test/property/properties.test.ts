/**
 * Property tests (fast-check). A fixed number of seeded runs in CI; more with
 * CIPORT_PROPERTY_RUNS=<n>. Failures print the seed and the shrunk counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/diagnostics/sink.js';
import { emitTargets, formats } from '../../src/formats/registry.js';
import type { FormatId } from '../../src/ir/types.js';
import { normalize } from '../../src/ir/normalize.js';
import { readPipeline, translate } from '../../src/translate.js';
import { hasSchema, schemaError } from '../support/schemas.js';
import { itWithShared } from '../support/shared.js';
import { circleci2Config, gitlabConfig, portablePipeline } from './arbitraries.js';

const numRuns = Number(process.env.CIPORT_PROPERTY_RUNS ?? 40);
const settings = { numRuns, seed: 20261123 };
const fileOf = (id: FormatId): string => formats[id].fileNames[0]!;

describe('properties', () => {
  for (const target of ['circleci2', 'gitlab'] as const) {
    it(`arbitrary IR → ${target} → IR → ${target} is a fixpoint with the same meaning`, () => {
      fc.assert(
        fc.property(portablePipeline, (pipeline) => {
          const sink = createSink();
          const first = formats[target].emit(pipeline, { sink, options: {} });
          const reread = readPipeline({ file: fileOf(target), text: first, from: target });
          expect(reread.sink.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const second = formats[target].emit(reread.pipeline!, { sink: createSink(), options: {} });
          expect(second).toBe(first);
          const third = readPipeline({ file: fileOf(target), text: second, from: target });
          expect(normalize(third.pipeline!)).toEqual(normalize(reread.pipeline!));
          // The job graph survives: same jobs, same edges.
          const edges = (p: typeof pipeline) => p.workflows.flatMap((w) => w.nodes.flatMap((n) => (n.requires ?? []).map((r) => `${r.node}->${n.id}`))).sort();
          expect(reread.pipeline!.jobs.map((j) => j.id).sort()).toEqual(pipeline.jobs.map((j) => j.id).sort());
          if (target === 'circleci2') expect(edges(reread.pipeline!)).toEqual(edges(pipeline));
        }),
        settings,
      );
    });
  }

  // Every target a vendor schema can check (CircleCI 1.0 has none).
  const schemaTargets = emitTargets().filter((target) => hasSchema(target.stem));
  for (const [source, arbitrary] of [['circleci2', circleci2Config], ['gitlab', gitlabConfig]] as const) {
    itWithShared(`arbitrary valid ${source} configs translate to schema-valid output`, () => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          for (const target of schemaTargets) {
            const result = translate({ file: fileOf(source), text, from: source, to: target.id, emit: target.version ? { version: target.version } : {} });
            expect(result.diagnostics.filter((d) => d.code === 'internal-error' || d.code === 'unknown-key')).toEqual([]);
            expect(result.output).not.toBeNull();
            expect(schemaError(target.stem, result.output!)).toBeUndefined();
          }
        }),
        settings,
      );
    });
  }
});
