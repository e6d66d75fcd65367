import * as fs from 'node:fs';
import { dirname, join, basename } from 'node:path';

/**
 * The file-system calls every report write goes through. Tests swap its members to inject faults
 * (a disk that fills up after N writes) into the real code paths, in the CLI process and in each
 * audit worker thread.
 */
export const writeFs = {
  mkdirSync: fs.mkdirSync,
  writeFileSync: fs.writeFileSync,
  renameSync: fs.renameSync,
  rmSync: fs.rmSync,
};

/** Writes a file so readers see the old content or the new, never half of it. */
export function writeFileAtomic(path: string, text: string): void {
  writeFs.mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFs.writeFileSync(temporary, text);
    writeFs.renameSync(temporary, path);
  } catch (error) {
    writeFs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes a folder of files (relative path → text) so that `dir` holds either its previous content
 * or all of the new files, never a mix or a truncated file: the files go to a hidden sibling folder
 * first, which then takes `dir`'s place. On failure the sibling is removed and `dir` is untouched.
 */
export function writeFolderAtomic(dir: string, files: ReadonlyArray<readonly [string, string]>, tag: string): void {
  const staging = join(dirname(dir), `.${basename(dir)}.${tag}.tmp`);
  try {
    // A folder left by a killed run under the same tag holds nothing of value.
    writeFs.rmSync(staging, { recursive: true, force: true });
    writeFs.mkdirSync(staging, { recursive: true });
    for (const [path, text] of files) {
      if (path.includes('/')) writeFs.mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFs.writeFileSync(join(staging, path), text);
    }
    replaceFolder(staging, dir, tag);
  } catch (error) {
    writeFs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Renames `from` to `to`, moving an existing `to` aside first (rename cannot replace a non-empty folder). */
function replaceFolder(from: string, to: string, tag: string): void {
  try {
    writeFs.renameSync(from, to);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EISDIR' && code !== 'ENOTDIR') throw error;
  }
  const old = join(dirname(to), `.${basename(to)}.${tag}.old`);
  writeFs.rmSync(old, { recursive: true, force: true });
  writeFs.renameSync(to, old);
  writeFs.renameSync(from, to);
  writeFs.rmSync(old, { recursive: true, force: true });
}
