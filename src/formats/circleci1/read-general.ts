import { isMap, isSeq } from 'yaml';
import type { Condition, Matcher, Notification, Origin } from '../../ir/types.js';
import { entries, items, stringValue, type Entry } from '../../yaml/view.js';
import { at, diagnose, nodeAt, take, wrongType, type ReadContext } from './read-context.js';
import { readStrings } from './read-phases.js';
import { allOf, readMatchers, refCondition } from './read-refs.js';

export interface BranchFilter {
  only?: Matcher[];
  ignore?: Matcher[];
  origin?: Origin;
}

export interface GeneralRead {
  branches?: BranchFilter;
  buildDir?: string;
  buildDirOrigin?: Origin;
  artifacts?: { paths: string[]; origin?: Origin };
}

/** `general` (configuration.md §7): which branches build, the build directory, extra artifacts. */
export function readGeneral(ctx: ReadContext, section: Entry | undefined): GeneralRead {
  const result: GeneralRead = {};
  if (!section) return result;
  if (!isMap(section.value)) {
    if (section.value === null) take(ctx, section);
    else wrongType(ctx, section, ['general'], 'a map');
    return result;
  }
  take(ctx, section);
  for (const e of entries(ctx.reader, section.value)) {
    const path = ['general', e.key];
    if (e.key === 'branches') {
      const filter = readBranchFilter(ctx, e, path);
      if (filter) result.branches = filter;
    } else if (e.key === 'build_dir') {
      const dir = stringValue(ctx.reader, e.value);
      if (dir === undefined || isMap(e.value) || isSeq(e.value)) wrongType(ctx, e, path, 'a relative directory');
      else {
        take(ctx, e);
        result.buildDir = dir;
        const origin = at(ctx, e, path);
        if (origin) result.buildDirOrigin = origin;
      }
    } else if (e.key === 'artifacts') {
      const paths = readStrings(ctx, e, path);
      if (paths?.length) {
        const origin = at(ctx, e, path);
        result.artifacts = origin ? { paths, origin } : { paths };
      }
    }
  }
  return result;
}

/** `only`/`ignore` lists of names and `/regex/`es. */
export function readBranchFilter(ctx: ReadContext, e: Entry, path: Array<string | number>): BranchFilter | undefined {
  if (!isMap(e.value)) {
    wrongType(ctx, e, path, 'a map with `only` or `ignore`');
    return undefined;
  }
  take(ctx, e);
  const filter: BranchFilter = {};
  const origin = at(ctx, e, path);
  if (origin) filter.origin = origin;
  for (const x of entries(ctx.reader, e.value)) {
    if (x.key !== 'only' && x.key !== 'ignore') continue;
    const matchers = readMatchers(ctx, x, [...path, x.key]);
    if (matchers) filter[x.key] = matchers;
  }
  return filter;
}

/** The condition a branch filter lets through: in `only` (when given) and not in `ignore`. */
export function branchFilterCondition(filter: BranchFilter): Condition | undefined {
  const parts: Condition[] = [];
  if (filter.only) parts.push(refCondition('branch', filter.only));
  if (filter.ignore?.length) parts.push({ kind: 'not', condition: refCondition('branch', filter.ignore) });
  return parts.length ? allOf(parts) : undefined;
}

/** `experimental.notify.branches` (chat notifications) and `notify.webhooks` (configuration.md §8, §9). */
export function readNotifications(ctx: ReadContext, experimental: Entry | undefined, notify: Entry | undefined): Notification[] {
  const notifications: Notification[] = [];
  if (experimental) {
    const notifyEntry = mapEntry(ctx, experimental, ['experimental'], 'notify');
    const branches = notifyEntry ? mapEntry(ctx, notifyEntry, ['experimental', 'notify'], 'branches') : undefined;
    if (branches) {
      const filter = readBranchFilter(ctx, branches, ['experimental', 'notify', 'branches']);
      const condition = filter ? branchFilterCondition(filter) : undefined;
      if (condition) {
        const notification: Notification = { kind: 'chat-branches', condition };
        if (filter?.origin) notification.origin = filter.origin;
        notifications.push(notification);
      }
    }
  }
  if (notify) {
    const webhooks = mapEntry(ctx, notify, ['notify'], 'webhooks');
    if (webhooks) {
      const path = ['notify', 'webhooks'];
      if (!isSeq(webhooks.value)) wrongType(ctx, webhooks, path, 'a list of `{url: …}` maps');
      else {
        take(ctx, webhooks);
        items(ctx.reader, webhooks.value).forEach((item, index) => {
          const url = isMap(item) ? entries(ctx.reader, item).find((x) => x.key === 'url') : undefined;
          const text = url ? stringValue(ctx.reader, url.value) : undefined;
          if (!url || text === undefined) {
            diagnose(ctx, 'wrong-type', `"${[...path, index].join('.')}" should be a map with \`url\``, nodeAt(ctx, item, [...path, index]) ?? at(ctx, webhooks, path));
            return;
          }
          take(ctx, url);
          // Variables are not expanded in webhook URLs (environment-variables.md).
          const notification: Notification = { kind: 'webhook', url: text };
          const origin = nodeAt(ctx, item, [...path, index]);
          if (origin) notification.origin = origin;
          notifications.push(notification);
        });
      }
    }
  }
  return notifications;
}

/** The entry `key` of a section that must be a map; takes the section. */
function mapEntry(ctx: ReadContext, e: Entry, path: string[], key: string): Entry | undefined {
  if (!isMap(e.value)) {
    if (e.value === null) take(ctx, e);
    else wrongType(ctx, e, path, 'a map');
    return undefined;
  }
  take(ctx, e);
  return entries(ctx.reader, e.value).find((x) => x.key === key);
}
