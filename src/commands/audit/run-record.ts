import type { AuditRun } from '../../report/summary-data.js';
import type { AuditOptions } from './run-audit.js';

/**
 * What a summary records about the run that wrote it: ciport's version, when, and the options it
 * was given (shard included, as given), so a report read months later says how it was made.
 */
export function auditRunRecord(options: AuditOptions, now: Date = reportDate()): AuditRun {
  const recorded: AuditRun['options'] = { input: options.input, to: options.emit?.version ? `${options.to}@${options.emit.version}` : options.to };
  if (options.from) recorded.from = options.from;
  if (options.shard) recorded.shard = options.shard;
  if (options.jobs) recorded.jobs = options.jobs;
  if (options.timeoutMs) recorded.timeout = options.timeoutMs / 1000;
  if (options.maxBytes) recorded['max-size'] = options.maxBytes;
  if (options.parse?.orbDir) recorded['orb-dir'] = options.parse.orbDir;
  if (options.parse?.includeDir) recorded['include-dir'] = options.parse.includeDir;
  // The rules are recorded as given, not their file's path (the options hold the loaded rules).
  if (options.parse?.rules) recorded.rules = true;
  if (options.emit?.dockerMode) recorded['docker-mode'] = options.emit.dockerMode;
  if (options.emit?.variableMode) recorded.variables = options.emit.variableMode;
  if (options.emit?.factor === false) recorded['no-factor'] = true;
  if (options.emit?.placeholders === 'pass') recorded.placeholders = 'pass';
  return { version: options.toolVersion ?? 'unknown', date: now.toISOString(), options: recorded };
}

/**
 * The report's date: now, or SOURCE_DATE_EPOCH (seconds) when set, the reproducible-builds
 * convention (https://reproducible-builds.org/specs/source-date-epoch/), so documentation built
 * from real output does not change with the clock.
 */
export function reportDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date();
}
