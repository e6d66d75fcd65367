/**
 * Hostile and malformed input: for every generated case and every target, translate() must not
 * throw or hit an internal error, must end fatal (exit 2) or with located diagnostics, must stay
 * within time, must open no socket and read nothing outside the repository.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatText } from '../../src/diagnostics/print.js';
import { emitTargets } from '../../src/formats/registry.js';
import { openRepository } from '../../src/io/repository.js';
import { translate } from '../../src/translate.js';
import { buildCases, fileNames } from './cases.js';
import { filesRead, installGuards, networkAttempts } from './guards.js';

const targets = emitTargets();
const cases = buildCases();
const outsideMarker = 'OUTSIDE-THE-REPOSITORY-MARKER';

function makeRepository(files: Record<string, string> = {}): string {
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

beforeAll(() => installGuards());

describe('hostile input', () => {
  it('has at least 300 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  const repo = makeRepository();
  for (const hostile of cases) {
    // The 20,000-job cases are the only large ones: a few seconds a target on 2 cores.
    const large = hostile.name.includes('20,000');
    const boundMs = large ? 60_000 : 10_000;
    it(`${hostile.format}: ${hostile.name.slice(0, 100)}`, { timeout: large ? 300_000 : 60_000 }, () => {
      const repository = hostile.files ? openRepository(makeRepository(hostile.files)) : openRepository(repo);
      const text = hostile.text();
      const readsBefore = filesRead.length;
      for (const target of targets) {
        const started = Date.now();
        const result = translate({ file: fileNames[hostile.format], text, from: hostile.format, to: target.id, repository, emit: target.version ? { version: target.version } : {} });
        const elapsed = Date.now() - started;
        const printed = formatText(result.diagnostics, result.sources);
        expect(result.diagnostics.filter((d) => d.code === 'internal-error'), printed).toEqual([]);
        expect(elapsed, `${target.id} took ${elapsed} ms`).toBeLessThan(boundMs);
        if (hostile.expect === 'fatal') expect(result.fatal, printed).toBe(true);
        if (hostile.expect === 'error') expect(result.fatal || result.diagnostics.some((d) => d.severity === 'error'), printed).toBe(true);
        if (result.fatal) {
          // A fatal result says why, and where when the file was readable as text.
          expect(result.diagnostics.some((d) => d.severity === 'error'), printed).toBe(true);
        }
        for (const d of result.diagnostics.filter((x) => x.severity === 'error' && x.origin)) {
          expect(result.sources.position(d.origin!.file, d.origin!.range[0]), `${d.code} has no position`).toBeDefined();
        }
        expect(result.output ?? '').not.toContain(outsideMarker);
      }
      const outside = filesRead.slice(readsBefore).filter((path) => path.includes('outside.yml') || path.startsWith('/etc/'));
      expect(outside).toEqual([]);
      expect(networkAttempts).toEqual([]);
    });
  }
});
