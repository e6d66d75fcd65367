/**
 * One hostile case through every target, as plain checks that return what failed (no vitest
 * here): hostile.test.ts runs small cases in its own process and large ones in a child process
 * (run-case.ts), both through this.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatText } from '../../src/diagnostics/print.js';
import { emitTargets } from '../../src/formats/registry.js';
import { openRepository } from '../../src/io/repository.js';
import { translate } from '../../src/translate.js';
import { fileNames, type HostileCase } from './cases.js';
import { filesRead, networkAttempts } from './guards.js';

export const outsideMarker = 'OUTSIDE-THE-REPOSITORY-MARKER';

export interface CaseReport {
  failures: string[];
  /** Wall time of each target's translation. */
  times: Array<{ target: string; ms: number }>;
}

/** A repository with `ci/escape.yml` a symlink to a file outside it, plus the case's files. */
export function makeRepository(files: Record<string, string> = {}): string {
  const base = mkdtempSync(join(tmpdir(), 'ciport-hostile-'));
  const repo = join(base, 'repo');
  mkdirSync(join(repo, 'ci'), { recursive: true });
  writeFileSync(join(base, 'outside.yml'), `leak: {script: [echo ${outsideMarker}]}\n`);
  symlinkSync(join(base, 'outside.yml'), join(repo, 'ci', 'escape.yml'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  return repo;
}

/**
 * For every target: no throw and no internal error, within time, fatal or with located errors as
 * the case expects, the expected codes present and the absent ones absent, nothing of outside the
 * repository in the output or read, no socket opened.
 */
export function checkCase(hostile: HostileCase, repoDir: string): CaseReport {
  const failures: string[] = [];
  const times: CaseReport['times'] = [];
  const boundMs = hostile.large ? 60_000 : 10_000;
  const repository = openRepository(hostile.files ? makeRepository(hostile.files) : repoDir);
  const text = hostile.text();
  const readsBefore = filesRead.length;
  for (const target of emitTargets()) {
    const fail = (what: string, printed = '') => failures.push(`${target.stem}: ${what}${printed ? `\n${printed.slice(0, 2000)}` : ''}`);
    const started = Date.now();
    let result;
    try {
      result = translate({ file: fileNames[hostile.format], text, from: hostile.format, to: target.id, repository, emit: target.version ? { version: target.version } : {} });
    } catch (error) {
      fail(`translate() threw: ${(error as Error)?.stack ?? String(error)}`);
      continue;
    }
    const ms = Date.now() - started;
    times.push({ target: target.stem, ms });
    const printed = formatText(result.diagnostics, result.sources);
    const codes = new Set(result.diagnostics.map((d) => d.code));
    if (codes.has('internal-error')) fail('internal error', printed);
    if (ms >= boundMs) fail(`took ${ms} ms (bound ${boundMs} ms)`);
    if (hostile.expect === 'fatal' && !result.fatal) fail('expected a fatal result', printed);
    if (hostile.expect === 'error' && !result.fatal && !result.diagnostics.some((d) => d.severity === 'error')) fail('expected an error', printed);
    // A fatal result says why.
    if (result.fatal && !result.diagnostics.some((d) => d.severity === 'error')) fail('fatal without an error', printed);
    for (const code of hostile.codes ?? []) if (!codes.has(code)) fail(`expected ${code}`, printed);
    for (const code of hostile.absent ?? []) if (codes.has(code)) fail(`unexpected ${code}`, printed);
    for (const d of result.diagnostics.filter((x) => x.severity === 'error' && x.origin)) {
      if (result.sources.position(d.origin!.file, d.origin!.range[0]) === undefined) fail(`${d.code} has no position`);
    }
    if ((result.output ?? '').includes(outsideMarker)) fail('the output holds a file from outside the repository');
  }
  const outside = filesRead.slice(readsBefore).filter((path) => path.includes('outside.yml') || path.startsWith('/etc/'));
  if (outside.length) failures.push(`read outside the repository: ${outside.join(', ')}`);
  if (networkAttempts.length) failures.push(`network: ${networkAttempts.join(', ')}`);
  return { failures, times };
}
