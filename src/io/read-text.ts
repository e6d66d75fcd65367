import { readFileSync, statSync } from 'node:fs';
import { limits } from '../yaml/limits.js';

export type ReadTextResult = { ok: true; text: string } | { ok: false; code: 'input-unreadable' | 'yaml-too-large' | 'yaml-binary'; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a configuration file as UTF-8 text, refusing what is too large, binary or not UTF-8. */
export function readText(path: string): ReadTextResult {
  try {
    const size = statSync(path).size;
    if (size > limits.maxFileBytes) {
      return { ok: false, code: 'yaml-too-large', message: `${path} is ${size} bytes; ciport reads at most ${limits.maxFileBytes}` };
    }
    const bytes = readFileSync(path);
    return decodeText(path, bytes);
  } catch (error) {
    return { ok: false, code: 'input-unreadable', message: `cannot read ${path}: ${describeError(error)}` };
  }
}

export function decodeText(path: string, bytes: Uint8Array): ReadTextResult {
  if (bytes.includes(0)) return { ok: false, code: 'yaml-binary', message: `${path} contains NUL bytes; it is not a text file` };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, code: 'yaml-binary', message: `${path} is not valid UTF-8 text` };
  }
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'no space left on device';
  if (code === 'EROFS') return 'read-only file system';
  return error instanceof Error ? error.message : String(error);
}
