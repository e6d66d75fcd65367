import { circleci2 } from '../../rules/generated/circleci2.generated.js';
import type { Yaml } from './emit-steps.js';

/**
 * Names for hoisted executors and commands. CircleCI 2.1 names are lowercase `a–z`, digits, `_`
 * and `-`, starting with a letter (reusing-config.adoc; the 2.1 schema's `propertyNames`).
 */
const maxLength = 40;

/** `Install dependencies` → `install-dependencies`, `save_cache` → `save-cache`; `''` when nothing usable is left. */
export function slug(text: string): string {
  let out = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  if (out.length > maxLength) out = out.slice(0, maxLength).replace(/-[^-]*$/, '') || out.slice(0, maxLength);
  return out;
}

/**
 * Names a step may not take: a command named like a built-in step overrides it
 * (reusing-config.adoc), and `when`/`unless` are step keywords.
 */
export const builtinStepNames: readonly string[] = [...circleci2.builtinSteps, 'when', 'unless'];

/**
 * One unique name per item. Each item lists names from plainest to most qualified (`node`,
 * `node-20`, `node-20-large`); items whose name collides with another's or with a reserved
 * name move on to their next candidate, and a number settles what is still equal. Stable: the
 * result depends only on the candidate lists and their order.
 */
export function uniqueNames(candidates: readonly (readonly string[])[], reserved: ReadonlySet<string>): string[] {
  const lists = candidates.map((list) => dedupe(list.filter((n) => n !== '')));
  const level = lists.map(() => 0);
  const nameAt = (i: number) => lists[i]![level[i]!]!;
  for (;;) {
    const counts = new Map<string, number>();
    lists.forEach((_, i) => counts.set(nameAt(i), (counts.get(nameAt(i)) ?? 0) + 1));
    let moved = false;
    lists.forEach((list, i) => {
      const name = nameAt(i);
      if ((counts.get(name)! > 1 || reserved.has(name)) && level[i]! < list.length - 1) {
        level[i]!++;
        moved = true;
      }
    });
    if (!moved) break;
  }
  const taken = new Set(reserved);
  return lists.map((_, i) => {
    const base = nameAt(i);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    return name;
  });
}

function dedupe(list: string[]): string[] {
  const out = [...new Set(list)];
  return out.length ? out : ['reused'];
}

/**
 * `cimg/node:20.1` → `{ name: 'node', tag: '20.1' }`; digests, registries and variable or
 * parameter references (`${PROXY}golang:${GO}` → `golang`) are dropped.
 */
export function imageParts(image: string): { name: string; tag: string } {
  const literal = image.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|<<[^>]*>>/g, '');
  const [withoutDigest] = literal.split('@');
  const path = withoutDigest ?? '';
  const colon = path.lastIndexOf(':');
  const slash = path.lastIndexOf('/');
  const repository = colon > slash ? path.slice(0, colon) : path;
  const tag = colon > slash ? path.slice(colon + 1) : '';
  return { name: repository.slice(repository.lastIndexOf('/') + 1), tag };
}

/** What one step does, in a few words: its `name`, else the start of its command, else its key. */
export function stepLabel(step: Yaml): { label: string; named: boolean } {
  if (typeof step === 'string') return { label: slug(step), named: false };
  if (typeof step !== 'object' || step === null || Array.isArray(step)) return { label: '', named: false };
  const key = Object.keys(step)[0] ?? '';
  const body = step[key];
  if (key === 'run' || key === 'deploy') {
    if (typeof body === 'string') return { label: commandLabel(body), named: false };
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      if (typeof body.name === 'string' && slug(body.name)) return { label: slug(body.name), named: true };
      if (typeof body.command === 'string') return { label: commandLabel(body.command), named: false };
    }
  }
  if ((key === 'when' || key === 'unless') && body && typeof body === 'object' && !Array.isArray(body) && Array.isArray(body.steps) && body.steps.length) {
    // `when-make-release`: what the condition guards, and that it is guarded.
    const inner = stepLabel(body.steps[0]!);
    return { label: inner.label ? `${key}-${inner.label}` : key, named: inner.named };
  }
  return { label: slug(key), named: false };
}

/** `npm ci --prefer-offline` → `npm-ci`: the leading plain words of the first line. */
function commandLabel(command: string): string {
  const firstLine = command.split('\n').find((line) => line.trim() !== '') ?? '';
  const words: string[] = [];
  for (const word of firstLine.trim().split(/\s+/)) {
    if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(word) || words.length === 3) break;
    words.push(word);
  }
  return slug(words.join('-')) || 'run';
}

/** The steps emit-jobs.ts puts first in translated jobs; they say little about what a run does. */
const preambles = new Set(['map-predefined-variables', 'export-variables']);

/**
 * A command's name from its steps: one label as it is, two joined by `and`; longer runs are
 * named by their own named `run` steps when they have any (`install-dependencies`), else by
 * their first and last step (`checkout-to-save-cache`).
 */
export function commandName(steps: readonly Yaml[]): string {
  const labels = steps.map(stepLabel).filter((l) => l.label !== '');
  const distinct = labels.filter((l, i) => i === 0 || l.label !== labels[i - 1]!.label);
  const span = (list: typeof distinct) => (list.length === 1 ? list[0]!.label : `${list[0]!.label}-to-${list[list.length - 1]!.label}`);
  if (distinct.length === 0) return 'steps';
  if (distinct.length === 1) return distinct[0]!.label;
  if (distinct.length === 2) return `${distinct[0]!.label}-and-${distinct[1]!.label}`;
  const named = distinct.filter((l) => l.named && !preambles.has(l.label));
  return span(named.length ? named : distinct);
}
