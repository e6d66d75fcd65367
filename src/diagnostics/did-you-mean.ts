/**
 * "Did you mean …?" for a misspelt name (a format id, a diagnostic code, a key): the known name
 * closest in edit distance, when it is close enough that the guess helps more than it misleads.
 */

/** Levenshtein distance, one row at a time: names are short, so this stays cheap. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known name nearest to `input`, or undefined when none is within about a third of the
 * input's length (at least 1, at most 3 edits): `gitlb` → `gitlab`, but `jenkins` → nothing.
 */
export function closestName(input: string, known: Iterable<string>): string | undefined {
  const wanted = input.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** ` (did you mean "x"?)` to follow the misspelt name in a message, or nothing when no known name is close. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const name = closestName(input, known);
  return name ? ` (did you mean "${name}"?)` : '';
}
