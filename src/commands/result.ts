/** What a command produced; only the CLI turns it into process output and an exit code. */
export interface CommandResult {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}
