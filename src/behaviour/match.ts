/**
 * Pairs the jobs of two pipelines. Writers keep names where the target allows them, so most pair
 * exactly; the rest differ by spelling (`deploy_prod` for `deploy-prod`) or by a workflow prefix
 * (`nightly:build`, `nightly-build`).
 */
export function matchJobs(a: readonly string[], b: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const free = new Set(b);
  const take = (x: string, y: string) => {
    out.set(x, y);
    free.delete(y);
  };
  for (const x of a) if (free.has(x)) take(x, x);
  const spellings: Array<(name: string) => string> = [spelling, (n) => spelling(n.replace(/^[^:]+:/, '')), (n) => spelling(n).replace(/^[^-]+-/, '')];
  for (const spell of spellings) {
    const index = new Map<string, string>();
    for (const y of free) if (!index.has(spell(y))) index.set(spell(y), y);
    for (const x of a) {
      if (out.has(x)) continue;
      const y = index.get(spell(x)) ?? index.get(spelling(x));
      if (y && free.has(y)) take(x, y);
    }
  }
  return out;
}

function spelling(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
