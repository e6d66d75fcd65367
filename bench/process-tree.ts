/**
 * Peak resident memory of a process and all its descendants (worker threads share their process;
 * git children are separate processes), sampled from /proc while it runs. Linux only: elsewhere the
 * sampler reports nothing and callers fall back to the child's own rusage.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** RSS in bytes of `pid` and its descendants right now. */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid … ; rss (pages) is field 24.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      const self = Number(entry);
      rss.set(self, Number(fields[21]) * 4096);
      const siblings = children.get(parent);
      if (siblings) siblings.push(self);
      else children.set(parent, [self]);
    } catch {
      // The process ended between listing and reading.
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    total += rss.get(current) ?? 0;
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

/** The kernel's high-water mark of one process's RSS (VmHWM), in bytes; 0 when unknown. */
function highWaterMark(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the tree's RSS every `intervalMs` until stopped; `stop()` returns the peak in bytes: the
 * largest sampled sum, or the root process's own high-water mark when that is larger (a spike of
 * the main process between two samples still counts).
 */
export function sampleTreeRss(pid: number, intervalMs = 100): { stop(): number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid), highWaterMark(pid));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
