/**
 * Hostile and malformed input: for every generated case and every target of the registry,
 * translate() must not throw or hit an internal error, must end fatal (exit 2) or with located
 * diagnostics, must stay within time and within memory (peak RSS under 1 GB), must open no socket
 * and read nothing outside the repository (checks in check.ts).
 *
 * Large cases run alone in a child process so the peak RSS asserted is theirs. The child's old
 * space is capped at 768 MB: V8 otherwise grows its heap lazily towards a quarter of the machine's
 * memory, and RSS would measure how late the collector ran rather than what the case needs; under
 * the cap a case that needs more dies, and fails. Small cases run here, and the peak RSS of this
 * process so far (a bound on each case's own peak) is asserted after each.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTargets } from '../../src/formats/registry.js';
import { buildCases } from './cases.js';
import { checkCase, makeRepository, type CaseReport } from './check.js';
import { installGuards } from './guards.js';

const cases = buildCases();
const maxRssBytes = 1024 ** 3;
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const measured: Array<{ name: string; ms: number; peakRssBytes: number; alone: boolean }> = [];

function runAlone(index: number): CaseReport & { peakRssBytes: number } {
  const child = spawnSync(process.execPath, ['--max-old-space-size=768', '--import', tsxLoader, join(import.meta.dirname, 'run-case.ts'), String(index)], {
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = child.stdout.trim().split('\n').at(-1) ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    return { failures: [`the child process ended with ${child.status ?? child.signal}: ${child.stderr.slice(-2000)}`], times: [], peakRssBytes: 0 };
  }
  return JSON.parse(last) as CaseReport & { peakRssBytes: number };
}

beforeAll(() => installGuards());

afterAll(() => {
  if (!measured.length) return;
  const slowest = measured.reduce((a, b) => (b.ms > a.ms ? b : a));
  const alone = measured.filter((m) => m.alone);
  const hungriest = alone.length ? alone.reduce((a, b) => (b.peakRssBytes > a.peakRssBytes ? b : a)) : undefined;
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  console.log(
    `hostile suite: ${measured.length} cases x ${emitTargets().length} targets; slowest case "${slowest.name}" ${slowest.ms} ms (peak RSS ${mb(slowest.peakRssBytes)}${slowest.alone ? ', run alone' : ', of this process'}); ` +
      `${hungriest ? `largest peak RSS of a case run alone "${hungriest.name}" ${mb(hungriest.peakRssBytes)}; ` : ''}this process peaked at ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
});

describe('hostile input', () => {
  it('has at least 300 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  const repo = makeRepository();
  cases.forEach((hostile, index) => {
    it(`${hostile.format}: ${hostile.name.slice(0, 100)}`, { timeout: hostile.large ? 600_000 : 60_000 }, () => {
      const report = hostile.large ? runAlone(index) : { ...checkCase(hostile, repo), peakRssBytes: process.resourceUsage().maxRSS * 1024 };
      expect(report.failures).toEqual([]);
      expect(report.times.map((t) => t.target)).toEqual(emitTargets().map((t) => t.stem));
      expect(report.peakRssBytes, `peak RSS ${report.peakRssBytes} bytes`).toBeLessThan(maxRssBytes);
      measured.push({ name: `${hostile.format}: ${hostile.name}`, ms: report.times.reduce((sum, t) => sum + t.ms, 0), peakRssBytes: report.peakRssBytes, alone: hostile.large === true });
    });
  });
});
