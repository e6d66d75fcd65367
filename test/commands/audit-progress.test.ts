/** The audit's progress display, with an injected clock: a line redrawn on a terminal, plain lines every interval in CI. */
import { describe, expect, it } from 'vitest';
import { createProgress, describeProgress, duration } from '../../src/commands/audit/progress.js';
import type { AuditStatus, RepoSummary } from '../../src/report/summary-data.js';

const repo = (name: string, status = 'success'): RepoSummary => ({
  name,
  safeName: name,
  kind: 'checkout',
  status: status as AuditStatus,
  files: [],
  counts: { error: 0, warning: 0, manual: 0, info: 0 },
  findings: [],
  manualTasks: [],
});

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 200, write: (text: string) => written.push(text) > 0 } };
}

describe('audit progress', () => {
  it('in CI writes a plain line every interval with done/total, rate, ETA and failures', () => {
    let now = 1_000_000;
    const out = sink(false);
    const progress = createProgress({ total: 10, stream: out.stream, env: {}, now: () => now, intervalMs: 10_000 });
    now += 2_000;
    progress.record(repo('a'));
    progress.record(repo('b', 'not-converted'));
    progress.tick();
    now += 7_999;
    progress.tick();
    // Nothing before the first interval: a short run leaves the log clean.
    expect(out.written).toEqual([]);
    now += 1;
    progress.tick();
    progress.tick();
    // 2 done in 10 s: 0.2/s = 12/min, 8 left take 40 s.
    expect(out.written).toEqual(['ciport audit: 2/10 repositories (20%), 12.0/min, ETA 40s, 1 failed\n']);
    now += 5_000;
    for (const name of ['c', 'd', 'e', 'f']) progress.record(repo(name, name === 'f' ? 'errors' : 'partial'));
    progress.tick();
    expect(out.written.length).toBe(1);
    now += 5_000;
    progress.tick();
    expect(out.written[1]).toBe('ciport audit: 6/10 repositories (60%), 18.0/min, ETA 13s, 2 failed\n');
    progress.finish();
    // A log that showed progress ends with where it got to.
    expect(out.written[2]).toBe('ciport audit: 6/10 repositories (60%), 18.0/min, ETA 13s, 2 failed\n');
  });

  it('treats a terminal under CI=true as a log', () => {
    let now = 0;
    const out = sink(true);
    const progress = createProgress({ total: 2, stream: out.stream, env: { CI: 'true' }, now: () => now, intervalMs: 1000 });
    progress.record(repo('a'));
    now = 1000;
    progress.tick();
    expect(out.written).toEqual(['ciport audit: 1/2 repositories (50%), 1.0/s, ETA 1s, 0 failed\n']);
  });

  it('on a terminal redraws one line in place, at most every 50 ms, and clears it at the end', () => {
    let now = 0;
    const out = sink(true);
    const progress = createProgress({ total: 3, stream: out.stream, env: {}, now: () => now });
    now = 100;
    progress.record(repo('first'));
    now = 120;
    progress.record(repo('second'));
    now = 4000;
    progress.record(repo('last', 'not-converted'));
    progress.finish();
    expect(out.written).toEqual([
      '\r\u001b[K1/3 repositories (33%), 10.0/s, ETA 0s, 0 failed · first',
      '\r\u001b[K3/3 repositories (100%), 45.0/min, done, 1 failed · last',
      '\r\u001b[K',
    ]);
  });

  it('counts the rate from this run only when resuming, and never writes with interval 0', () => {
    let now = 0;
    const out = sink(false);
    const progress = createProgress({ total: 100, alreadyDone: 90, stream: out.stream, env: {}, now: () => now, intervalMs: 10_000 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) progress.record(repo(name));
    now = 10_000;
    progress.tick();
    expect(out.written).toEqual(['ciport audit: 95/100 repositories (95%), 30.0/min, ETA 10s, 0 failed\n']);
    const silent = sink(false);
    const off = createProgress({ total: 1, stream: silent.stream, env: { CIPORT_PROGRESS_INTERVAL: '0' }, now: () => now });
    now = 1e9;
    off.tick();
    off.finish();
    expect(silent.written).toEqual([]);
  });

  it('takes the interval from CIPORT_PROGRESS_INTERVAL (seconds)', () => {
    let now = 0;
    const out = sink(false);
    const progress = createProgress({ total: 4, stream: out.stream, env: { CIPORT_PROGRESS_INTERVAL: '0.5' }, now: () => now });
    now = 499;
    progress.tick();
    now = 500;
    progress.tick();
    expect(out.written).toEqual(['ciport audit: 0/4 repositories (0%), 0.0/min, ETA unknown, 0 failed\n']);
  });

  it('formats durations and the line', () => {
    expect([duration(400), duration(45_000), duration(185_000), duration(3_720_000)]).toEqual(['0s', '45s', '3m05s', '1h02m']);
    expect(describeProgress({ done: 0, total: 0, failed: 0, newlyDone: 0, elapsedMs: 0 })).toBe('0/0 repositories (100%), 0.0/min, done, 0 failed');
  });
});
