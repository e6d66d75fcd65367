import { createSink } from '../../../src/diagnostics/sink.js';
import { SourceSet } from '../../../src/diagnostics/source-map.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';
import { emitCircleci2 } from '../../../src/formats/circleci2/emit.js';
import { parseCircleci2 } from '../../../src/formats/circleci2/parse.js';
import type { ParseOptions } from '../../../src/formats/types.js';
import type { Job, Pipeline } from '../../../src/ir/types.js';
import { parse } from 'yaml';

export const file = '.circleci/config.yml';

export function read(text: string, options: ParseOptions = {}): { pipeline: Pipeline; diagnostics: Diagnostic[]; codes: string[] } {
  const sink = createSink();
  const pipeline = parseCircleci2({ file, text }, { sink, sources: new SourceSet(), options });
  if (!pipeline) throw new Error(`nothing read: ${JSON.stringify(sink.diagnostics)}`);
  return { pipeline, diagnostics: [...sink.diagnostics], codes: sink.diagnostics.map((d) => d.code) };
}

export function job(pipeline: Pipeline, id: string): Job {
  const found = pipeline.jobs.find((j) => j.id === id);
  if (!found) throw new Error(`no job ${id}; jobs: ${pipeline.jobs.map((j) => j.id).join(', ')}`);
  return found;
}

export function emit(pipeline: Pipeline, version = '2.1'): { text: string; doc: any; diagnostics: Diagnostic[]; codes: string[] } {
  const sink = createSink();
  const text = emitCircleci2(pipeline, { sink, options: { version } });
  return { text, doc: parse(text, { version: '1.1' }), diagnostics: [...sink.diagnostics], codes: sink.diagnostics.map((d) => d.code) };
}

/** Strips origins and comments so assertions compare meaning. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'origin' || key === 'comments' ? undefined : v)));
}

export const docker = (steps: string, extra = '') => `version: 2.1
jobs:
  build:
    docker:
      - image: cimg/base:2024.01
${extra}    steps:
${steps}
workflows:
  ci:
    jobs:
      - build
`;
