/**
 * "Did you mean …?" for a misspelt name (a format id, a diagnostic code, a key): the known name
 * closest in edit distance, when it is close enough that the guess helps more than it misleads.
 */

/**
 * Edit distance where swapping two neighbouring letters counts as one edit (optimal string
 * alignment, a restricted Damerau-Levenshtein): `scirpt` is one edit from `script`, as a typist
 * would count it. Names are short, so a full table stays cheap.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const above = rows[i - 1]!;
      let best = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
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

/**
 * The hint for an unknown mapping key: `Did you mean "script"?` when exactly one known key of that
 * mapping is nearest, at most 2 edits away and fewer edits than half the key's length (so `on` is
 * not taken for `os`). Keys are compared as written: YAML keys are case-sensitive.
 */
export function didYouMeanKey(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const name of new Set(known)) {
    if (name === key) return undefined;
    const distance = editDistance(key, name);
    if (distance < bestDistance) [best, bestDistance, tied] = [name, distance, false];
    else if (distance === bestDistance) tied = true;
  }
  if (best === undefined || tied || bestDistance > 2 || bestDistance * 2 >= key.length) return undefined;
  return `Did you mean "${best}"?`;
}
