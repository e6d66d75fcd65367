import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const binary = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'gitlab-ci-local');

/** gitlab-ci-local (dev dependency, 4.73.0: the newest that runs on Node 20) is the offline oracle. */
export function hasGitlabCiLocal(): boolean {
  return existsSync(binary);
}

export interface OracleResult {
  ok: boolean;
  /** The fully expanded configuration (`--preview`), when accepted. */
  preview?: string;
  message?: string;
}

/** Runs `gitlab-ci-local --preview` on a configuration in a fresh temp folder (no network used). */
export function previewWithGitlabCiLocal(config: string, extraFiles: Record<string, string> = {}): Promise<OracleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ciport-gcl-'));
  writeFileSync(join(dir, '.gitlab-ci.yml'), config);
  for (const [path, text] of Object.entries(extraFiles)) writeFileSync(join(dir, path), text);
  return new Promise((resolve) => {
    const child = spawn(binary, ['--preview'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      const lastLine = stderr.trim().split('\n').filter((line) => !/remote|fallback|Command failed|fatal: ref|error: No such remote/.test(line)).pop();
      resolve(code === 0 ? { ok: true, preview: stdout } : { ok: false, message: lastLine ?? `exit ${code}` });
    });
  });
}

/** Runs many oracle checks, `concurrency` at a time, keeping input order. */
export async function previewAll(configs: string[], concurrency = 2): Promise<OracleResult[]> {
  const results: OracleResult[] = new Array(configs.length);
  let next = 0;
  const worker = async () => {
    while (next < configs.length) {
      const index = next++;
      results[index] = await previewWithGitlabCiLocal(configs[index]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
