import { createSink } from '../../../src/diagnostics/sink.js';
import { SourceSet } from '../../../src/diagnostics/source-map.js';
import type { Diagnostic } from '../../../src/diagnostics/types.js';
import { emitGitlab } from '../../../src/formats/gitlab/emit.js';
import { parseGitlab } from '../../../src/formats/gitlab/parse.js';
import type { EmitOptions, RepositoryAccess } from '../../../src/formats/types.js';
import type { Pipeline } from '../../../src/ir/types.js';

/** Parses GitLab YAML text (optionally inside a repository) and returns the IR and diagnostics. */
export function read(text: string, repository?: RepositoryAccess, file = '.gitlab-ci.yml'): { pipeline: Pipeline; diagnostics: Diagnostic[] } {
  const sink = createSink();
  const pipeline = parseGitlab({ file, text }, { sink, sources: new SourceSet(), options: {}, ...(repository ? { repository } : {}) });
  if (!pipeline) throw new Error(`no pipeline: ${sink.diagnostics.map((d) => d.message).join('; ')}`);
  return { pipeline, diagnostics: [...sink.diagnostics] };
}

export function write(pipeline: Pipeline, options: EmitOptions = {}): { text: string; diagnostics: Diagnostic[] } {
  const sink = createSink();
  const text = emitGitlab(pipeline, { sink, options });
  return { text, diagnostics: [...sink.diagnostics] };
}

export const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

/** The IR without origins and comments, for readable expectations. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'origin' || key === 'comments' ? undefined : v)));
}

export function job(pipeline: Pipeline, id: string) {
  const found = pipeline.jobs.find((j) => j.id === id);
  if (!found) throw new Error(`no job ${id}`);
  return found;
}

export function node(pipeline: Pipeline, id: string) {
  const found = pipeline.workflows[0]!.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}
