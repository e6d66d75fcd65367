/** The IR passes of the image and runner tables, and orb element lookup: user rules before built-in. */
import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/diagnostics/sink.js';
import { formatIds } from '../../src/formats/registry.js';
import type { Job, Pipeline } from '../../src/ir/types.js';
import { applyRules, mergedRules } from '../../src/rules/apply-rules.js';
import { builtinRules } from '../../src/rules/builtin-rules.js';
import { findOrbElement } from '../../src/rules/orb-rules.js';
import { emptyRuleSet, type RuleSet } from '../../src/rules/types.js';

const at = (line: number) => ({ file: 'rules.yml', line, column: 3 });

function pipeline(job: Partial<Job>, source: Pipeline['source'] = 'circleci2'): Pipeline {
  return { source, jobs: [{ id: 'build', steps: [], ...job }], workflows: [] };
}

function rules(partial: Partial<RuleSet>): RuleSet {
  return { ...emptyRuleSet(), ...partial };
}

describe('image rewrites', () => {
  it('rewrites the job image and service images by the first matching rule, for any target', () => {
    const user = rules({
      images: [
        { from: 'postgres:9.6', to: 'postgres:16', source: at(2) },
        { from: 'postgres', to: 'mirror/postgres', source: at(3) },
        { from: 'cimg/*', to: 'mirror/cimg/*', source: at(4) },
      ],
    });
    for (const to of formatIds) {
      const p = pipeline({ executor: { kind: 'docker', image: { name: 'cimg/node:20.1' } }, services: [{ name: 'postgres:9.6' }, { name: 'postgres:15' }, { name: 'redis:7' }] });
      const sink = createSink();
      applyRules(p, to, user, sink);
      const job = p.jobs[0]!;
      expect(job.executor).toEqual({ kind: 'docker', image: { name: 'mirror/cimg/node:20.1' } });
      expect(job.services!.map((s) => s.name)).toEqual(['postgres:16', 'mirror/postgres:15', 'redis:7']);
      expect(sink.diagnostics.map((d) => [d.code, d.message])).toEqual([
        ['user-rule', 'job "build": image "cimg/node:20.1" is written as "mirror/cimg/node:20.1" (rule "cimg/*" at rules.yml:4)'],
        ['user-rule', 'job "build" service: image "postgres:9.6" is written as "postgres:16" (rule "postgres:9.6" at rules.yml:2)'],
        ['user-rule', 'job "build" service: image "postgres:15" is written as "mirror/postgres:15" (rule "postgres" at rules.yml:3)'],
      ]);
    }
  });

  it('keeps the hostname a GitLab service was reached by when its image name changes', () => {
    const user = rules({ images: [{ from: 'postgres', to: 'mirror.example.com/library/postgres', source: at(2) }] });
    const fromGitlab = pipeline({ services: [{ name: 'postgres:16' }, { name: 'postgres:15', alias: 'db' }] }, 'gitlab');
    applyRules(fromGitlab, 'gitlab', user, createSink());
    expect(fromGitlab.jobs[0]!.services).toEqual([
      { name: 'mirror.example.com/library/postgres:16', alias: 'postgres' },
      { name: 'mirror.example.com/library/postgres:15', alias: 'db' },
    ]);
    const fromCircle = pipeline({ services: [{ name: 'postgres:16' }] });
    applyRules(fromCircle, 'gitlab', user, createSink());
    expect(fromCircle.jobs[0]!.services).toEqual([{ name: 'mirror.example.com/library/postgres:16' }]);
  });
});

describe('runner rules', () => {
  const user = rules({
    resourceClasses: [{ resourceClass: 'large', tags: ['linux', '4cpu'], source: at(5) }],
    runnerTags: [
      { tag: '4cpu', resourceClass: 'large', source: at(7) },
      { tag: 'saas-linux-medium-amd64', resourceClass: 'xlarge', source: at(8) },
    ],
  });

  it('resource_class → tags only when writing GitLab', () => {
    const p = pipeline({ resourceClass: 'large', runnerTags: ['linux', 'docker'] });
    const sink = createSink();
    applyRules(p, 'gitlab', user, sink);
    expect(p.jobs[0]).toMatchObject({ runnerTags: ['linux', 'docker', '4cpu'] });
    expect(p.jobs[0]!.resourceClass).toBeUndefined();
    expect(sink.diagnostics[0]!.message).toBe('job "build": resource_class "large" selects runners tagged linux, 4cpu (rule at rules.yml:5)');

    const circle = pipeline({ resourceClass: 'large' });
    applyRules(circle, 'circleci2', user, createSink());
    expect(circle.jobs[0]!.resourceClass).toBe('large');
    const unknown = pipeline({ resourceClass: 'medium' });
    applyRules(unknown, 'gitlab', user, createSink());
    expect(unknown.jobs[0]).toMatchObject({ resourceClass: 'medium' });
  });

  it('tags → resource_class only when writing CircleCI 2.x; unmapped tags stay', () => {
    const p = pipeline({ runnerTags: ['docker', '4cpu'] }, 'gitlab');
    const sink = createSink();
    applyRules(p, 'circleci2', user, sink);
    expect(p.jobs[0]).toMatchObject({ resourceClass: 'large', runnerTags: ['docker'] });
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['user-rule']);

    const all = pipeline({ runnerTags: ['4cpu'] }, 'gitlab');
    applyRules(all, 'circleci2', user, createSink());
    expect(all.jobs[0]!.runnerTags).toBeUndefined();

    const gitlab = pipeline({ runnerTags: ['4cpu'] }, 'gitlab');
    applyRules(gitlab, 'gitlab', user, createSink());
    expect(gitlab.jobs[0]).toEqual({ id: 'build', steps: [], runnerTags: ['4cpu'] });
  });

  it('a user rule wins over the built-in one for the same tag', () => {
    const withUser = pipeline({ runnerTags: ['saas-linux-medium-amd64'] }, 'gitlab');
    applyRules(withUser, 'circleci2', user, createSink());
    expect(withUser.jobs[0]!.resourceClass).toBe('xlarge');

    const builtin = pipeline({ runnerTags: ['saas-linux-medium-amd64'] }, 'gitlab');
    const sink = createSink();
    applyRules(builtin, 'circleci2', undefined, sink);
    expect(builtin.jobs[0]!.resourceClass).toBe('large');
    expect(sink.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['builtin-rule', 'job "build": runner tag saas-linux-medium-amd64 becomes resource_class "large" (rule at mappings/runners.yml)'],
    ]);
  });
});

describe('orb rules', () => {
  const user = rules({
    orbs: {
      'circleci/node': { commands: { 'install-packages': { steps: [{ kind: 'run', command: 'make deps' }], source: at(4) } } },
      'acme/deploy': { jobs: { release: { steps: [{ kind: 'checkout' }], source: at(9) } } },
    },
  });

  it('finds a user element first, the built-in table otherwise, own keys only', () => {
    expect(findOrbElement(user.orbs, 'circleci/node', 'commands', 'install-packages')?.source).toEqual(at(4));
    expect(findOrbElement(user.orbs, 'circleci/node', 'commands', 'install-yarn')).toBe(builtinRules.orbs['circleci/node']!.commands!['install-yarn']);
    expect(findOrbElement(user.orbs, 'acme/deploy', 'jobs', 'release')?.source).toEqual(at(9));
    expect(findOrbElement(undefined, 'acme/deploy', 'jobs', 'release')).toBeUndefined();
    expect(findOrbElement(user.orbs, 'acme/deploy', 'jobs', 'constructor')).toBeUndefined();
    expect(findOrbElement(user.orbs, 'circleci/node', 'commands', 'toString')).toBeUndefined();
  });

  it('merges per element for the support matrix', () => {
    const merged = mergedRules(user).orbs['circleci/node']!;
    expect(Object.keys(merged.commands!).sort()).toEqual(Object.keys(builtinRules.orbs['circleci/node']!.commands!).sort());
    expect(merged.commands!['install-packages']!.source).toEqual(at(4));
    expect(merged.jobs).toEqual(builtinRules.orbs['circleci/node']!.jobs);
  });
});
