import { linesOf, minimumSaving, savedLines } from './emit-reuse-cost.js';
import { imageParts, slug, uniqueNames } from './emit-reuse-names.js';
import type { Yaml } from './emit-steps.js';

type YamlMap = { [key: string]: Yaml };

/**
 * The job keys an executor definition holds (spec §3.4: job keys override the executor's, so
 * what stays behind keeps its meaning). `environment` stays with the job: its variables say what
 * the job needs, and a map that merges key by key would be split in two places. `resource_class`
 * stays too: the 2.1 schema lists fewer classes for executors than for jobs (no `windows.medium`,
 * no macOS or gen3 classes), and jobs that differ only in size can then share one executor.
 */
const executorKeys = ['docker', 'machine', 'macos', 'working_directory', 'shell'] as const;
const kindKeys = new Set(['docker', 'machine', 'macos']);

export interface HoistedExecutors {
  executors: YamlMap;
  jobs: YamlMap;
}

/**
 * Jobs whose executor keys are equal share one 2.1 `executors:` entry, referenced as
 * `executor: <name>`, when that shortens the file (emit-reuse-cost.ts). A job keeps its keys
 * inline when they carry comments (`pinned`) or it already names an executor.
 */
export function hoistExecutors(jobs: YamlMap, pinned: ReadonlySet<string>, reserved: ReadonlySet<string>): HoistedExecutors | undefined {
  const groups = new Map<string, { part: YamlMap; users: string[] }>();
  for (const [id, job] of Object.entries(jobs)) {
    if (!isMap(job) || pinned.has(id) || 'executor' in job || !Object.keys(job).some((k) => kindKeys.has(k))) continue;
    const part: YamlMap = {};
    for (const key of executorKeys) if (job[key] !== undefined) part[key] = job[key]!;
    const signature = JSON.stringify(part);
    const group = groups.get(signature) ?? { part, users: [] };
    group.users.push(id);
    groups.set(signature, group);
  }
  const chosen = [...groups.values()].filter((g) => g.users.length >= 2 && savedLines(linesOf(g.part), g.users.length, 1) >= minimumSaving.executor);
  const total = chosen.reduce((sum, g) => sum + savedLines(linesOf(g.part), g.users.length, 1), 0);
  // The `executors:` key itself is one more line.
  if (chosen.length === 0 || total - 1 < minimumSaving.executor) return undefined;

  const names = uniqueNames(chosen.map((g) => nameCandidates(g.part)), reserved);
  const executors: YamlMap = {};
  const nameOf = new Map<string, string>();
  chosen.forEach((g, i) => {
    executors[names[i]!] = g.part;
    for (const id of g.users) nameOf.set(id, names[i]!);
  });
  const out: YamlMap = {};
  for (const [id, job] of Object.entries(jobs)) {
    const name = nameOf.get(id);
    out[id] = name && isMap(job) ? referencing(job, name) : job;
  }
  return { executors, jobs: out };
}

/** The job with `executor: name` where its first executor key was, and without the others. */
function referencing(job: YamlMap, name: string): YamlMap {
  const out: YamlMap = {};
  for (const [key, value] of Object.entries(job)) {
    if (!(executorKeys as readonly string[]).includes(key)) out[key] = value;
    else if (!('executor' in out)) out.executor = name;
  }
  return out;
}

/** `node`, then `node-20-1`: plainest first (from the primary image). */
function nameCandidates(part: YamlMap): string[] {
  let base = '';
  let detail = '';
  if (Array.isArray(part.docker)) {
    const primary = part.docker[0];
    const image = isMap(primary) && typeof primary.image === 'string' ? primary.image : '';
    const { name, tag } = imageParts(image);
    base = slug(name) || 'docker';
    detail = slug(`v${tag}`).replace(/^v-?/, '');
  } else if (part.machine !== undefined) {
    const image = isMap(part.machine) && typeof part.machine.image === 'string' ? part.machine.image : '';
    const { name, tag } = imageParts(image);
    base = slug(name) || 'machine';
    detail = slug(`v${tag}`).replace(/^v-?/, '');
  } else if (isMap(part.macos)) {
    base = 'macos';
    detail = slug(`xcode-${String(part.macos.xcode ?? '')}`);
  }
  return [base, detail ? `${base}-${detail}` : base];
}

function isMap(value: Yaml | undefined): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
