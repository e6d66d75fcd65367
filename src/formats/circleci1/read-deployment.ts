import { isMap } from 'yaml';
import { matchesName } from '../../ir/pattern.js';
import type { Condition, Matcher, Origin, Rule, RunStep } from '../../ir/types.js';
import { commentsOf, entries, stringValue, type Entry } from '../../yaml/view.js';
import { readCommands } from './read-command.js';
import { at, diagnose, take, wrongType, type ReadContext } from './read-context.js';
import { sectionOf } from './read-phases.js';
import { allOf, anyOf, readMatchers, refCondition } from './read-refs.js';

/** One `deployment.<name>` subsection (configuration.md §6). */
export interface DeploymentRead {
  name: string;
  origin?: Origin;
  comments?: ReturnType<typeof commentsOf>;
  steps: RunStep[];
  branches?: Matcher[];
  tags?: Matcher[];
  owner?: string;
  /** The node's rules: the refs (and owner) it deploys for, later ones excluding earlier ones. */
  rules: Rule[];
}

/** The built-in Heroku deploy is a `git push` of the built commit (configuration.md §6, heroku). */
export function herokuCommand(app: string): string {
  return `git push git@heroku.com:${app}.git $CIRCLE_SHA1:refs/heads/master`;
}

export function readDeployments(ctx: ReadContext, section: Entry | undefined): DeploymentRead[] {
  if (!section) return [];
  if (!isMap(section.value)) {
    if (section.value === null) take(ctx, section);
    else wrongType(ctx, section, ['deployment'], 'a map of named deployments');
    return [];
  }
  take(ctx, section);
  const deployments: DeploymentRead[] = [];
  for (const e of entries(ctx.reader, section.value)) {
    const read = readDeployment(ctx, e);
    if (read) deployments.push(read);
  }
  exclusiveRules(ctx, deployments);
  return deployments;
}

function readDeployment(ctx: ReadContext, e: Entry): DeploymentRead | undefined {
  const path = ['deployment', e.key];
  if (!isMap(e.value)) {
    // `deployment: pre: [...]` and friends: 1.0 answered "commands must be a list" (configuration.md §1).
    wrongType(ctx, e, path, 'a deployment subsection map (`branch`/`tag`, `commands`)');
    return undefined;
  }
  take(ctx, e);
  const read: DeploymentRead = { name: e.key, steps: [], rules: [] };
  const origin = at(ctx, e, path);
  if (origin) read.origin = origin;
  const comments = commentsOf(e);
  if (comments) read.comments = comments;
  const section = sectionOf('deployment');
  const byKey = new Map(entries(ctx.reader, e.value).map((x) => [x.key, x]));
  for (const key of ['pre', 'override', 'commands', 'post']) {
    const list = byKey.get(key);
    if (!list) continue;
    if (key !== 'commands') {
      diagnose(ctx, 'circleci1-section-key', `deployment "${e.key}" does not accept "${key}" in CircleCI 1.0; its commands are read in order`, at(ctx, list, [...path, key]));
    }
    read.steps.push(...readCommands(ctx, list, [...path, key], section));
  }
  const heroku = byKey.get('heroku');
  if (heroku) readHeroku(ctx, heroku, [...path, 'heroku'], read);
  const branch = byKey.get('branch');
  if (branch) read.branches = readMatchers(ctx, branch, [...path, 'branch']);
  const tag = byKey.get('tag');
  if (tag) read.tags = readMatchers(ctx, tag, [...path, 'tag']);
  const owner = byKey.get('owner');
  if (owner) {
    const text = stringValue(ctx.reader, owner.value);
    if (text === undefined || isMap(owner.value)) wrongType(ctx, owner, [...path, 'owner'], 'a user or organisation name');
    else {
      take(ctx, owner);
      read.owner = text;
    }
  }
  if (!branch && !tag) {
    diagnose(ctx, 'circleci1-deployment-selector', `deployment "${e.key}" has neither \`branch\` nor \`tag\`; 1.0 needs one to know when to deploy, so it is read as never deploying`, origin, {
      hint: 'Add the branch or tag it deploys to the source, or a condition to the translated job.',
    });
  }
  return read;
}

function readHeroku(ctx: ReadContext, e: Entry, path: string[], read: DeploymentRead): void {
  if (!isMap(e.value)) return wrongType(ctx, e, path, 'a map with `appname`');
  take(ctx, e);
  const appname = entries(ctx.reader, e.value).find((x) => x.key === 'appname');
  const app = appname ? stringValue(ctx.reader, appname.value) : undefined;
  if (!appname || app === undefined) {
    diagnose(ctx, 'missing-key', `"${path.join('.')}" needs \`appname\``, at(ctx, e, path));
    return;
  }
  take(ctx, appname);
  const origin = at(ctx, appname, [...path, 'appname']);
  const step: RunStep = { kind: 'run', command: herokuCommand(app), phase: 'deployment' };
  if (origin) step.origin = origin;
  read.steps.push(step);
  diagnose(ctx, 'manual-setting', `the Heroku deploy of "${app}" pushes with the Heroku deploy user set in the 1.0 project settings`, origin, {
    hint: 'Give the target an SSH key or API key that may push to the Heroku app.',
  });
}

function conditionOf(read: DeploymentRead): Condition | undefined {
  const refs: Condition[] = [];
  if (read.branches?.length) refs.push(refCondition('branch', read.branches));
  if (read.tags?.length) refs.push(refCondition('tag', read.tags));
  // Without a selector 1.0 did not know when to deploy: read as never, not as every branch (fail closed).
  if (!read.branches && !read.tags) refs.push({ kind: 'literal', value: false });
  const ref = refs.length ? anyOf(refs) : undefined;
  const owner: Condition | undefined = read.owner !== undefined ? { kind: 'owner', owner: read.owner } : undefined;
  if (ref && owner) return allOf([owner, ref]);
  return ref ?? owner;
}

/**
 * 1.0 runs only the first deployment whose selectors match (configuration.md §6). A later
 * deployment that can match the same ref gets `not(<earlier condition>)` added to its rule; one
 * whose selectors repeat an earlier deployment's never runs. Candidates are found through an index
 * of exact names plus the broad (regex or every-branch) deployments, so a file with thousands of
 * deployments stays linear in practice.
 */
function exclusiveRules(ctx: ReadContext, deployments: DeploymentRead[]): void {
  const firstWithKey = new Map<string, DeploymentRead>();
  const byExactName = new Map<string, DeploymentRead[]>();
  const broad: DeploymentRead[] = [];
  const conditions = new Map<DeploymentRead, Condition | undefined>();
  const order = new Map(deployments.map((read, index) => [read, index]));
  for (const read of deployments) {
    const own = conditionOf(read);
    conditions.set(read, own);
    const key = JSON.stringify([own ?? null, read.owner ?? null]);
    const twin = firstWithKey.get(key);
    if (twin) {
      diagnose(ctx, 'circleci1-first-deployment', `deployment "${read.name}" never runs: "${twin.name}" comes first and matches the same refs`, read.origin);
      read.rules = [{ condition: { kind: 'literal', value: false } }];
      continue;
    }
    const candidates = new Set<DeploymentRead>(broad);
    for (const matcher of [...(read.branches ?? []), ...(read.tags ?? [])]) {
      if (matcher.kind === 'exact') for (const earlier of byExactName.get(matcher.value) ?? []) candidates.add(earlier);
    }
    if (isBroad(read)) for (const list of byExactName.values()) for (const earlier of list) candidates.add(earlier);
    const excluded = [...candidates].sort((a, b) => order.get(a)! - order.get(b)!).filter((earlier) => mayOverlap(earlier, read));
    const parts: Condition[] = [];
    if (own) parts.push(own);
    for (const earlier of excluded) parts.push({ kind: 'not', condition: conditions.get(earlier) ?? { kind: 'literal', value: true } });
    if (excluded.length) {
      const names = excluded.slice(0, 5).map((x) => `"${x.name}"`).join(', ');
      const more = excluded.length > 5 ? ` and ${excluded.length - 5} more` : '';
      diagnose(ctx, 'circleci1-first-deployment', `deployment "${read.name}" runs only when ${names}${more} did not match`, read.origin);
    }
    read.rules = parts.length ? [{ condition: allOf(parts) }] : [];
    firstWithKey.set(key, read);
    if (isBroad(read)) broad.push(read);
    for (const matcher of [...(read.branches ?? []), ...(read.tags ?? [])]) {
      if (matcher.kind === 'exact') byExactName.set(matcher.value, [...(byExactName.get(matcher.value) ?? []), read]);
    }
  }
}

/** A deployment whose selectors are not only exact names (a regex, or every branch). */
function isBroad(read: DeploymentRead): boolean {
  if (!read.branches && !read.tags) return true;
  return [...(read.branches ?? []), ...(read.tags ?? [])].some((m) => m.kind === 'regex');
}

/** Two regexes may always overlap; a name overlaps a regex when the regex matches it. */
function matchersMayOverlap(a: Matcher, b: Matcher): boolean {
  if (a.kind === 'exact' && b.kind === 'exact') return a.value === b.value;
  if (a.kind === 'exact' && b.kind === 'regex') return matchesName(b, a.value);
  if (a.kind === 'regex' && b.kind === 'exact') return matchesName(a, b.value);
  return true;
}

/** Whether two deployments can match the same ref; only names that cannot match prove they cannot. */
function mayOverlap(a: DeploymentRead, b: DeploymentRead): boolean {
  const overlaps = (x: Matcher[] | undefined, y: Matcher[] | undefined, xAll: boolean, yAll: boolean): boolean => {
    if (xAll || yAll) return (xAll || !!y?.length) && (yAll || !!x?.length);
    if (!x?.length || !y?.length) return false;
    return x.some((m) => y.some((n) => matchersMayOverlap(m, n)));
  };
  // A deployment with neither selector deploys every branch.
  const aAll = !a.branches && !a.tags;
  const bAll = !b.branches && !b.tags;
  if (a.owner !== undefined && b.owner !== undefined && a.owner !== b.owner) return false;
  return overlaps(a.branches, b.branches, aAll, bAll) || overlaps(a.tags, b.tags, false, false);
}
