import { report } from '../../diagnostics/report.js';
import type { Condition, Rule, When } from '../../ir/types.js';
import { parseCondition } from './expression.js';
import { entryOriginOf, nodeOrigin, takeTree, textOf, type MEntry, type MNode } from './merged.js';
import { readBoolean, readEntries, readString, readStringList, wrongType, type ReadContext } from './read-values.js';
import { readNeeds } from './read-needs.js';
import { readVariables } from './read-variables.js';
import { toRe2 } from './ref-regex.js';

const whens = new Set<When>(['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never']);

export function readWhen(ctx: ReadContext, node: MNode | undefined, path: string): When | undefined {
  const text = readString(ctx, node, path);
  if (text === undefined) return undefined;
  if (whens.has(text as When)) return text as When;
  report(ctx.sink, 'invalid-value', `"${path}" is "${text}"; expected one of ${[...whens].join(', ')}`, { origin: node && nodeOrigin(node) });
  return undefined;
}

/** An `if:` expression as an IR condition; unparseable text stays `opaque` with a diagnostic. */
export function readIf(ctx: ReadContext, node: MNode, path: string): Condition | undefined {
  const text = readString(ctx, node, path);
  if (text === undefined) return undefined;
  const result = parseCondition(text.trim());
  if (result.error) {
    report(ctx.sink, 'gitlab-expression-unparsed', `"${text}" is kept as written: ${result.error}`, {
      origin: nodeOrigin(node),
      hint: 'Other targets receive it as an opaque condition; check the translated rule by hand.',
    });
  }
  return result.condition;
}

function readPaths(ctx: ReadContext, node: MNode, path: string, kind: 'changes' | 'exists'): Condition | undefined {
  if (node.kind === 'map') {
    let paths: string[] = [];
    let compareTo: string | undefined;
    readEntries(ctx, node, path, {
      paths: (e) => (paths = readStringList(ctx, e.value, `${path}.paths`) ?? []),
      compare_to: (e) => (compareTo = readString(ctx, e.value, `${path}.compare_to`)),
      project: (e) => report(ctx.sink, 'unsupported-feature', `"${path}.project" (files of another project) is not translated`, { origin: entryOriginOf(e) }),
      ref: (e) => report(ctx.sink, 'unsupported-feature', `"${path}.ref" is not translated`, { origin: entryOriginOf(e) }),
    });
    if (kind === 'exists') return { kind: 'exists', paths };
    return compareTo === undefined ? { kind: 'changes', paths } : { kind: 'changes', paths, compareTo };
  }
  const paths = readStringList(ctx, node, path) ?? [];
  return kind === 'exists' ? { kind: 'exists', paths } : { kind: 'changes', paths };
}

/** Joins conditions with `and`, flattening nested `and`s so a round trip gives the same tree. */
export function allOf(conditions: Condition[]): Condition | undefined {
  const given = conditions.flatMap((c) => (c.kind === 'and' ? c.all : [c]));
  // `true` adds nothing to a conjunction (a job rule without if, a file included always).
  const flat = given.filter((c) => !(c.kind === 'literal' && c.value));
  if (flat.length === 0) return given.length ? { kind: 'literal', value: true } : undefined;
  return flat.length === 1 ? flat[0] : { kind: 'and', all: flat };
}

/** `rules:` (jobs and `workflow`) → IR rules. Nested lists from `!reference` are flattened. */
export function readRules(ctx: ReadContext, node: MNode, path: string): Rule[] {
  if (node.kind !== 'seq') {
    wrongType(ctx, node, path, 'a list of rules');
    return [];
  }
  const rules: Rule[] = [];
  const visit = (item: MNode, index: number): void => {
    if (item.kind === 'seq') {
      item.items.forEach((inner) => visit(inner, index));
      return;
    }
    if (item.kind !== 'map') {
      wrongType(ctx, item, `${path}[${index}]`, 'a rule mapping');
      return;
    }
    const rule: Rule = {};
    const origin = nodeOrigin(item);
    if (origin) rule.origin = origin;
    const parts: Condition[] = [];
    const where = `${path}[${index}]`;
    readEntries(ctx, item, where, {
      if: (e) => {
        const c = readIf(ctx, e.value, `${where}.if`);
        if (c) parts.unshift(c);
      },
      changes: (e) => {
        const c = readPaths(ctx, e.value, `${where}.changes`, 'changes');
        if (c) parts.push(c);
      },
      exists: (e) => {
        const c = readPaths(ctx, e.value, `${where}.exists`, 'exists');
        if (c) parts.push(c);
      },
      when: (e) => {
        // `on_success` is what an unset `when` means; the IR leaves defaults unsaid.
        const when = readWhen(ctx, e.value, `${where}.when`);
        if (when && !(when === 'on_success' && path !== 'workflow.rules')) rule.when = when;
      },
      start_in: (e) => {
        const s = readString(ctx, e.value, `${where}.start_in`);
        if (s !== undefined) rule.startIn = s;
      },
      allow_failure: (e) => {
        const b = e.value.kind === 'map' ? (takeTree(e.value), true) : readBoolean(ctx, e.value, `${where}.allow_failure`);
        if (b !== undefined) rule.allowFailure = b;
      },
      variables: (e) => {
        const vars = readVariables(ctx, e.value, `${where}.variables`, 'rule');
        if (vars.length) rule.variables = vars;
      },
      // Job rules only: they replace the job's needs / interruptible when the rule decides.
      needs: (e) => (path === 'workflow.rules' ? unsupportedRuleKey(ctx, e, `${where}.needs`) : (rule.needs = readNeeds(ctx, e.value, `${where}.needs`))),
      interruptible: (e) => {
        if (path === 'workflow.rules') return unsupportedRuleKey(ctx, e, `${where}.interruptible`);
        const b = readBoolean(ctx, e.value, `${where}.interruptible`);
        if (b !== undefined) rule.interruptible = b;
      },
      auto_cancel: (e) => unsupportedRuleKey(ctx, e, `${where}.auto_cancel`),
    });
    // `$CI_PIPELINE_SOURCE != "merge_request_event"` keeps a job rule to the pipelines a job
    // without rules runs in, what the IR says with `defaultEventsOnly` (GitLab's external pull
    // request pipelines, which ciport does not model, aside).
    let ifParts = parts;
    if (path !== 'workflow.rules') {
      const all = splitAnd(parts);
      ifParts = all.filter((part) => !isNotMergeRequest(part));
      if (ifParts.length < all.length) rule.defaultEventsOnly = true;
    }
    const condition = allOf(ifParts);
    // A condition that always holds (`if: $CI_COMMIT_REF_NAME`) is a rule without one.
    if (condition && !(condition.kind === 'literal' && condition.value)) rule.condition = condition;
    rules.push(rule);
  };
  node.items.forEach(visit);
  return rules;
}

function splitAnd(parts: readonly Condition[]): Condition[] {
  return parts.flatMap((part) => (part.kind === 'and' ? splitAnd(part.all) : [part]));
}

function isNotMergeRequest(condition: Condition): boolean {
  return condition.kind === 'not' && condition.condition.kind === 'source' && condition.condition.source === 'merge_request';
}

function unsupportedRuleKey(ctx: ReadContext, entry: MEntry, path: string): void {
  takeTree(entry.value);
  report(ctx.sink, 'unsupported-feature', `"${path}" has no neutral form and is not translated`, { origin: entryOriginOf(entry) });
}

// --- only / except (deprecated, gitlab-ci.md §4.5) ---------------------------------------------

const refKeywords: Record<string, Condition> = {
  branches: { kind: 'ref', ref: 'branch' },
  tags: { kind: 'ref', ref: 'tag' },
  schedules: { kind: 'source', source: 'schedule' },
  api: { kind: 'source', source: 'api' },
  web: { kind: 'source', source: 'web' },
  triggers: { kind: 'source', source: 'trigger' },
  pushes: { kind: 'source', source: 'push' },
  merge_requests: { kind: 'source', source: 'merge_request' },
  external: { kind: 'source', source: 'external' },
  chat: { kind: 'source', source: 'chat' },
  pipelines: { kind: 'var', name: 'CI_PIPELINE_SOURCE', op: 'equals', value: 'pipeline' },
  external_pull_requests: { kind: 'var', name: 'CI_PIPELINE_SOURCE', op: 'equals', value: 'external_pull_request_event' },
};

/**
 * One `only`/`except` ref. A name or `/regex/` is read as a branch condition: GitLab also
 * matches tags of that name, which configurations almost never intend (documented in readme.md).
 */
function refCondition(ctx: ReadContext, item: MNode, path: string): Condition | undefined {
  const text = textOf(item);
  if (text === undefined) {
    wrongType(ctx, item, path, 'a ref name, keyword or /regex/');
    return undefined;
  }
  if (Object.hasOwn(refKeywords, text)) return refKeywords[text];
  const at = /^(.*)@([\w.-]+(?:\/[\w.-]+)+)$/s.exec(text);
  if (at) {
    // `ref@group/project` limits the ref to pipelines of that project (gitlab-ci.md §4.5).
    const project: Condition = { kind: 'var', name: 'CI_PROJECT_PATH', op: 'equals', value: at[2]! };
    const ref = refCondition(ctx, { ...item, kind: 'scalar', value: at[1]!, text: at[1]! } as MNode, path);
    return ref ? { kind: 'and', all: [ref, project] } : project;
  }
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(text);
  if (regex) {
    // Stated as RE2, the dialect `rules:if` writes it back in, so a round trip keeps the pattern.
    const source = toRe2(regex[1]!);
    return regex[2]
      ? { kind: 'ref', ref: 'branch', match: { kind: 'regex', source, flags: regex[2], fullMatch: false } }
      : { kind: 'ref', ref: 'branch', match: { kind: 'regex', source, fullMatch: false } };
  }
  return { kind: 'ref', ref: 'branch', match: { kind: 'exact', value: text } };
}

/** Joins conditions with `or`; `undefined` for none. */
export const anyOf = (conditions: Condition[]): Condition | undefined =>
  conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { kind: 'or', any: conditions };

/** `only` or `except` as one condition: refs OR-ed, variables OR-ed, keys AND-ed (§4.5). */
export function readOnlyExcept(ctx: ReadContext, node: MNode, path: string): Condition | undefined {
  if (node.kind === 'scalar' && node.value === null) return undefined;
  if (node.kind !== 'map') {
    const refs = (node.kind === 'seq' ? node.items : [node]).map((item, i) => refCondition(ctx, item, `${path}[${i}]`));
    return anyOf(refs.filter((c): c is Condition => Boolean(c)));
  }
  const keys: Condition[] = [];
  readEntries(ctx, node, path, {
    refs: (e) => {
      const refs = (e.value.kind === 'seq' ? e.value.items : [e.value]).map((item, i) => refCondition(ctx, item, `${path}.refs[${i}]`));
      const c = anyOf(refs.filter((x): x is Condition => Boolean(x)));
      if (c) keys.push(c);
    },
    variables: (e) => {
      const list = e.value.kind === 'seq' ? e.value.items.flatMap((i) => (i.kind === 'seq' ? i.items : [i])) : [e.value];
      const c = anyOf(list.map((item, i) => readIf(ctx, item, `${path}.variables[${i}]`)).filter((x): x is Condition => Boolean(x)));
      if (c) keys.push(c);
    },
    changes: (e) => {
      const c = readPaths(ctx, e.value, `${path}.changes`, 'changes');
      if (c) keys.push(c);
    },
    kubernetes: (e) => {
      takeTree(e.value);
      keys.push({ kind: 'var', name: 'CI_KUBERNETES_ACTIVE', op: 'truthy' });
    },
  });
  return allOf(keys);
}

/** only/except → rules: an `except` match excludes first, then `only` decides (§4.5). */
export function onlyExceptRules(only: Condition | undefined, except: Condition | undefined, when: Rule): Rule[] {
  const rules: Rule[] = [];
  if (except) rules.push({ condition: except, when: 'never' });
  rules.push(only ? { ...when, condition: only } : when);
  return rules;
}
