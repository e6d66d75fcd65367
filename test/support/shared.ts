/**
 * The one way tests and benchmarks reach ../shared (vendor schemas, corpus, specs). A clone without
 * it still runs `npm test`: suites that need it register as skipped under a title that says so, and
 * the reporter below lists them at the end of the run.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/** ../shared next to the repository (CI clones it there); CIPORT_SHARED overrides. */
export function sharedDir(): string {
  return process.env.CIPORT_SHARED ?? resolve(import.meta.dirname, '..', '..', '..', 'shared');
}

/** A path inside ../shared: `sharedPath('schemas', 'gitlab-ci.schema.json')`. */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}

export function hasShared(): boolean {
  return existsSync(sharedPath('corpus')) && existsSync(sharedPath('schemas'));
}

/** Appended to the title of every suite or test skipped because ../shared is absent. */
export const absentShared = '(skipped: ../shared is absent)';

/**
 * `describe` for a suite that needs ../shared. Without it the suite's body never runs (it may read
 * shared files while collecting); a skipped suite of the same name stands in for it.
 */
export function describeWithShared(name: string, body: () => void): void {
  if (hasShared()) describe(name, body);
  else describe.skip(`${name} ${absentShared}`, () => it('reads ../shared', () => {}));
}

/** `it` for one test that needs ../shared, in a suite that does not. */
export function itWithShared(name: string, body: () => void | Promise<void>, timeout?: number): void {
  if (hasShared()) it(name, body, timeout);
  else it.skip(`${name} ${absentShared}`, () => {});
}

/**
 * Checks against ../shared for tests that otherwise run without it (writer tests that also hold
 * their output to a vendor schema): `add` while the file's tests run, then `checkAll` at the end of
 * the file registers one last test that checks everything added, skipped by name without ../shared.
 */
export function checkedAtEnd<T>(): { add(item: T): void; checkAll(title: string, check: (item: T) => void): void } {
  const items: T[] = [];
  return {
    add: (item) => void items.push(item),
    checkAll: (title, check) =>
      itWithShared(title, () => {
        if (!items.length) throw new Error('no output was collected: run the whole file');
        for (const item of items) check(item);
      }),
  };
}

/** Vitest reporter (vitest.config.ts): names, after the summary, what ran without ../shared. */
export class SharedSkipsReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const module of modules) {
      const file = relative(process.cwd(), module.moduleId);
      for (const suite of module.children.allSuites()) if (suite.name.endsWith(absentShared)) skipped.push(`${file} > ${suite.fullName.replace(` ${absentShared}`, '')}`);
      for (const test of module.children.allTests()) if (test.name.endsWith(absentShared)) skipped.push(`${file} > ${test.fullName.replace(` ${absentShared}`, '')}`);
    }
    if (!skipped.length) return;
    skipped.sort();
    process.stdout.write(`\nSkipped because ../shared is absent (${skipped.length}; clone it beside the repository or set CIPORT_SHARED):\n`);
    for (const name of skipped) process.stdout.write(`  - ${name}\n`);
  }
}
