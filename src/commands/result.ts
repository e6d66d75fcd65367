/** What a command produced; only the CLI turns it into process output and an exit code. */
export interface CommandResult {
  /** 130 and 143: stopped by SIGINT or SIGTERM (128 + the signal's number), as shells report it. */
  exitCode: 0 | 1 | 2 | 130 | 143;
  stdout: string;
  stderr: string;
}
