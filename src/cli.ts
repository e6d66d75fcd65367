/**
 * The command line: commander only. argv → a command function → printed result → exit code.
 * Exit codes: 0 translated; 1 translated with an error (or a warning under --strict); 2 input
 * unreadable, unrecognisable, or bad usage.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { failure as convertFailure, runConvert } from './commands/convert.js';
import { diffFormats, runDiff, type DiffFormat } from './commands/diff.js';
import { runMigrate } from './commands/migrate.js';
import { runRules } from './commands/rules.js';
import { runExplain } from './commands/explain.js';
import { runVerify, verifyFormats, type VerifyFormat } from './commands/verify.js';
import { parseFormatArg, type TargetFormat } from './commands/format-arg.js';
import type { CommandResult } from './commands/result.js';
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

/** The reading and writing options convert, migrate, diff and audit share. */
function addTranslationOptions(command: Command, toRequired = true): Command {
  const to = new Option('--to <format>', 'target: circleci1, circleci2 (alias circleci; circleci2@2.0, circleci2@2.1), gitlab').argParser(targetFormat);
  return command
    .addOption(toRequired ? to.makeOptionMandatory() : to)
    .option('--from <format>', 'source format (detected when omitted; needed when a repository holds several configurations)', sourceFormat)
    .option('--orb-dir <dir>', 'directory of CircleCI orb sources (<namespace>/<orb>.yml)')
    .option('--include-dir <dir>', 'directory of local copies of GitLab project includes (<project>/<file>)')
    .addOption(new Option('--docker-mode <mode>', 'how GitLab output provides Docker').choices(['dind', 'socket']))
    .addOption(new Option('--variables <mode>', 'carry predefined variables as a shim or rewrite them').choices(['shim', 'rewrite']))
    .option('--rules <file>', 'mapping rules (orbs, images, resource-classes, runner-tags) applied before the built-in ones')
    .option('--no-factor', 'CircleCI 2.1 output: keep executors and steps in every job instead of shared executors:/commands:');
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
    },
  };
}

/** Colour when asked, else when stdout is a terminal and NO_COLOR (no-color.org) is unset or empty. */
function useColor(flag: unknown): boolean {
  if (typeof flag === 'boolean') return flag;
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
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
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  addTranslationOptions(
    program
      .command('convert')
      .description('translate one configuration (a file, or a repository directory) and print the result')
      .argument('<input>', 'a circle.yml, .circleci/config.yml or .gitlab-ci.yml, or a repository directory'),
  )
    .option('-o, --output <file>', 'write the translation to a file (atomically) instead of stdout')
    .option('--json', 'print one JSON object with the output and diagnostics')
    .option('--strict', 'exit 1 when any warning is reported')
    .action((input: string, options: Record<string, unknown>) => {
      const json = Boolean(options.json);
      const rules = loadRulesOption(options.rules as string | undefined);
      if (!rules.ok) {
        return emitResult(json ? convertFailure({ input, to: (options.to as TargetFormat).id, json }, rules.diagnostics, rules.sources) : rulesRefused(rules));
      }
      emitResult(
        runConvert({
          input,
          ...translationOptions(options, rules.rules),
          ...(options.output ? { output: options.output as string } : {}),
          json,
          strict: Boolean(options.strict),
        }),
      );
    });

  program
    .command('explain')
    .description('explain a diagnostic code (or list them all)')
    .argument('[code]', 'a diagnostic code such as unknown-key')
    .action((code?: string) => emitResult(runExplain(code)));

  addTranslationOptions(
    program
      .command('migrate')
      .description('translate a repository\'s configuration in place: the target file plus MIGRATION.md')
      .argument('[dir]', 'the repository directory', '.'),
  )
    .option('--dry-run', 'print what would be written; write nothing')
    .option('--force', 'overwrite an existing target file or MIGRATION.md')
    .option('--remove-source', 'delete the source configuration after writing the target')
    .option('--branch <name>', 'commit the result on this new git branch')
    .option('--strict', 'exit 1 when any warning is reported')
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
          strict: Boolean(options.strict),
          ...(options.branch ? { branch: options.branch as string } : {}),
        }),
      );
    });

  addTranslationOptions(
    program
      .command('diff')
      .description('show what migrate would change in the target file (unified diff, PR comment, SARIF, Code Quality)')
      .argument('[dir]', 'the repository directory', '.'),
  )
    .addOption(new Option('--format <format>', 'output format').choices([...diffFormats]).default('unified'))
    .option('--check', 'exit 1 when the generated file differs from the committed one')
    .option('--color', 'colour the unified diff')
    .option('--no-color', 'never colour the unified diff')
    .action((dir: string, options: Record<string, unknown>) => {
      const rules = loadRulesOption(options.rules as string | undefined);
      if (!rules.ok) return emitResult(rulesRefused(rules));
      emitResult(
        runDiff({
          dir,
          ...translationOptions(options, rules.rules),
          format: options.format as DiffFormat,
          check: Boolean(options.check),
          color: useColor(options.color),
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
    .action((input: string, reports: string[], options: Record<string, unknown>) => {
      if (input === 'merge') {
        if (reports.length === 0) throw new UsageError('audit merge needs the report folders to combine');
        emitAsync(import('./commands/audit/merge.js').then(({ runAuditMerge }) => runAuditMerge({ inputs: reports, out: options.out as string })));
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
          }),
        ),
      );
    });

  program
    .command('verify')
    .description('compare what two configurations do (any formats) for every event; exit 1 when they differ')
    .argument('<a>', 'the original configuration (a file or a repository directory)')
    .argument('<b>', 'the configuration to compare with it (a file or a repository directory)')
    .option('--from <format>', 'format of <a> (detected when omitted)', sourceFormat)
    .option('--from-b <format>', 'format of <b> (detected when omitted)', sourceFormat)
    .option('--orb-dir <dir>', 'directory of CircleCI orb sources (<namespace>/<orb>.yml)')
    .option('--include-dir <dir>', 'directory of local copies of GitLab project includes (<project>/<file>)')
    .addOption(new Option('--format <format>', 'output format').choices([...verifyFormats]).default('text'))
    .action((a: string, b: string, options: Record<string, unknown>) => {
      emitResult(
        runVerify({
          a,
          b,
          format: options.format as VerifyFormat,
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
