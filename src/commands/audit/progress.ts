/** A one-line progress display on a terminal; silent in CI logs and pipes, where it would be noise. */
export interface Progress {
  update(done: number, total: number, name: string): void;
  finish(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!stream.isTTY || env.CI) return { update() {}, finish() {} };
  let shown = false;
  let last = 0;
  return {
    update(done, total, name) {
      const now = Date.now();
      // Redraw at most every 50 ms: a fast audit would otherwise spend its time on the terminal.
      if (done < total && now - last < 50) return;
      last = now;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\u001b[K${`[${done}/${total}] ${name}`.slice(0, width)}`);
      shown = true;
    },
    finish() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
