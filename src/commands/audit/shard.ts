export interface Shard {
  index: number;
  count: number;
}

/** Parses `k/n` (1-based): shard k of n. */
export function parseShard(value: string): Shard | { error: string } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) return { error: `--shard must be k/n with 1 ≤ k ≤ n, not "${value}"` };
  return { index, count };
}

/**
 * The items of shard k: positions k-1, k-1+n, … of the sorted list. Round-robin over a sorted list
 * gives every machine the same split and shards of near-equal size.
 */
export function selectShard<T>(sorted: readonly T[], shard: Shard): T[] {
  return sorted.filter((_, position) => position % shard.count === shard.index - 1);
}
