/**
 * Progress of an audit on stderr: done/total, rate, time left and failures. On a terminal one line
 * is redrawn in place; in a CI log or a pipe a plain line is written every `intervalMs` (10 s), so a
 * long run shows it is alive without flooding the log. A run shorter than one interval prints nothing.
 */
import type { RepoSummary } from '../../report/summary-data.js';

/** What the progress line does not count as failed; every other status (no output, output with errors) is. */
const fineStatuses: ReadonlySet<string> = new Set(['on-target', 'success', 'partial', 'unsupported']);

export interface Progress {
  /** One repository finished. */
  record(summary: RepoSummary): void;
  /** Writes a line when one is due (called by the timer; tests call it with an injected clock). */
  tick(): void;
  finish(): void;
}

export interface ProgressOptions {
  /** Repositories of this run, those already done by an earlier run (`--resume`) included. */
  total: number;
  alreadyDone?: number;
  stream?: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Between plain lines; default 10 s, or CIPORT_PROGRESS_INTERVAL seconds (0: never). */
  intervalMs?: number;
  /** Start a timer that calls tick(); tests leave it off and call tick() themselves. */
  timer?: boolean;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const terminal = Boolean(stream.isTTY) && !env.CI;
  const intervalMs = options.intervalMs ?? intervalFromEnv(env) ?? 10_000;
  const started = now();
  const alreadyDone = options.alreadyDone ?? 0;
  let done = alreadyDone;
  let failed = 0;
  let lastName = '';
  let lastDraw = 0;
  let lastLine = started;
  let shown = false;

  const state = (): ProgressState => ({ done, total: options.total, failed, newlyDone: done - alreadyDone, elapsedMs: now() - started });

  const draw = (): void => {
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    const text = `${describeProgress(state())}${lastName ? ` · ${lastName}` : ''}`;
    stream.write(`\r\u001b[K${text.slice(0, width)}`);
    shown = true;
  };

  const progress: Progress = {
    record(summary) {
      done++;
      if (!fineStatuses.has(summary.status)) failed++;
      lastName = summary.name;
      if (!terminal) return;
      const time = now();
      // Redraw at most every 50 ms: a fast audit would otherwise spend its time on the terminal.
      if (done < options.total && time - lastDraw < 50) return;
      lastDraw = time;
      draw();
    },
    tick() {
      if (terminal) {
        if (shown) draw();
        return;
      }
      if (intervalMs <= 0 || now() - lastLine < intervalMs) return;
      lastLine = now();
      stream.write(`ciport audit: ${describeProgress(state())}\n`);
      shown = true;
    },
    finish() {
      clearInterval(handle);
      if (terminal && shown) stream.write('\r\u001b[K');
      // A log that showed progress also shows where it ended.
      else if (!terminal && shown) stream.write(`ciport audit: ${describeProgress(state())}\n`);
    },
  };
  const handle = options.timer && (terminal || intervalMs > 0) ? setInterval(() => progress.tick(), Math.min(1000, Math.max(10, intervalMs))) : undefined;
  handle?.unref();
  return progress;
}

export interface ProgressState {
  done: number;
  total: number;
  failed: number;
  /** Finished by this run (not an earlier one): the rate counts these. */
  newlyDone: number;
  elapsedMs: number;
}

/** `12/40 repositories (30%), 2.4/s, ETA 12s, 1 failed`. */
export function describeProgress(s: ProgressState): string {
  const percent = s.total ? Math.floor((s.done / s.total) * 100) : 100;
  const perSecond = s.elapsedMs > 0 ? s.newlyDone / (s.elapsedMs / 1000) : 0;
  const rate = perSecond >= 1 ? `${perSecond.toFixed(1)}/s` : `${(perSecond * 60).toFixed(1)}/min`;
  const left = s.total - s.done;
  const eta = left === 0 ? 'done' : perSecond > 0 ? `ETA ${duration((left / perSecond) * 1000)}` : 'ETA unknown';
  return `${s.done}/${s.total} repositories (${percent}%), ${rate}, ${eta}, ${s.failed} failed`;
}

/** `45s`, `3m05s`, `1h02m`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

function intervalFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.CIPORT_PROGRESS_INTERVAL;
  if (value === undefined || value.trim() === '' || !Number.isFinite(Number(value)) || Number(value) < 0) return undefined;
  return Number(value) * 1000;
}
