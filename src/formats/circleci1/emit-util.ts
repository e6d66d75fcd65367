import type { Condition } from '../../ir/types.js';

/** A condition without origins, for comparing conditions by meaning. */
export function normalizeCondition(condition: Condition): unknown {
  return JSON.parse(JSON.stringify(condition, (key, value) => (key === 'origin' || key === 'comments' ? undefined : value)));
}

/** Seconds in a duration string (`600s`, `10m`, `1h 30m`, `90`); `undefined` when unreadable. */
export function durationSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const units: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86400 };
  let total = 0;
  let matched = '';
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(s|sec|min|m|hr|h|d)\b/g)) {
    total += Number(match[1]) * units[match[2]!]!;
    matched += match[0];
  }
  if (!matched || matched.replace(/\s/g, '') !== trimmed.replace(/\s/g, '')) return undefined;
  return Math.round(total);
}
