/**
 * One process per file: `ciport convert` (compiled) against `node -e 0`, and against
 * `gitlab-ci-local --preview` on the same GitLab files (each in its own small git repository, as
 * gitlab-ci-local expects). Both tools resolve the GitLab configuration; only ciport also writes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from './corpus.js';
import { root } from './corpus.js';

const cli = join(root, 'bin', 'ciport.js');
const gitlabCiLocal = join(root, 'node_modules', '.bin', 'gitlab-ci-local');

function time(command: string, args: string[], cwd?: string): { ms: number; ok: boolean } {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { stdio: 'ignore', ...(cwd ? { cwd } : {}), env: { ...process.env, NO_COLOR: '1', CI: '1' }, timeout: 60_000 });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, ok: run.status === 0 || run.status === 1 };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export interface ColdStartResult {
  nodeMs: number;
  ciportMs: number;
  /** GitLab files both tools ran on. */
  files: number;
  ciportGitlabMs?: number;
  gitlabCiLocalMs?: number;
}

export function benchColdStart(gitlabSamples: readonly Sample[], runs: number, fileCount: number): ColdStartResult {
  const example = join(root, 'examples', 'node-service');
  const nodeMs = median(Array.from({ length: runs }, () => time(process.execPath, ['-e', '0']).ms));
  const ciportMs = median(Array.from({ length: runs }, () => time(process.execPath, [cli, 'convert', example, '--to', 'gitlab']).ms));
  if (!existsSync(gitlabCiLocal) || gitlabSamples.length === 0) return { nodeMs, ciportMs, files: 0 };

  const work = mkdtempSync(join(tmpdir(), 'ciport-bench-gcl-'));
  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    for (const [index, sample] of gitlabSamples.slice(0, fileCount).entries()) {
      const dir = join(work, String(index));
      mkdirSync(dir);
      writeFileSync(join(dir, '.gitlab-ci.yml'), sample.text);
      const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], { cwd: dir, stdio: 'ignore' });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'config');
      git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
      const preview = time(gitlabCiLocal, ['--preview'], dir);
      // A file gitlab-ci-local refuses (or that needs the network) is no fair comparison.
      if (!preview.ok) continue;
      theirs.push(preview.ms);
      ours.push(time(process.execPath, [cli, 'convert', join(dir, '.gitlab-ci.yml'), '--to', 'gitlab']).ms);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { nodeMs, ciportMs, files: ours.length, ciportGitlabMs: median(ours), gitlabCiLocalMs: median(theirs) };
}
