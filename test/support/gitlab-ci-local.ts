import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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
  /** The oracle needed the network (an external include) and could not judge. */
  offline?: boolean;
}

/** Runs `gitlab-ci-local --preview` on a configuration in a fresh temp folder (no network used). */
export function previewWithGitlabCiLocal(config: string, extraFiles: Record<string, string> = {}): Promise<OracleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ciport-gcl-'));
  writeFileSync(join(dir, '.gitlab-ci.yml'), config);
  for (const [path, text] of Object.entries(extraFiles)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // `rules: changes` makes the oracle run `git diff`: give it a repository with one commit.
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=ciport', '-c', 'user.email=ciport@example.invalid', ...args], { cwd: dir, stdio: 'ignore' });
  // On branch main, the remote's default branch below: rules comparing the two match.
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'config');
  // …and a remote default branch to compare with, as a clone has.
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
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
      if (code === 0) return resolve({ ok: true, preview: stdout });
      // Includes of other projects, templates and URLs make the oracle try the network, which
      // this machine does not have: that is no verdict on the file.
      if (/getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(stderr)) return resolve({ ok: false, offline: true, message: 'needs the network (external include)' });
      const noise = /remote|fallback|Command failed|^fatal: |No such remote|parsing and downloads|json schema validated|^\s*at |^```|^\s*$/;
      const lines = stderr.split('\n').filter((line) => !noise.test(line));
      resolve({ ok: false, message: lines.slice(0, 3).join(' ').slice(0, 300) || `exit ${code}` });
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
