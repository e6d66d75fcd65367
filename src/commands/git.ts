import { execFileSync } from 'node:child_process';

export type GitResult = { ok: true; stdout: string } | { ok: false; status: number | null; message: string };

/**
 * Runs the system `git` with an argument vector (never a shell string, so paths and branch names
 * cannot inject commands). Failures come back as values with git's own message.
 */
export function runGit(cwd: string, args: readonly string[], options: { timeoutMs?: number; maxBuffer?: number } = {}): GitResult {
  try {
    const stdout = execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      // No pager, no prompt for credentials, no locale-dependent messages to parse.
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
    });
    return { ok: true, stdout };
  } catch (error) {
    const failure = error as { status?: number | null; stderr?: string | Buffer; message?: string; code?: string };
    if (failure.code === 'ENOENT') return { ok: false, status: null, message: 'git is not installed (or not on PATH)' };
    const stderr = String(failure.stderr ?? '').trim();
    return { ok: false, status: failure.status ?? null, message: stderr || failure.message || 'git failed' };
  }
}

/** Like `runGit`, but returns stdout as bytes (file contents may be binary or invalid UTF-8). */
export function runGitBytes(cwd: string, args: readonly string[], maxBuffer: number): { ok: true; stdout: Buffer } | { ok: false; message: string } {
  try {
    const stdout = execFileSync('git', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      maxBuffer,
    });
    return { ok: true, stdout };
  } catch (error) {
    const failure = error as { stderr?: Buffer; message?: string; code?: string };
    if (failure.code === 'ENOENT') return { ok: false, message: 'git is not installed (or not on PATH)' };
    return { ok: false, message: String(failure.stderr ?? '').trim() || failure.message || 'git failed' };
  }
}
