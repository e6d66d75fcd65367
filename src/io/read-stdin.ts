import { readSync } from 'node:fs';
import { limits } from '../yaml/limits.js';
import { decodeText, describeError, type ReadTextResult } from './read-text.js';

/**
 * Reads standard input (`-` as the input) as a configuration's text, with the same limits as a
 * file: it stops reading one chunk past the size limit instead of buffering whatever is piped in.
 * `shown` names it in messages (--stdin-filename, else `<stdin>`).
 */
const pause = new Int32Array(new SharedArrayBuffer(4));

export function readStdin(shown: string, fd = 0): ReadTextResult {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        // A non-blocking pipe with nothing buffered yet: wait and try again; end of input is 0.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 10);
          continue;
        }
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      size += read;
      if (size > limits.maxFileBytes) {
        return { ok: false, code: 'yaml-too-large', message: `${shown} is more than ${limits.maxFileBytes} bytes; ciport reads at most ${limits.maxFileBytes}` };
      }
    }
  } catch (error) {
    return { ok: false, code: 'input-unreadable', message: `cannot read ${shown}: ${describeError(error)}` };
  }
  return decodeText(shown, Buffer.concat(chunks));
}
