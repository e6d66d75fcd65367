/** `"a", "b" and 3 more`: names for one diagnostic about many jobs. */
export function nameList(names: readonly string[], shown = 5): string {
  const quoted = names.slice(0, shown).map((name) => `"${name}"`);
  const rest = names.length - quoted.length;
  if (rest > 0) return `${quoted.join(', ')} and ${rest} more`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
