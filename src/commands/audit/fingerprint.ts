/**
 * What makes two audit runs comparable: the options that decide each repository's result. A
 * resumed run and the shards of a merge must agree on all of them; `--jobs`, the input's path and
 * the shard do not decide a result and are compared (or not) by the caller.
 */
import { createHash } from 'node:crypto';
import type { EmitOptions, ParseOptions } from '../../formats/types.js';
import type { FormatId } from '../../ir/types.js';

export interface FingerprintInput {
  to: FormatId;
  from?: FormatId | undefined;
  parse?: ParseOptions | undefined;
  emit?: EmitOptions | undefined;
  maxBytes: number;
  timeoutMs: number;
}

/** Plain, ordered data: equal runs give equal JSON. Named by the CLI option each entry comes from. */
export function runFingerprint(input: FingerprintInput): Record<string, unknown> {
  const { parse = {}, emit = {} } = input;
  return {
    '--to': emit.version ? `${input.to}@${emit.version}` : input.to,
    '--from': input.from ?? null,
    '--orb-dir': parse.orbDir ?? null,
    '--include-dir': parse.includeDir ?? null,
    // The rules themselves, not their file name: an edited rules file is another run.
    '--rules': parse.rules ? sha256(JSON.stringify(parse.rules)).slice(0, 16) : null,
    '--docker-mode': emit.dockerMode ?? null,
    '--variables': emit.variableMode ?? null,
    '--no-factor': emit.factor === false,
    // Only when not the default, so a default run's fingerprint is the one earlier versions wrote.
    ...(emit.placeholders === 'pass' ? { '--placeholders': 'pass' } : {}),
    '--max-size': input.maxBytes,
    '--timeout': input.timeoutMs / 1000,
  };
}

/** The entries that differ, as `--timeout 60 there, 30 here`; empty when the runs agree. */
export function fingerprintDifferences(there: Record<string, unknown>, here: Record<string, unknown>, names: { there: string; here: string } = { there: 'there', here: 'here' }): string[] {
  const keys = [...new Set([...Object.keys(there), ...Object.keys(here)])];
  return keys
    .filter((key) => JSON.stringify(there[key] ?? null) !== JSON.stringify(here[key] ?? null))
    .map((key) => `${key} ${show(there[key])} ${names.there}, ${show(here[key])} ${names.here}`);
}

function show(value: unknown): string {
  return value === null || value === undefined || value === false ? '(not given)' : value === true ? '(given)' : String(value);
}

/** The list every shard is cut from, identified by its names in order. */
export function listDigest(names: readonly string[]): { repositories: number; digest: string } {
  return { repositories: names.length, digest: sha256(names.join('\n')).slice(0, 16) };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
