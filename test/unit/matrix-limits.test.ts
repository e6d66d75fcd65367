/**
 * Issue 18: every matrix expansion is sized before it is built. A GitLab parallel:matrix of 8
 * variables of 12 values (430 million jobs) used to grow until the heap was exhausted; GitLab's own
 * limit of 200 jobs a matrix is diagnosed for GitLab output.
 */
import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/diagnostics/sink.js';
import { formats, formatIds } from '../../src/formats/registry.js';
import type { Job, Pipeline } from '../../src/ir/types.js';
import { matrixJobCount } from '../../src/ir/matrix.js';
import { translate } from '../../src/translate.js';
import { limits } from '../../src/yaml/limits.js';

const values = (n: number) => `[${Array.from({ length: n }, (_, i) => `v${i}`).join(', ')}]`;
const gitlabMatrix = (variables: number, each: number, jobs = 1) =>
  Array.from({ length: jobs }, (_, j) => [
    `job${j}:`,
    '  script: [echo hi]',
    '  parallel:',
    '    matrix:',
    ...Array.from({ length: variables }, (_, v) => `${v === 0 ? '      - ' : '        '}V${v}: ${values(each)}`),
  ].join('\n')).join('\n') + '\n';

const run = (text: string, to: (typeof formatIds)[number], version?: string) =>
  translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to, ...(version ? { emit: { version } } : {}) });

describe('matrix limits', () => {
  it('sizes a matrix from its value counts', () => {
    expect(matrixJobCount({ sets: [{ A: ['1', '2'], B: ['x', 'y', 'z'] }, { C: ['c'] }] })).toBe(7);
    expect(matrixJobCount({ sets: [Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`V${i}`, Array(12).fill('v')]))] })).toBe(12 ** 8);
  });

  for (const to of formatIds) {
    it(`refuses a GitLab matrix of 8 × 12 values translated to ${to}, located, without expanding it`, { timeout: 30_000 }, () => {
      const started = Date.now();
      const result = run(gitlabMatrix(8, 12), to);
      expect(Date.now() - started).toBeLessThan(10_000);
      const refused = result.diagnostics.find((d) => d.code === 'matrix-too-large');
      expect(refused?.severity).toBe('error');
      expect(refused?.message).toContain(`${12 ** 8} jobs`);
      expect(result.sources.position(refused!.origin!.file, refused!.origin!.range[0])).toEqual({ line: 3, column: 3 });
      expect((result.output ?? '').length).toBeLessThan(5000);
    });
  }

  it('expands a matrix within the limit into one CircleCI job per combination', () => {
    const result = run(gitlabMatrix(2, 20), 'circleci2');
    expect(result.diagnostics.filter((d) => d.code === 'matrix-too-large')).toEqual([]);
    expect(result.output!.match(/^ {2}job0-v\d+-v\d+:$/gm)).toHaveLength(400);
  });

  it('bounds all matrices of one configuration together', () => {
    const jobs = limits.maxMatrixJobsTotal / limits.maxMatrixCells + 1;
    const result = run(gitlabMatrix(2, Math.sqrt(limits.maxMatrixCells) | 0, jobs), 'gitlab');
    const refused = result.diagnostics.filter((d) => d.code === 'matrix-too-large');
    // 31 × 31 = 961 jobs each: ten fit in the budget of 10,000, the eleventh does not.
    expect(refused.map((d) => d.message.match(/job "(\w+)"/)![1])).toEqual([`job${jobs - 1}`]);
    expect(refused[0]!.message).toContain('together');
  });

  it('diagnoses a GitLab matrix of more than 200 jobs for GitLab output, and not one of 200', () => {
    const over = run(gitlabMatrix(2, 15), 'gitlab');
    const limit = over.diagnostics.find((d) => d.code === 'gitlab-parallel-limit');
    expect(limit?.severity).toBe('error');
    expect(limit?.message).toContain('225 jobs');
    expect(over.sources.position(limit!.origin!.file, limit!.origin!.range[0])).toEqual({ line: 3, column: 3 });
    const at = run(gitlabMatrix(1, 200), 'gitlab');
    expect(at.diagnostics.filter((d) => d.code === 'gitlab-parallel-limit')).toEqual([]);
  });

  it('a writer sizes a matrix it did not read before expanding it', () => {
    // An IR matrix no reader bounded (a library caller's pipeline): the CircleCI writer refuses it.
    const job: Job = { id: 'test', steps: [{ kind: 'run', command: 'make' }], matrix: { sets: [Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`V${i}`, Array.from({ length: 12 }, (_, v) => `v${v}`)]))] } };
    const pipeline: Pipeline = { source: 'gitlab', jobs: [job], workflows: [{ nodes: [{ id: 'test', job: 'test' }] }] };
    for (const version of ['2.1', '2.0']) {
      const sink = createSink();
      const started = Date.now();
      const text = formats.circleci2.emit(pipeline, { sink, options: { version } });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(sink.diagnostics.filter((d) => d.code === 'matrix-too-large')).toHaveLength(1);
      expect(text.match(/^ {2}test:$/gm)).toHaveLength(1);
    }
  });

  it('writes a parallelism over GitLab\'s 200 as 200, with a warning', () => {
    const text = 'version: 2.1\njobs:\n  t:\n    docker: [{image: alpine}]\n    parallelism: 500\n    steps: [checkout]\nworkflows:\n  w:\n    jobs: [t]\n';
    const result = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'gitlab' });
    expect(result.output).toMatch(/parallel: 200$/m);
    expect(result.diagnostics.find((d) => d.code === 'gitlab-parallel-capped')?.severity).toBe('warning');
    expect(result.diagnostics.filter((d) => d.code === 'gitlab-parallel-limit')).toEqual([]);
  });
});
