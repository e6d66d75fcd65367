/**
 * Pairs the jobs of two pipelines. Writers keep names where the target allows them, so most pair
 * exactly; the rest differ by spelling (`deploy_prod` for `deploy-prod`) or by a workflow prefix
 * (`nightly:build`, `nightly-build`). A job still alone then pairs with the one that shares most
 * of its commands (`similarity`), as where a target with one build holds several jobs' commands.
 */
export function matchJobs(
  a: readonly string[],
  b: readonly string[],
  similarity?: (x: string, y: string) => number,
  /** Every job of the second pipeline, paired already or not: where else x's commands may be. */
  everyB: readonly string[] = b,
): Map<string, string> {
  const out = new Map<string, string>();
  const free = new Set(b);
  const take = (x: string, y: string) => {
    out.set(x, y);
    free.delete(y);
  };
  // A name says which job it is unless another job runs clearly more of x's commands.
  const named = (x: string, y: string) => plausibleNamesake(x, y, everyB, similarity);
  for (const x of a) if (free.has(x) && named(x, x)) take(x, x);
  const spellings: Array<(name: string) => string> = [spelling, (n) => spelling(n.replace(/^[^:]+:/, '')), (n) => spelling(n).replace(/^[^-]+-/, '')];
  for (const spell of spellings) {
    const index = new Map<string, string>();
    for (const y of free) if (!index.has(spell(y))) index.set(spell(y), y);
    for (const x of a) {
      if (out.has(x)) continue;
      const y = index.get(spell(x)) ?? index.get(spelling(x));
      if (y && free.has(y) && named(x, y)) take(x, y);
    }
  }
  if (similarity) {
    for (const y of [...free]) {
      let best: { x: string; score: number } | undefined;
      for (const x of a) {
        if (out.has(x)) continue;
        const score = similarity(x, y);
        // Left alone rather than paired with a job holding a few of its commands, when another
        // job (paired already: several jobs joined into one) holds clearly more of them.
        if (score > 0 && (!best || score > best.score) && named(x, y)) best = { x, score };
      }
      if (best) take(best.x, y);
    }
  }
  return out;
}

/**
 * Whether `y`, named like `x` or sharing some of its commands, stands for it: unless another job
 * of the second pipeline runs clearly more of `x`'s commands (more than twice as many, and two
 * more at least). A 1.0 target's one `build` holds other jobs' commands than a source job called
 * build, which went to a deployment with the jobs it was joined to.
 */
export function plausibleNamesake(x: string, y: string, others: Iterable<string>, similarity?: (x: string, y: string) => number): boolean {
  if (!similarity) return true;
  const own = similarity(x, y);
  for (const other of others) if (other !== y && similarity(x, other) > 2 * own + 1) return false;
  return true;
}

/** A name with case and punctuation made neutral: `Deploy_Prod`, `deploy-prod`. */
export function spelling(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
