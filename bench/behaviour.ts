/**
 * What the behaviour check costs: translate() with and without the comparison of input and
 * re-read output, on the same files, rounds interleaved so both see the same load (issue goal:
 * the comparison costs at most 25 % of the translation it checks). And `ciport verify` from a
 * cold start on two configurations of a few hundred lines (goal < 300 ms).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formats } from '../src/formats/registry.js';
import { translate } from '../src/translate.js';
import { root, type Sample } from './corpus.js';
import { targets, type Target } from './translation.js';

export interface BehaviourCost {
  target: string;
  withoutMs: number;
  withMs: number;
  /** (with − without) / without. */
  share: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function timeAll(samples: readonly Sample[], target: Target, behaviour: boolean): number {
  const start = process.hrtime.bigint();
  for (const sample of samples) {
    translate({ file: formats[sample.format].fileNames[0]!, text: sample.text, from: sample.format, to: target.id, emit: target.version ? { version: target.version } : {}, behaviour });
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function benchBehaviourCost(samples: readonly Sample[], rounds: number): BehaviourCost[] {
  return targets.map((target) => {
    timeAll(samples, target, true);
    const without: number[] = [];
    const withCheck: number[] = [];
    for (let round = 0; round < rounds; round++) {
      without.push(timeAll(samples, target, false));
      withCheck.push(timeAll(samples, target, true));
    }
    const withoutMs = median(without);
    const withMs = median(withCheck);
    return { target: target.stem, withoutMs, withMs, share: (withMs - withoutMs) / withoutMs };
  });
}

/**
 * `ciport verify <a> <b>` cold, compiled: the largest corpus files of each source between 200 and
 * 600 lines, each against its own GitLab translation. Returns the median wall time and the lines.
 */
export function benchVerifyColdStart(samples: readonly Sample[], runs: number): { ms: number; lines: number; pairs: number } {
  const cli = join(root, 'bin', 'ciport.js');
  const sized = samples.filter((s) => {
    const lines = s.text.split('\n').length;
    return lines >= 200 && lines <= 600;
  });
  const chosen = [...new Map(sized.map((s) => [s.format, s])).values()];
  const work = mkdtempSync(join(tmpdir(), 'ciport-bench-verify-'));
  const times: number[] = [];
  let lines = 0;
  try {
    chosen.forEach((sample, index) => {
      const translated = translate({ file: formats[sample.format].fileNames[0]!, text: sample.text, from: sample.format, to: 'gitlab', behaviour: false }).output;
      if (translated === null) return;
      const a = join(work, `${index}-a.yml`);
      const b = join(work, `${index}-b.yml`);
      writeFileSync(a, sample.text);
      writeFileSync(b, translated);
      lines = Math.max(lines, sample.text.split('\n').length);
      for (let run = 0; run < runs; run++) {
        const start = process.hrtime.bigint();
        spawnSync(process.execPath, [cli, 'verify', a, b, '--from', sample.format, '--from-b', 'gitlab'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { ms: median(times), lines, pairs: chosen.length };
}
