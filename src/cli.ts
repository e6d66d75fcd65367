/**
 * The command line: commander only. argv → a command function → printed result → exit code.
 * Exit codes: 0 translated; 1 translated with an error (or more warnings than --max-warnings;
 * --strict is --max-warnings 0); 2 input unreadable, unrecognisable, or bad usage.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { failure as convertFailure, runConvert } from './commands/convert.js';
import { diffFormats, runDiff, type DiffFormat } from './commands/diff.js';
import { runMigrate } from './commands/migrate.js';
import { runRules } from './commands/rules.js';
import { runExplain } from './commands/explain.js';
import { runVerify, verifyFormats, type VerifyFormat } from './commands/verify.js';
import { decideColor } from './commands/color-choice.js';
import { parseFormatArg, type TargetFormat } from './commands/format-arg.js';
import { reportFormats, type ReportFormat, type ReportOptions } from './commands/report-options.js';
import type { CommandResult } from './commands/result.js';
import { commentLimits, defaultMaxCommentChars } from './report/comment-limits.js';
import { loadRulesOption, rulesRefused } from './commands/rules-option.js';
import type { EmitOptions, ParseOptions } from './formats/types.js';
import type { FormatId } from './ir/types.js';
import type { RuleSet } from './rules/types.js';

/** Our package.json: one folder up from src/ and dist/, two from dist/bundle/. */
function readPackageJson(): { version: string } {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (parsed.name === 'ciport') return parsed;
    } catch {
      // not this folder; try the next one up
    }
  }
  return { version: 'unknown' };
}

const packageJson = readPackageJson();

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

/**
 * The reading and writing options convert, migrate, diff and audit share. `--to` is required, but
 * checked before the action rather than by commander's makeOptionMandatory: commander checks
 * mandatory options first, so `convert --too gitlab` would say "--to not specified" instead of
 * suggesting --to, and `convert` alone would not say that the input is missing.
 */
function addTranslationOptions(command: Command, toRequired = true): Command {
  const to = new Option('--to <format>', 'target: circleci1, circleci2 (alias circleci; circleci2@2.0, circleci2@2.1), gitlab (required)').argParser(targetFormat);
  if (toRequired) {
    command.hook('preAction', (self) => {
      if (self.opts().to === undefined) self.error("error: required option '--to <format>' not specified", { code: 'commander.missingMandatoryOptionValue' });
    });
  }
  return command
    .addOption(to)
    .option('--from <format>', 'source format (detected when omitted; needed when a repository holds several configurations)', sourceFormat)
    .option('--orb-dir <dir>', 'directory of CircleCI orb sources (<namespace>/<orb>.yml)')
    .option('--include-dir <dir>', 'directory of local copies of GitLab project includes (<project>/<file>)')
    .addOption(new Option('--docker-mode <mode>', 'how GitLab output provides Docker').choices(['dind', 'socket']))
    .addOption(new Option('--variables <mode>', 'carry predefined variables as a shim or rewrite them').choices(['shim', 'rewrite']))
    .option('--rules <file>', 'mapping rules (orbs, images, resource-classes, runner-tags) applied before the built-in ones')
    .option('--no-factor', 'CircleCI 2.1 output: keep executors and steps in every job instead of shared executors:/commands:')
    .addOption(new Option('--placeholders <mode>', 'a step ciport cannot translate becomes a command that fails the job, or (pass) one that only prints why').choices(['fail', 'pass']).default('fail'));
}

function translationOptions(options: Record<string, unknown>, rules?: RuleSet): { to: FormatId; from?: FormatId; parse: ParseOptions; emit: EmitOptions } {
  const to = options.to as TargetFormat;
  return {
    to: to.id,
    ...(options.from ? { from: options.from as FormatId } : {}),
    parse: {
      ...(options.orbDir ? { orbDir: options.orbDir as string } : {}),
      ...(options.includeDir ? { includeDir: options.includeDir as string } : {}),
      ...(rules ? { rules } : {}),
    },
    emit: {
      ...(to.version ? { version: to.version } : {}),
      ...(options.dockerMode ? { dockerMode: options.dockerMode as 'dind' | 'socket' } : {}),
      ...(options.variables ? { variableMode: options.variables as 'shim' | 'rewrite' } : {}),
      ...(options.factor === false ? { factor: false } : {}),
      // Only the non-default is passed on, so a default run's options (and audit fingerprint) stay as before.
      ...(options.placeholders === 'pass' ? { placeholders: 'pass' as const } : {}),
    },
  };
}

/** How the diagnostics are shown and counted, the options every reporting command shares. */
function addReportOptions(command: Command, format = true): Command {
  if (format) command.addOption(new Option('--format <format>', 'output format').choices([...reportFormats]).default('text'));
  return command
    .option('--quiet', 'show errors only (warnings still count for --max-warnings)')
    .option('--max-warnings <n>', 'exit 1 when more than n warnings are reported', nonNegativeInteger('--max-warnings'))
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output (also NO_COLOR=1; FORCE_COLOR=1 forces colour)');
}

function reportOptions(options: Record<string, unknown>): ReportOptions {
  const maxWarnings = options.strict ? 0 : (options.maxWarnings as number | undefined);
  return {
    ...(options.quiet ? { quiet: true } : {}),
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    // Diagnostics go to stderr: colour them when stderr is a terminal.
    ...(decideColor(options.color, process.stderr) ? { color: true } : {}),
  };
}

function nonNegativeInteger(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a whole number (0 or more), not "${value}"`);
    return n;
  };
}

function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, not "${value}"`);
    return n;
  };
}

function positiveNumber(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, not "${value}"`);
    return n;
  };
}

/** Async commands (audit) run after parse() returns; their failures still become messages and exit codes. */
function emitAsync(promise: Promise<CommandResult>): void {
  promise.then(emitResult, (error: unknown) => {
    process.stderr.write(`ciport: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.CIPORT_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  });
}

export function buildProgram(): Command {
  const program = new Command('ciport')
    .description('Translate CI configuration between CircleCI 1.0, CircleCI 2.x and GitLab CI.')
    .version(packageJson.version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  const convert = addTranslationOptions(
    program
      .command('convert')
      .description('translate one configuration (a file, or a repository directory) and print the result')
      .argument('<input>', 'a circle.yml, .circleci/config.yml or .gitlab-ci.yml, a repository directory, or - for standard input'),
  )
    .option('-o, --output <file>', 'write the translation to a file (atomically) instead of stdout')
    .option('--stdin-filename <path>', 'with input -: the path standard input stands for, in diagnostics and format detection')
    .option('--json', 'the same as --format json: one JSON object with the output and diagnostics')
    .option('--strict', 'exit 1 when any warning is reported (--max-warnings 0)')
    .action((input: string, options: Record<string, unknown>) => {
      if (options.stdinFilename && input !== '-') throw new UsageError('--stdin-filename names standard input: give - as the input');
      const format: ReportFormat = options.json ? 'json' : (options.format as ReportFormat);
      const report = reportOptions(options);
      const rules = loadRulesOption(options.rules as string | undefined);
      if (!rules.ok) {
        return emitResult(format === 'json' ? convertFailure({ input, to: (options.to as TargetFormat).id, format, ...report }, rules.diagnostics, rules.sources) : rulesRefused(rules));
      }
      emitResult(
        runConvert({
          input,
          ...translationOptions(options, rules.rules),
          ...(options.output ? { output: options.output as string } : {}),
          ...(options.stdinFilename ? { stdinFilename: options.stdinFilename as string } : {}),
          format,
          ...report,
        }),
      );
    });

  program
    .command('explain')
    .description('explain a diagnostic code (or list them all)')
    .argument('[code]', 'a diagnostic code such as unknown-key')
    .action((code?: string) => emitResult(runExplain(code)));

  const migrate = addTranslationOptions(
    program
      .command('migrate')
      .description('translate a repository\'s configuration in place: the target file plus MIGRATION.md')
      .argument('[dir]', 'the repository directory', '.'),
  )
    .option('--dry-run', 'print what would be written; write nothing')
    .option('--force', 'overwrite an existing target file or MIGRATION.md')
    .option('--remove-source', 'delete the source configuration after writing the target')
    .option('--branch <name>', 'commit the result on this new git branch')
    .option('--strict', 'exit 1 when any warning is reported (--max-warnings 0)')
    .action((dir: string, options: Record<string, unknown>) => {
      const rules = loadRulesOption(options.rules as string | undefined);
      if (!rules.ok) return emitResult(rulesRefused(rules));
      emitResult(
        runMigrate({
          dir,
          ...translationOptions(options, rules.rules),
          dryRun: Boolean(options.dryRun),
          force: Boolean(options.force),
          removeSource: Boolean(options.removeSource),
          format: options.format as ReportFormat,
          ...reportOptions(options),
          ...(options.branch ? { branch: options.branch as string } : {}),
        }),
      );
    });

  const diff = addTranslationOptions(
    program
      .command('diff')
      .description('show what migrate would change in the target file (unified diff, PR comment, SARIF, Code Quality)')
      .argument('[dir]', 'the repository directory', '.'),
  )
    .addOption(new Option('--format <format>', 'output format (text is unified)').choices([...diffFormats]).default('unified'))
    .option('--check', 'exit 1 when the generated file differs from the committed one')
    .option('--root <dir>', 'name files in the report from this folder (default: the git top level of <dir>)')
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout; markdown: the whole comment to the file, and to stdout the one within --max-comment-chars')
    .option('--max-comment-chars <n>', `markdown: keep the comment within n characters, cutting the diff first (GitHub takes ${commentLimits.github}, GitLab ${commentLimits.gitlab})`, positiveInteger('--max-comment-chars'), defaultMaxCommentChars)
    .option('--output-url <url>', 'markdown: where CI publishes the --output file; a shortened comment links it')
    .action((dir: string, options: Record<string, unknown>) => {
      const rules = loadRulesOption(options.rules as string | undefined);
      if (!rules.ok) return emitResult(rulesRefused(rules));
      emitResult(
        runDiff({
          dir,
          ...translationOptions(options, rules.rules),
          format: options.format as DiffFormat,
          check: Boolean(options.check),
          ...(options.root ? { root: options.root as string } : {}),
          ...(options.output ? { output: options.output as string } : {}),
          ...(options.outputUrl ? { outputUrl: options.outputUrl as string } : {}),
          maxCommentChars: options.maxCommentChars as number,
          ...reportOptions(options),
          // The patch goes to stdout: colour it when stdout is a terminal.
          ...(decideColor(options.color, process.stdout) ? { colorPatch: true } : {}),
          toolVersion: packageJson.version,
        }),
      );
    });

  // `audit merge` is read from the operands, not a commander subcommand: commander would hand
  // merge's --out to audit, or (with positional options) stop reading audit's own options.
  addTranslationOptions(
    program
      .command('audit')
      .usage('<dir|manifest> --to <format> --out <dir> [options]\n       ciport audit merge <out-dirs...> --out <dir>')
      .description('translate every repository of an organisation and write a report; `audit merge` combines shard reports')
      .argument('<input>', 'a directory of repositories (checkouts or bare), or a manifest file listing them; or `merge`')
      .argument('[reports...]', 'with `merge`: the report folders of the shards'),
    false,
  )
    .requiredOption('--out <dir>', 'the report folder')
    .option('--jobs <n>', 'worker threads (default: the number of cores)', positiveInteger('--jobs'))
    .option('--timeout <seconds>', 'time limit per repository', positiveNumber('--timeout'), 60)
    .option('--max-size <bytes>', 'skip configurations larger than this', positiveInteger('--max-size'))
    .option('--shard <k/n>', 'audit only shard k of n (1-based) of the sorted repository list')
    .option('--resume', 'continue an interrupted audit in --out (same options and shard), skipping the repositories it finished')
    .option('--force', 'write into a non-empty --out that holds another audit (starting it again) or no audit at all')
    .addOption(new Option('--format <format>', 'what is printed: the totals as text or one JSON object').choices([...reportFormats]).default('text'))
    .action((input: string, reports: string[], options: Record<string, unknown>) => {
      const format = options.format as ReportFormat;
      if (input === 'merge') {
        if (reports.length === 0) throw new UsageError('audit merge needs the report folders to combine');
        emitAsync(import('./commands/audit/merge.js').then(({ runAuditMerge }) => runAuditMerge({ inputs: reports, out: options.out as string, format })));
        return;
      }
      if (reports.length) throw new UsageError(`audit takes one directory or manifest, not ${reports.length + 1}`);
      if (!options.to) throw new UsageError("required option '--to <format>' not specified");
      const rules = loadRulesOption(options.rules as string | undefined);
      if (!rules.ok) return emitResult(rulesRefused(rules));
      emitAsync(
        import('./commands/audit/run-audit.js').then(({ runAudit }) =>
          runAudit({
            input,
            out: options.out as string,
            ...translationOptions(options, rules.rules),
            timeoutMs: Math.round((options.timeout as number) * 1000),
            ...(options.jobs ? { jobs: options.jobs as number } : {}),
            ...(options.maxSize ? { maxBytes: options.maxSize as number } : {}),
            ...(options.shard ? { shard: options.shard as string } : {}),
            ...(options.resume ? { resume: true } : {}),
            ...(options.force ? { force: true } : {}),
            format,
            toolVersion: packageJson.version,
          }),
        ),
      );
    });

  program
    .command('verify')
    .description('compare what two configurations do (any formats) for every event; exit 1 when they differ')
    .argument('<a>', 'the original configuration (a file, a repository directory, or - for standard input)')
    .argument('<b>', 'the configuration to compare with it (a file, a repository directory, or -)')
    .option('--stdin-filename <path>', 'the path standard input (-) stands for, in locations and format detection')
    .option('--from <format>', 'format of <a> (detected when omitted)', sourceFormat)
    .option('--from-b <format>', 'format of <b> (detected when omitted)', sourceFormat)
    .option('--orb-dir <dir>', 'directory of CircleCI orb sources (<namespace>/<orb>.yml)')
    .option('--include-dir <dir>', 'directory of local copies of GitLab project includes (<project>/<file>)')
    .addOption(new Option('--format <format>', 'output format').choices([...verifyFormats]).default('text'))
    .action((a: string, b: string, options: Record<string, unknown>) => {
      if (options.stdinFilename && a !== '-' && b !== '-') throw new UsageError('--stdin-filename names standard input: give - as <a> or <b>');
      emitResult(
        runVerify({
          a,
          b,
          format: options.format as VerifyFormat,
          ...(options.stdinFilename ? { stdinFilename: options.stdinFilename as string } : {}),
          ...(options.from ? { fromA: options.from as FormatId } : {}),
          ...(options.fromB ? { fromB: options.fromB as FormatId } : {}),
          parse: {
            ...(options.orbDir ? { orbDir: options.orbDir as string } : {}),
            ...(options.includeDir ? { includeDir: options.includeDir as string } : {}),
          },
        }),
      );
    });

  program
    .command('rules')
    .description('print the support matrix: formats, the mapping tables of mappings/, and every diagnostic by severity')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--rules <file>', 'show these user rules merged over the built-in tables')
    .action((options: { format: string; rules?: string }) => {
      const rules = loadRulesOption(options.rules);
      if (!rules.ok) return emitResult(rulesRefused(rules));
      emitResult(runRules({ json: options.format === 'json', ...(rules.rules ? { rules: rules.rules } : {}) }));
    });

  // After each command's own options in --help: how the diagnostics are shown and counted.
  addReportOptions(convert);
  addReportOptions(migrate);
  addReportOptions(diff, false);
  return program;
}

export function main(argv: string[]): void {
  const program = buildProgram();
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version asked for are successes; help shown because no command was given
      // (commander.help with a non-zero exit code) and every other commander error is a usage error.
      const ok = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || (error.code === 'commander.help' && error.exitCode === 0);
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
