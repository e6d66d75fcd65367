/**
 * `ciport verify` from a cold start on two configurations of a few hundred lines (goal < 300 ms).
 * What the check costs inside a translation is measured with the translation (translation.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formats } from '../src/formats/registry.js';
import { translate } from '../src/translate.js';
import { root, type Sample } from './corpus.js';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

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
