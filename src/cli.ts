/**
 * The command line: commander only. argv → a command function → printed result → exit code.
 * Exit codes: 0 translated; 1 translated with an error (or a warning under --strict); 2 input
 * unreadable, unrecognisable, or bad usage.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { runConvert } from './commands/convert.js';
import { runExplain } from './commands/explain.js';
import { parseFormatArg, type TargetFormat } from './commands/format-arg.js';
import type { CommandResult } from './commands/result.js';
import type { FormatId } from './ir/types.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

class UsageError extends Error {}

function targetFormat(value: string): TargetFormat {
  const parsed = parseFormatArg(value);
  if ('error' in parsed) throw new UsageError(parsed.error);
  return parsed;
}

function sourceFormat(value: string): FormatId {
  const parsed = targetFormat(value);
  return parsed.id;
}

function emitResult(result: CommandResult): void {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}

export function buildProgram(): Command {
  const program = new Command('ciport')
    .description('Translate CI configuration between CircleCI 1.0, CircleCI 2.x and GitLab CI.')
    .version(packageJson.version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('convert')
    .description('translate one configuration (a file, or a repository directory) and print the result')
    .argument('<input>', 'a circle.yml, .circleci/config.yml or .gitlab-ci.yml, or a repository directory')
    .requiredOption('--to <format>', 'target: circleci1, circleci2 (alias circleci; circleci2@2.0, circleci2@2.1), gitlab', targetFormat)
    .option('--from <format>', 'source format (detected when omitted)', sourceFormat)
    .option('-o, --output <file>', 'write the translation to a file (atomically) instead of stdout')
    .option('--json', 'print one JSON object with the output and diagnostics')
    .option('--strict', 'exit 1 when any warning is reported')
    .option('--orb-dir <dir>', 'directory of CircleCI orb sources (<namespace>/<orb>.yml)')
    .option('--include-dir <dir>', 'directory of local copies of GitLab project includes (<project>/<file>)')
    .addOption(new Option('--docker-mode <mode>', 'how GitLab output provides Docker').choices(['dind', 'socket']))
    .addOption(new Option('--variables <mode>', 'carry predefined variables as a shim or rewrite them').choices(['shim', 'rewrite']))
    .action((input: string, options: Record<string, unknown>) => {
      const to = options.to as TargetFormat;
      emitResult(
        runConvert({
          input,
          to: to.id,
          ...(options.from ? { from: options.from as FormatId } : {}),
          ...(options.output ? { output: options.output as string } : {}),
          json: Boolean(options.json),
          strict: Boolean(options.strict),
          parse: {
            ...(options.orbDir ? { orbDir: options.orbDir as string } : {}),
            ...(options.includeDir ? { includeDir: options.includeDir as string } : {}),
          },
          emit: {
            ...(to.version ? { version: to.version } : {}),
            ...(options.dockerMode ? { dockerMode: options.dockerMode as 'dind' | 'socket' } : {}),
            ...(options.variables ? { variableMode: options.variables as 'shim' | 'rewrite' } : {}),
          },
        }),
      );
    });

  program
    .command('explain')
    .description('explain a diagnostic code (or list them all)')
    .argument('[code]', 'a diagnostic code such as unknown-key')
    .action((code?: string) => emitResult(runExplain(code)));

  return program;
}

export function main(argv: string[]): void {
  const program = buildProgram();
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error.
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      process.exitCode = ok ? 0 : 2;
      return;
    }
    if (error instanceof UsageError || (error as Error)?.name === 'InvalidArgumentError') {
      process.stderr.write(`ciport: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`ciport: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.CIPORT_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  }
}
