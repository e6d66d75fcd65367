import type { Pattern } from './types.js';

/**
 * Regex conversion between whole-name matching (CircleCI filters, 1.0 branch regexes) and
 * anywhere matching (GitLab `=~`). Nothing is unanchored silently: a conversion that cannot keep
 * the meaning says so through `exact: false`.
 */
export interface PatternText {
  source: string;
  /** False when the converted regex can match names the original did not (or the reverse). */
  exact: boolean;
}

const startsAnchored = (source: string) => source.startsWith('^') || source.startsWith('\\A');
const endsAnchored = (source: string) =>
  (source.endsWith('$') && !source.endsWith('\\$')) || source.endsWith('\\z') || source.endsWith('\\Z');

/** A pattern that matches anywhere, written so it matches like `pattern` does. */
export function toSearchPattern(pattern: Pattern): string {
  if (!pattern.fullMatch) return pattern.source;
  const anchoredStart = startsAnchored(pattern.source);
  const anchoredEnd = endsAnchored(pattern.source);
  if (anchoredStart && anchoredEnd) return pattern.source;
  const needsGroup = /\|/.test(pattern.source);
  const body = needsGroup ? `(?:${pattern.source})` : pattern.source;
  return `${anchoredStart ? '' : '^'}${body}${anchoredEnd ? '' : '$'}`;
}

/** A pattern that must match the whole name, written so it matches like `pattern` does. */
export function toFullMatchPattern(pattern: Pattern): PatternText {
  if (pattern.fullMatch) return { source: pattern.source, exact: true };
  let source = pattern.source;
  const anchoredStart = startsAnchored(source);
  const anchoredEnd = endsAnchored(source);
  if (anchoredStart) source = source.startsWith('\\A') ? source.slice(2) : source.slice(1);
  if (anchoredEnd) source = source.endsWith('$') ? source.slice(0, -1) : source.slice(0, -2);
  const needsGroup = /\|/.test(source) && !(anchoredStart && anchoredEnd);
  const body = needsGroup ? `(?:${source})` : source;
  const result = `${anchoredStart ? '' : '.*'}${body}${anchoredEnd ? '' : '.*'}`;
  // Anchors in the middle of an alternation (`^a|b$`) do not mean the whole name.
  const exact = !/\|/.test(source) || (anchoredStart && anchoredEnd) || (!anchoredStart && !anchoredEnd);
  return { source: result, exact };
}

/** Whether a regex source is valid JavaScript regex syntax (the dialect ciport checks with). */
export function isValidRegex(source: string, flags = ''): boolean {
  try {
    new RegExp(source, flags.replace(/[^gimsuy]/g, ''));
    return true;
  } catch {
    return false;
  }
}

/**
 * A pattern's source in JavaScript syntax: GitLab's RE2 (and Ruby) anchor a whole name with `\A`
 * and `\z`, which JavaScript reads as the letters A and z.
 */
export function javascriptSource(source: string): string {
  return source.replace(/^\\A/, '^').replace(/(?<!\\)\\z$/, '$');
}

/** Whether a name matches the pattern under its own matching rule. */
export function matchesName(pattern: Pattern, name: string): boolean {
  try {
    const source = javascriptSource(pattern.source);
    const regex = new RegExp(pattern.fullMatch ? `^(?:${source})$` : source, pattern.flags?.replace(/[^imsu]/g, ''));
    return regex.test(name);
  } catch {
    return false;
  }
}
