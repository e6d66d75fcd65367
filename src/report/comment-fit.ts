/**
 * Fits the pull/merge request comment into the host's limit (see comment-limits.ts). What a reviewer
 * needs first stays whole as long as it can: the summary, then the table of which jobs run, the
 * warnings and the manual tasks; the diff comes last and is the first to be cut. Whatever is cut is
 * said in the comment: how much, and where the whole of it is.
 */
import { plural } from './locations.js';

/** A list (warnings, manual tasks) that may lose items from its end. */
export interface ListSection {
  /** The heading and, for a table, its header rows. */
  heading: string[];
  items: string[];
  /** What one item is called: `warning`, `manual task`. */
  noun: string;
}

export interface DiffSection {
  /** The target file the patch changes. */
  path: string;
  /** The unified diff, one entry a line. */
  lines: string[];
}

/** The comment in pieces, in the order it is printed. */
export interface CommentParts {
  head: string[];
  /** The "which jobs run" table, and a shorter form of it with the job lists counted. */
  behaviour?: { full: string[]; compact: string[] } | undefined;
  lists: ListSection[];
  diff?: DiffSection | undefined;
  footer: string[];
}

export interface FitOptions {
  maxChars: number;
  /** The file the whole comment was written to (`--output`). */
  fullFile?: string | undefined;
  /** Where CI publishes that file (`--output-url`). */
  fullUrl?: string | undefined;
  /** The command that shows everything, for a comment with no whole copy elsewhere. */
  rerun: string;
}

/** Diffs longer than this are folded in a `<details>` block so the comment stays readable. */
export const collapseAfterLines = 200;

interface Layout {
  compactBehaviour: boolean;
  /** Items shown per list. */
  cap: number;
  /** Diff lines shown. */
  diffLines: number;
}

/** The whole comment, nothing left out. */
export function renderWhole(parts: CommentParts): string {
  return render(parts, { compactBehaviour: false, cap: Infinity, diffLines: parts.diff?.lines.length ?? 0 });
}

/** The comment within `options.maxChars`: cut from the end of the diff first, then the rest. */
export function fitComment(parts: CommentParts, options: FitOptions): string {
  const whole = renderWhole(parts);
  if (whole.length <= options.maxChars) return whole;
  const fits = (text: string) => text.length <= options.maxChars;
  const diffTotal = parts.diff?.lines.length ?? 0;
  const longestItems = Math.max(0, ...parts.lists.map((l) => l.items.length));
  for (const compactBehaviour of parts.behaviour ? [false, true] : [false]) {
    const withDiff = largest(0, diffTotal, (n) => render(parts, { compactBehaviour, cap: Infinity, diffLines: n }, options), fits);
    if (withDiff !== undefined) return withDiff;
  }
  const withFewerItems = largest(0, longestItems, (n) => render(parts, { compactBehaviour: true, cap: n, diffLines: 0 }, options), fits);
  return withFewerItems ?? hardCut(render(parts, { compactBehaviour: true, cap: 0, diffLines: 0 }, options), options);
}

/** The text for the largest n in [low, high] that fits (the text grows with n); undefined if none. */
function largest(low: number, high: number, text: (n: number) => string, fits: (text: string) => boolean): string | undefined {
  let best: string | undefined;
  let lo = low;
  let hi = high;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = text(mid);
    if (fits(candidate)) {
      best = candidate;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** Last resort for a limit smaller than the summary itself: cut the text at a line end. */
function hardCut(text: string, options: FitOptions): string {
  const note = `\n\n**This comment is cut short** to keep it within ${number(options.maxChars)} characters. ${whereWhole(options, 'comment')}\n`;
  const room = options.maxChars - note.length;
  if (room <= 0) return text.slice(0, options.maxChars);
  const kept = text.slice(0, room);
  const lineEnd = kept.lastIndexOf('\n');
  return `${(lineEnd > 0 ? kept.slice(0, lineEnd) : kept).trimEnd()}${note}`;
}

function render(parts: CommentParts, layout: Layout, options?: FitOptions): string {
  const blocks: string[][] = [parts.head];
  if (parts.behaviour) blocks.push(layout.compactBehaviour ? parts.behaviour.compact : parts.behaviour.full);
  for (const list of parts.lists) {
    if (!list.items.length) continue;
    const shown = list.items.slice(0, layout.cap);
    const left = list.items.length - shown.length;
    // With no item left, a table header without rows would only confuse: keep the title alone.
    const block = shown.length ? [...list.heading, ...shown] : list.heading.slice(0, 1);
    if (left > 0 && options) {
      const what = shown.length ? `… and ${plural(left, `more ${list.noun}`, `more ${list.noun}s`)}:` : `${plural(left, list.noun)}`;
      block.push('', `_${what} ${cutNote(options)} ${whereWhole(options, 'list')}_`);
    }
    blocks.push(block);
  }
  if (parts.diff) blocks.push(...diffBlocks(parts.diff, layout.diffLines, options));
  blocks.push(parts.footer);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}

/** The fenced diff (folded when long) of its first `shown` lines, and a note when lines are left out. */
function diffBlocks(diff: DiffSection, shown: number, options?: FitOptions): string[][] {
  const total = diff.lines.length;
  const kept = diff.lines.slice(0, shown);
  const blocks: string[][] = [];
  if (kept.length) {
    const fence = diff.lines.some((line) => line.includes('```')) ? '````' : '```';
    const block = [`${fence}diff`, ...kept, fence];
    const what = kept.length < total ? `first ${kept.length} of ${plural(total, 'line')}` : plural(total, 'line');
    blocks.push(kept.length > collapseAfterLines ? [`<details><summary>Diff of \`${diff.path}\` (${what})</summary>`, '', ...block, '', '</details>'] : block);
  }
  if (kept.length < total && options) {
    const leftLines = diff.lines.slice(kept.length);
    const leftChars = leftLines.reduce((sum, line) => sum + line.length + 1, 0);
    const head = kept.length
      ? `**The diff is cut short**: ${number(leftLines.length)} of ${number(total)} lines (${number(leftChars)} characters) are ${cutNote(options)}`
      : `**The diff is not shown**: its ${number(total)} lines (${number(leftChars)} characters) are ${cutNote(options)}`;
    blocks.push([`> ${head} ${whereWhole(options, 'diff')}`]);
  }
  return blocks;
}

function cutNote(options: FitOptions): string {
  return `left out to keep this comment within ${number(options.maxChars)} characters.`;
}

function whereWhole(options: FitOptions, what: 'diff' | 'list' | 'comment'): string {
  const file = options.fullFile ? `\`${options.fullFile}\`` : undefined;
  if (options.fullUrl) return `The whole comment: [${file ?? 'full report'}](${options.fullUrl}).`;
  if (file) return `The whole comment is in ${file}, written by this run.`;
  return `Run \`${options.rerun}\` to see ${what === 'diff' ? 'the whole diff' : 'everything'}.`;
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}
