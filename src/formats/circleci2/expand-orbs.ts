import { existsSync } from 'node:fs';
import { readTextInside } from '../../io/read-inside.js';
import { join } from 'node:path';
import { report, reportGathering, reportOnce } from '../../diagnostics/report.js';
import type { SourceSet } from '../../diagnostics/source-map.js';
import type { Executor, Extension, Origin, Step, StepWhen, UnmappedStep } from '../../ir/types.js';
import { orbs as orbTable } from '../../rules/generated/orbs.generated.js';
import { findOrbElement, type OrbElementKind } from '../../rules/orb-rules.js';
import { describeSource, type OrbElementRule } from '../../rules/types.js';
import { loadYaml } from '../../yaml/load.js';
import { createReader, entries, isMapNode, originOf, stringValue, type Entry } from '../../yaml/view.js';
import type { ReadContext } from './context.js';
import { registerDefinitions } from './read-definitions.js';

/**
 * The `orbs:` stanza (spec §8). Inline orbs and orbs found in `orbDir` register their elements
 * like local definitions; other registry orbs are looked up in mappings/orbs.yml when used.
 * Returns the orb references kept for a CircleCI round trip of elements no table knows.
 */
export function readOrbs(ctx: ReadContext, orbsEntry: Entry, orbDir: string | undefined, sources: SourceSet): Extension | undefined {
  const reader = ctx.reader;
  reader.ledger.take(orbsEntry.pair);
  if (!isMapNode(reader, orbsEntry.value)) {
    report(ctx.sink, 'wrong-type', '"orbs" must be a map of alias to orb reference', { origin: originOf(reader, orbsEntry.pair, ['orbs']) });
    return undefined;
  }
  const kept: Record<string, string> = {};
  for (const e of entries(reader, orbsEntry.value)) {
    reader.ledger.take(e.pair);
    const path = ['orbs', e.key];
    if (isMapNode(reader, e.value)) {
      const holder = entries(reader, e.value);
      registerDefinitions(ctx, reader, holder, e.key, path);
      for (const other of holder) {
        if (other.key === 'orbs' || other.key === 'description' || other.key === 'display' || other.key === 'examples' || other.key === 'version' || other.key === 'usage') {
          reader.ledger.takeTree(reader, other.pair.value);
          reader.ledger.take(other.pair);
          if (other.key === 'orbs') {
            report(ctx.sink, 'unsupported-feature', `inline orb "${e.key}" imports other orbs; their elements are not expanded inside it`, {
              origin: originOf(reader, other.pair, [...path, 'orbs']),
            });
          }
        }
      }
      continue;
    }
    // Pipeline parameters are substituted into the orbs stanza before orbs are imported (spec §9).
    const ref = stringValue(reader, e.value)?.replace(/<<\s*pipeline\.parameters\.([\w-]+)\s*>>/g, (whole, name: string) => {
      const value = ctx.pipelineParameters.get(name)?.default;
      return value === undefined ? whole : String(value);
    });
    const match = ref ? /^([\w.-]+)\/([\w.-]+)(?:@(.*))?$/.exec(ref) : null;
    if (!ref || !match) {
      report(ctx.sink, 'invalid-value', `orb "${e.key}" must be "namespace/orb@version" or an inline orb`, { origin: originOf(reader, e.pair, path) });
      continue;
    }
    const [, namespace, name] = match;
    const file = orbDir ? join(orbDir, namespace!, `${name}.yml`) : undefined;
    const read = file && existsSync(file) ? readTextInside(orbDir!, file, file, 'the orb directory') : undefined;
    if (read && !read.ok) {
      report(ctx.sink, read.code, `orb "${e.key}": ${read.message}`, { origin: originOf(reader, e.pair, path) });
    }
    if (file && read?.ok) {
      const text = read.text;
      sources.add(file, text);
      const loaded = loadYaml(text, file, ctx.sink);
      if (loaded.body) {
        const orbReader = createReader(file, loaded.body);
        registerDefinitions(ctx, orbReader, entries(orbReader, loaded.body.contents), e.key);
        continue;
      }
    }
    ctx.tableOrbs.set(e.key, `${namespace}/${name}`);
    kept[e.key] = ref;
  }
  if (!Object.keys(kept).length) return undefined;
  const origin = originOf(reader, orbsEntry.pair, ['orbs']);
  return { format: 'circleci2', key: 'orbs', value: kept, ...(origin ? { origin } : {}) };
}

type TableOrb = { url?: string };

export type TableElement = OrbElementRule;

/** The rule for a registry orb element: the user's `--rules` first, then mappings/orbs.yml. */
export function tableElement(ctx: ReadContext, orb: string, kind: OrbElementKind, name: string): TableElement | undefined {
  return findOrbElement(ctx.userOrbs, orb, kind, name);
}

/** Says where an orb element came from: a user rule (with its file:line) or the built-in table. */
export function reportTableElement(ctx: ReadContext, element: TableElement, subject: string, origin: Origin | undefined, verb = 'expanded'): void {
  if (element.source) reportOnce(ctx.sink, 'user-rule', `${subject} is ${verb} from the rule at ${describeSource(element.source)}`, { origin });
  else reportOnce(ctx.sink, 'circleci2-orb-table', `${subject} is ${verb} from the built-in orb table`, { origin });
}

const template = /<<\s*parameters\.([\w-]+)\s*(\|\s*variable\s*)?>>/g;

/**
 * `<< parameters.x >>` in table text, with the invocation's arguments over the table defaults;
 * `<< parameters.x | variable >>` turns a bare variable name into its value (`${x}`).
 */
export function fillTemplate(text: string, element: TableElement, args: Record<string, string>): string {
  return text.replace(template, (_, name: string, variable: string | undefined) => {
    const older = Object.entries(element.aliases ?? {}).find(([alias, target]) => target === name && args[alias] !== undefined)?.[0];
    const value = args[name] ?? (older !== undefined ? args[older] : undefined) ?? String(element.parameters?.[name] ?? '');
    return variable && /^[A-Za-z_]\w*$/.test(value) ? `\${${value}}` : value;
  });
}

/** The parameter names a table element reads: its defaults, its templates and its credentials rule. */
function parametersRead(element: TableElement): Set<string> {
  const names = new Set([...Object.keys(element.parameters ?? {}), ...Object.keys(element.aliases ?? {}), ...(element.credentials?.parameters ?? [])]);
  const templates = JSON.stringify([element.steps ?? [], element.image ?? '', element.credentials?.obtains ?? '']);
  for (const match of templates.matchAll(template)) names.add(match[1]!);
  return names;
}

const unreadSaid = new WeakMap<object, Map<string, (message: string, origin: Origin | undefined) => void>>();

/**
 * Says which arguments of an invocation the table's steps never read (`override-ci-command`,
 * `cache-path`): what they changed in the orb's behaviour is not in the translation. Said once per
 * element and argument, with every other invocation that gives it as a related place.
 */
export function reportUnreadArguments(ctx: ReadContext, element: TableElement, subject: string, args: ReadonlyArray<{ key: string; origin: Origin | undefined }>): void {
  const read = parametersRead(element);
  const said = unreadSaid.get(ctx.sink) ?? unreadSaid.set(ctx.sink, new Map()).get(ctx.sink)!;
  for (const a of args) {
    if (read.has(a.key)) continue;
    const key = `${subject}\u0000${a.key}`;
    const also = said.get(key);
    if (also) {
      also(`"${a.key}" is given here too`, a.origin);
      continue;
    }
    said.set(
      key,
      reportGathering(ctx.sink, 'circleci2-orb-argument', `${subject}: the argument "${a.key}" is not one the built-in orb table's steps read; what it changes is not translated`, {
        origin: a.origin,
        hint: "The orb's page on circleci.com/developer/orbs says what it does; add that to the job by hand, or describe the command in a --rules file.",
      }),
    );
  }
}

export function tableSteps(element: TableElement, args: Record<string, string>): Step[] {
  const steps: Step[] = [];
  for (const raw of element.steps ?? []) {
    const kind = raw.kind;
    if (kind === 'checkout') steps.push({ kind: 'checkout' });
    else if (kind === 'docker-daemon') steps.push({ kind: 'docker-daemon', engine: 'remote' });
    else if (kind === 'run') {
      const step: Step = { kind: 'run', command: fillTemplate(String(raw.command), element, args) };
      if (typeof raw.name === 'string') step.name = fillTemplate(raw.name, element, args);
      const when = tableWhen(raw, element, args);
      if (when !== 'on_success') step.when = when;
      steps.push(step);
    }
  }
  return steps;
}

const stepWhens = new Set<StepWhen>(['always', 'on_success', 'on_failure']);

/**
 * A table step's `when`, which may depend on an orb parameter (`when: << parameters.event >>`
 * looked up in `when-values`). A value the table does not know fails closed: the step runs on
 * failure only, so a notifier meant for failures never posts on every run.
 */
function tableWhen(raw: Record<string, unknown>, element: TableElement, args: Record<string, string>): StepWhen {
  if (typeof raw.when !== 'string') return 'on_success';
  const filled = fillTemplate(raw.when, element, args).trim();
  const values = (raw['when-values'] ?? {}) as Record<string, string>;
  const mapped = Object.hasOwn(values, filled) ? values[filled] : filled;
  return stepWhens.has(mapped as StepWhen) ? (mapped as StepWhen) : 'on_failure';
}

/**
 * The credentials a table command obtains with these arguments, or `undefined`: an element whose
 * rule lists parameters obtains them only when the invocation gives one of them a value.
 */
export function tableCredentials(element: TableElement, args: Record<string, string>): UnmappedStep['credentials'] {
  const rule = element.credentials;
  if (!rule) return undefined;
  if (rule.parameters && !rule.parameters.some((name) => (args[name] ?? '').trim() !== '')) return undefined;
  const hints = rule.hints ? Object.fromEntries(Object.entries(rule.hints).map(([format, hint]) => [format, fillTemplate(hint, element, args)])) : undefined;
  return { obtains: fillTemplate(rule.obtains, element, args), ...(hints ? { hints } : {}) };
}

export function tableExecutor(element: TableElement, args: Record<string, string>): Executor | undefined {
  if (element.image) return { kind: 'docker', image: { name: fillTemplate(element.image, element, args) } };
  if (element.machine) return { kind: 'machine', image: element.machine };
  if (element.windows) return { kind: 'windows', image: element.windows };
  return undefined;
}

export function orbUrl(orb: string): string | undefined {
  return (orbTable.orbs as unknown as Record<string, TableOrb>)[orb]?.url;
}
