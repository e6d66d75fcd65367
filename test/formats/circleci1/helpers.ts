/** Reads and writes circle.yml through the 1.0 module alone (no registry), for unit tests. */
import { createSink } from '../../../src/diagnostics/sink.js';
import { SourceSet } from '../../../src/diagnostics/source-map.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';
import { emitCircleci1 } from '../../../src/formats/circleci1/emit.js';
import { parseCircleci1 } from '../../../src/formats/circleci1/parse.js';
import type { EmitOptions, RepositoryAccess } from '../../../src/formats/types.js';
import { check } from '../../../src/ir/check.js';
import type { Job, Pipeline, RunStep } from '../../../src/ir/types.js';

export interface Read {
  pipeline: Pipeline;
  diagnostics: Diagnostic[];
  codes: string[];
}

/** A repository held in memory: path → text; directories exist when a file lies under them. */
export function memoryRepository(files: Record<string, string>): RepositoryAccess {
  const paths = Object.keys(files);
  return {
    readFile: (path) => files[path],
    exists: (path) => path in files || paths.some((p) => p.startsWith(`${path.replace(/\/$/, '')}/`)),
    glob: (pattern) => {
      const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*')}$`);
      return paths.filter((p) => regex.test(p)).sort();
    },
  };
}

export function read(text: string, files?: Record<string, string>): Read {
  const sink = createSink();
  const pipeline = parseCircleci1(
    { file: 'circle.yml', text },
    { sink, sources: new SourceSet(), options: {}, ...(files ? { repository: memoryRepository(files) } : {}) },
  );
  if (!pipeline) throw new Error(`nothing read: ${sink.diagnostics.map((d) => d.message).join('; ')}`);
  for (const problem of check(pipeline)) sink.report({ code: problem.code, severity: 'error', message: problem.message });
  return { pipeline, diagnostics: [...sink.diagnostics], codes: sink.diagnostics.map((d) => d.code) };
}

export function write(pipeline: Pipeline, options: EmitOptions = {}): { text: string; diagnostics: Diagnostic[]; codes: string[] } {
  const sink = createSink();
  const text = emitCircleci1(pipeline, { sink, options });
  return { text, diagnostics: [...sink.diagnostics], codes: sink.diagnostics.map((d) => d.code) };
}

export function job(pipeline: Pipeline, id = 'build'): Job {
  const found = pipeline.jobs.find((j) => j.id === id);
  if (!found) throw new Error(`no job ${id}`);
  return found;
}

export function runs(pipeline: Pipeline, id = 'build'): RunStep[] {
  return job(pipeline, id).steps.filter((s): s is RunStep => s.kind === 'run');
}

/** Removes origins and comments so IR fragments compare by meaning. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'origin' || key === 'comments' ? undefined : v)));
}
