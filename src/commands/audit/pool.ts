import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RepoSummary } from '../../report/summary-data.js';
import type { AuditTask } from './audit-repo.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';

export interface WorkerModule {
  url: URL;
  /** Modules to import in the worker before `url` (loaders such as tsx). */
  preloads: string[];
}

/**
 * The worker module next to this file: `audit-worker.mjs` in the bundled CLI (dist/bundle/, where this
 * code sits in a chunk beside it), `worker.js` when running compiled (dist/), `worker.ts` when running
 * from source under tsx. Node 20 does not apply the parent's `--import` loaders inside
 * worker threads, so a source worker is started through a bootstrap that imports them first (and
 * tsx's loader when the process has none).
 */
export function resolveWorkerModule(base: string = import.meta.url): WorkerModule {
  for (const name of ['./audit-worker.mjs', './worker.js']) {
    const compiled = new URL(name, base);
    if (existsSync(fileURLToPath(compiled))) return { url: compiled, preloads: [] };
  }
  // tsx's `--import` loader skips worker threads; its API registers it from inside one.
  const preloads = parentPreloads().filter((p) => !/[\\/]tsx[\\/]/.test(p));
  return { url: new URL('./worker.ts', base), preloads: [tsxApi(), ...preloads] };
}

/** The `--import` modules of this process, as URLs (Node resolves them from the working directory). */
function parentPreloads(): string[] {
  const specifiers: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--import' && args[i + 1]) specifiers.push(args[++i]!);
    else if (arg.startsWith('--import=')) specifiers.push(arg.slice('--import='.length));
  }
  const cwd = pathToFileURL(`${process.cwd()}/`);
  return specifiers.map((specifier) => {
    if (/^[a-z]+:/i.test(specifier)) return specifier;
    if (/^\.{0,2}\//.test(specifier)) return new URL(specifier, cwd).href;
    try {
      return pathToFileURL(createRequire(cwd).resolve(specifier)).href;
    } catch {
      return specifier;
    }
  });
}

/** tsx's registration API as an absolute URL: a bare `tsx` would resolve from the working directory. */
function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}

const bootstrap = `
const { workerData } = await import('node:worker_threads');
for (const preload of workerData.preloads) {
  const module = await import(preload);
  if (/[\\\\/]tsx[\\\\/]/.test(preload) && typeof module.register === 'function') module.register();
}
await import(workerData.url);
`;

function startWorker(module: WorkerModule): Worker {
  if (module.preloads.length === 0) return new Worker(module.url);
  // execArgv is emptied: the inherited `--import` half-applies in a Node 20 worker and breaks loading.
  return new Worker(bootstrap, { eval: true, execArgv: [], workerData: { preloads: module.preloads, url: module.url.href } });
}

export interface PoolOptions {
  jobs: number;
  /** Per-task limit; the worker is terminated and replaced when it is exceeded. */
  timeoutMs: number;
  worker?: WorkerModule;
  /** Called for each finished task, in completion order. */
  onResult(summary: RepoSummary, task: AuditTask): void;
  /** The summary of a task whose worker timed out or crashed. */
  onFailure(task: AuditTask, kind: 'timeout' | 'crash', message: string): RepoSummary;
  /**
   * Stops the run (Ctrl-C, SIGTERM): no task is started any more, every worker is terminated, and
   * the promise resolves once they have all stopped; tasks in flight are not reported.
   */
  signal?: AbortSignal;
}

export interface PoolOutcome {
  /** The signal stopped the run before every task had finished. */
  stopped: boolean;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded its module; only then does a task's clock start. */
  ready: boolean;
  current?: { id: number; task: AuditTask; timer: NodeJS.Timeout } | undefined;
  retiring: boolean;
}

/**
 * Runs tasks on a fixed number of worker threads. Only one task is in flight per worker, so a slow
 * or stuck repository holds one worker, and the timer can terminate exactly that one. A worker
 * says when it is ready, so start-up (loading the translator) never counts against a task's time.
 */
export function runPool(tasks: readonly AuditTask[], options: PoolOptions): Promise<PoolOutcome> {
  const module = options.worker ?? resolveWorkerModule();
  const size = Math.max(1, Math.min(options.jobs, tasks.length));
  let next = 0;
  let finished = 0;
  let nextId = 1;
  let settled = false;
  return new Promise<PoolOutcome>((resolveAll, rejectAll) => {
    if (options.signal?.aborted) return resolveAll({ stopped: tasks.length > 0 });
    if (tasks.length === 0) return resolveAll({ stopped: false });
    const slots = new Set<Slot>();
    const stopping: Array<Promise<number>> = [];
    const onAbort = (): void => settle(undefined, true);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const settle = (error?: unknown, stopped = false): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const slot of slots) {
        if (slot.current) clearTimeout(slot.current.timer);
        slot.retiring = true;
        stopping.push(slot.worker.terminate());
      }
      if (error !== undefined) return rejectAll(error);
      // Resolve once every worker has stopped: none writes into the report folder after this.
      void Promise.allSettled(stopping).then(() => resolveAll({ stopped }));
    };

    const record = (summary: RepoSummary, task: AuditTask): void => {
      // A worker may answer while the pool is stopping: that result is not reported.
      if (settled) return;
      try {
        options.onResult(summary, task);
      } catch (error) {
        settle(error);
        return;
      }
      if (++finished === tasks.length) settle();
    };

    const dispatch = (slot: Slot): void => {
      if (settled) return;
      if (next >= tasks.length) {
        slot.retiring = true;
        slots.delete(slot);
        stopping.push(slot.worker.terminate());
        return;
      }
      const task = tasks[next++]!;
      const id = nextId++;
      const timer = setTimeout(() => fail(slot, 'timeout', `translation took longer than ${options.timeoutMs / 1000}s (--timeout)`), options.timeoutMs);
      slot.current = { id, task, timer };
      const request: WorkerRequest = { id, task };
      slot.worker.postMessage(request);
    };

    const fail = (slot: Slot, kind: 'timeout' | 'crash', message: string): void => {
      const current = slot.current;
      if (!current || settled) return;
      clearTimeout(current.timer);
      slot.current = undefined;
      slot.retiring = true;
      slots.delete(slot);
      stopping.push(slot.worker.terminate());
      if (next < tasks.length) startSlot();
      record(options.onFailure(current.task, kind, message), current.task);
    };

    /** A worker that dies before it is ready cannot run anything: the whole pool fails. */
    const failStart = (message: string): void => settle(new Error(`the audit worker could not start: ${message}`));

    const startSlot = (): Slot => {
      const slot: Slot = { worker: startWorker(module), ready: false, retiring: false };
      slots.add(slot);
      slot.worker.on('message', (message: WorkerResponse | { ready: true }) => {
        if ('ready' in message) {
          slot.ready = true;
          dispatch(slot);
          return;
        }
        const current = slot.current;
        if (!current || message.id !== current.id) return;
        clearTimeout(current.timer);
        slot.current = undefined;
        record(message.summary, current.task);
        dispatch(slot);
      });
      slot.worker.on('error', (error) => {
        if (slot.current) fail(slot, 'crash', `the worker crashed: ${error.message}`);
        else if (!slot.ready && !slot.retiring) failStart(error.message);
      });
      slot.worker.on('exit', (code) => {
        if (slot.retiring) return;
        if (slot.current) fail(slot, 'crash', `the worker exited with code ${code}`);
        else if (!slot.ready) failStart(`it exited with code ${code}`);
      });
      return slot;
    };

    for (let i = 0; i < size; i++) startSlot();
  });
}
