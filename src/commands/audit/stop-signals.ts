/**
 * Ctrl-C (SIGINT) and SIGTERM during an audit: the first asks the run to stop cleanly (workers
 * stopped, an interrupted summary written); a second one exits at once, for a user who will not wait.
 */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Calls `onStop` for each stop request; returns the function that stops listening. */
export type StopListener = (onStop: (signal: StopSignal) => void) => () => void;

/** The shell's convention: 128 + the signal's number. */
export const signalExitCodes: Record<StopSignal, 130 | 143> = { SIGINT: 130, SIGTERM: 143 };

export const listenForStop: StopListener = (onStop) => {
  let requested = false;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => {
      if (requested) process.exit(signalExitCodes[signal]);
      requested = true;
      process.stderr.write(`\nciport: ${signal}: stopping the workers and writing the summary of what finished (again to quit at once)\n`);
      onStop(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
};
