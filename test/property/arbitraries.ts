/** fast-check generators: IR pipelines in the portable subset, and small valid configs per format. */
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Job, Pipeline, Step, WorkflowNode } from '../../src/ir/types.js';

const identifier = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const envName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/).filter((n) => !/(TOKEN|SECRET|PASS|KEY|AUTH|CERT|PRIVATE|CREDENTIAL|DSN|WEBHOOK|SIGNING)/.test(n));
const plainValue = fc.stringMatching(/^[a-zA-Z0-9._/-]{1,20}$/);
const command = fc.oneof(
  fc.constantFrom('make', 'npm ci', 'npm test', 'go test ./...', 'pytest -q', './scripts/build.sh', 'echo done'),
  fc.tuple(fc.constantFrom('echo', 'make', 'ls'), plainValue).map(([a, b]) => `${a} ${b}`),
);
const image = fc.constantFrom('node:20', 'python:3.12', 'golang:1.22', 'alpine:3.19', 'cimg/base:stable', 'ruby:3.3');

const runStep: fc.Arbitrary<Step> = command.map((c) => ({ kind: 'run', command: c }));

const job = (id: string): fc.Arbitrary<Job> =>
  fc.record({
    image,
    steps: fc.array(runStep, { minLength: 1, maxLength: 4 }),
    env: fc.uniqueArray(fc.record({ name: envName, value: plainValue }), { maxLength: 3, selector: (v) => v.name }),
  }).map(({ image: name, steps, env }) => ({
    id,
    executor: { kind: 'docker', image: { name } },
    steps: [{ kind: 'checkout' }, ...steps],
    ...(env.length ? { environment: env.map((v) => ({ name: v.name, value: v.value, expand: false })) } : {}),
  }));

/** A pipeline of 1–6 jobs in one workflow whose edges only point backwards (a DAG). */
export const portablePipeline: fc.Arbitrary<Pipeline> = fc
  .uniqueArray(identifier, { minLength: 1, maxLength: 6 })
  .chain((ids) =>
    fc.tuple(
      fc.tuple(...ids.map(job)),
      fc.tuple(...ids.map((_, i) => (i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: 2 })))),
    ).map(([jobs, edges]) => {
      const nodes: WorkflowNode[] = ids.map((id, i) => ({
        id,
        job: id,
        ...(edges[i]!.length ? { requires: edges[i]!.map((e) => ({ node: ids[e]! })) } : {}),
      }));
      return { jobs, workflows: [{ name: 'main', nodes }] } satisfies Pipeline;
    }),
  );

/** A small valid CircleCI 2.1 config as text. */
export const circleci2Config: fc.Arbitrary<string> = fc
  .uniqueArray(identifier, { minLength: 1, maxLength: 5 })
  .chain((names) =>
    fc.tuple(
      fc.tuple(...names.map(() => fc.record({ image, commands: fc.array(command, { minLength: 1, maxLength: 3 }), cache: fc.boolean(), parallelism: fc.constantFrom(1, 2, 4) }))),
      fc.tuple(...names.map((_, i) => (i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: 2 })))),
      fc.option(fc.constantFrom('main', '/release-.*/'), { nil: undefined }),
    ).map(([specs, edges, branchFilter]) => {
      const jobs: Record<string, unknown> = {};
      names.forEach((name, i) => {
        const spec = specs[i]!;
        const steps: unknown[] = ['checkout'];
        if (spec.cache) steps.push({ restore_cache: { keys: ['deps-{{ checksum "lock" }}', 'deps-'] } });
        for (const c of spec.commands) steps.push({ run: c });
        if (spec.cache) steps.push({ save_cache: { key: 'deps-{{ checksum "lock" }}', paths: ['~/.cache'] } });
        jobs[name] = { docker: [{ image: spec.image }], ...(spec.parallelism > 1 ? { parallelism: spec.parallelism } : {}), steps };
      });
      const workflowJobs = names.map((name, i) => {
        const requires = edges[i]!.map((e) => names[e]!);
        const filters = branchFilter && i === names.length - 1 ? { branches: { only: branchFilter } } : undefined;
        return requires.length || filters ? { [name]: { ...(requires.length ? { requires } : {}), ...(filters ? { filters } : {}) } } : name;
      });
      return stringify({ version: 2.1, jobs, workflows: { main: { jobs: workflowJobs } } });
    }),
  );

/** A small valid GitLab CI config as text. */
export const gitlabConfig: fc.Arbitrary<string> = fc
  .uniqueArray(identifier, { minLength: 1, maxLength: 5 })
  .chain((names) =>
    fc.tuple(
      fc.tuple(...names.map(() => fc.record({ image: fc.option(image, { nil: undefined }), script: fc.array(command, { minLength: 1, maxLength: 3 }), stage: fc.constantFrom('build', 'test', 'deploy'), manual: fc.boolean(), artifacts: fc.boolean() }))),
      fc.option(fc.constantFrom('$CI_COMMIT_BRANCH == "main"', '$CI_COMMIT_TAG =~ /^v\\d+/', '$CI_PIPELINE_SOURCE == "schedule"'), { nil: undefined }),
    ).map(([specs, rule]) => {
      const config: Record<string, unknown> = { stages: ['build', 'test', 'deploy'] };
      names.forEach((name, i) => {
        const spec = specs[i]!;
        config[`job-${name}`] = {
          stage: spec.stage,
          ...(spec.image ? { image: spec.image } : {}),
          script: spec.script,
          ...(spec.artifacts ? { artifacts: { paths: ['dist/'] } } : {}),
          ...(rule && i === 0 ? { rules: [{ if: rule }] } : spec.manual ? { when: 'manual' } : {}),
        };
      });
      return stringify(config);
    }),
  );
