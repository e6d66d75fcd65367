import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { SourceSet } from '../../src/diagnostics/source-map.js';
import { createSink } from '../../src/diagnostics/sink.js';
import { resolveView, type ResolvedView } from '../../src/formats/gitlab/resolved-view.js';
import type { JsonValue } from '../../src/ir/types.js';

/**
 * Compares ciport's resolution of a GitLab configuration (includes, extends, !reference,
 * default:, anchors, deprecated globals, hidden jobs) with gitlab-ci-local's `--preview`, job by
 * job and field by field. Spellings that mean the same (a string or a one-item list, `image: x`
 * or `image: {name: x}`, GitLab's documented defaults) are brought to one canonical form first, so
 * only differences in meaning remain; each of those must be explained (preview-differences.yml).
 */

export interface Difference {
  file: string;
  /** `undefined` for pipeline-level fields (stages, variables, workflow, the set of jobs). */
  job?: string;
  /** The top-level field of the job (`script`, `cache`, …) or of the pipeline. */
  field: string;
  /** Canonical values; `undefined` when that side does not have the field. */
  ours: JsonValue | undefined;
  theirs: JsonValue | undefined;
}

export interface FileComparison {
  file: string;
  jobs: number;
  fieldsCompared: number;
  fieldsEqual: number;
  differences: Difference[];
}

/** The configuration in `--preview` output: the last document (warnings may precede the `---`). */
export function parsePreview(stdout: string): ResolvedView {
  const start = stdout.startsWith('---\n') ? 0 : stdout.indexOf('\n---\n') + 1;
  // gitlab-ci-local dumps with js-yaml, which writes shared objects as anchors and aliases.
  const data = (parse(stdout.slice(start), { maxAliasCount: -1 }) ?? {}) as Record<string, JsonValue>;
  const view: ResolvedView = { jobs: {}, inherited: {} };
  for (const [key, value] of Object.entries(data)) {
    if (key === 'stages' || key === 'variables' || key === 'workflow') view[key] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) view.jobs[key] = value as Record<string, JsonValue>;
  }
  return view;
}

/** ciport's resolved view of a configuration given alone (as the corpus runs it). */
export function ourView(text: string, file = '.gitlab-ci.yml'): ResolvedView | undefined {
  return resolveView({ file, text }, { sink: createSink(), sources: new SourceSet(), options: {} });
}

export function compareViews(file: string, ours: ResolvedView, theirs: ResolvedView): FileComparison {
  const result: FileComparison = { file, jobs: 0, fieldsCompared: 0, fieldsEqual: 0, differences: [] };
  const compare = (job: string | undefined, field: string, a: JsonValue | undefined, b: JsonValue | undefined) => {
    result.fieldsCompared++;
    const ca = a === undefined ? undefined : canonical(field, a, job === undefined);
    const cb = b === undefined ? undefined : canonical(field, b, job === undefined);
    if (isDeepStrictEqual(ca, cb)) result.fieldsEqual++;
    else result.differences.push({ file, ...(job === undefined ? {} : { job }), field, ours: ca, theirs: cb });
  };
  for (const field of ['stages', 'variables', 'workflow'] as const) compare(undefined, field, ours[field], theirs[field]);
  for (const name of new Set([...Object.keys(ours.jobs), ...Object.keys(theirs.jobs)])) {
    const a = ours.jobs[name];
    const b = theirs.jobs[name];
    if (!a || !b) {
      result.differences.push({ file, job: name, field: '(job)', ours: a ? 'present' : undefined, theirs: b ? 'present' : undefined });
      continue;
    }
    result.jobs++;
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) compare(name, field, a[field], b[field]);
  }
  return result;
}

type Json = JsonValue;
const isMap = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested lists flattened: every ciport list reader flattens them (anchors and `!reference` make them). */
function flat(value: Json): Json[] {
  return Array.isArray(value) ? value.flatMap((item) => (Array.isArray(item) ? flat(item) : [item])) : [value];
}

/** Drops keys whose value is `undefined` (js-yaml writes none, but normalized objects may lack them). */
function compact(map: { [key: string]: Json | undefined }): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined)) as { [key: string]: Json };
}

/** A scalar as GitLab reads it into a string (variables, script lines): numbers and booleans as text. */
const text = (v: Json): Json => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);

/**
 * One spelling per meaning. Defaults filled here are GitLab's documented ones (gitlab-ci.md §4):
 * `needs:artifacts` true and `needs:optional` false, `cache:policy` pull-push and `cache:when`
 * on_success; a script, tags or dependencies string is a one-item list, and so is a matrix value;
 * `image`/`services` items may be a bare name; `trigger:include` may be a bare local path.
 */
export function canonical(field: string, value: Json, global = false): Json {
  switch (field) {
    case 'script':
    case 'before_script':
    case 'after_script':
    case 'tags':
    case 'dependencies':
    case 'stages':
      return value === null ? null : flat(value).map(text);
    case 'image':
      return isMap(value) ? compact({ ...value }) : value === null ? null : { name: text(value) };
    case 'services':
      return value === null ? null : flat(value).map((s) => (isMap(s) ? compact({ ...s }) : { name: text(s) }));
    case 'needs':
      return value === null ? null : flat(value).map((n): Json => (isMap(n) ? { artifacts: true, optional: false, ...n } : { job: n, artifacts: true, optional: false }));
    case 'cache':
      return value === null ? null : flat(value).map((c) => (isMap(c) ? compact({ policy: 'pull-push', when: 'on_success', ...c }) : c));
    case 'variables':
      return isMap(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)])) : value;
    case 'rules':
      return value === null ? null : flat(value);
    case 'parallel':
      // A matrix variable with one value may be written without the list.
      if (isMap(value) && Array.isArray(value.matrix)) {
        return { ...value, matrix: value.matrix.map((set) => (isMap(set) ? Object.fromEntries(Object.entries(set).map(([k, v]) => [k, flat(v).map(text)])) : set)) };
      }
      return value;
    case 'trigger':
      // `trigger:include: path` is a local file (gitlab-ci.md §4 `trigger`).
      if (isMap(value) && value.include !== undefined) {
        return flattenDeep({ ...value, include: flat(value.include).map((i) => (typeof i === 'string' ? { local: i } : i)) });
      }
      return flattenDeep(value);
    default:
      return global ? value : flattenDeep(value);
  }
}

function flattenDeep(value: Json): Json {
  if (Array.isArray(value)) return flat(value).map(flattenDeep);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, flattenDeep(v)]));
  return value;
}
