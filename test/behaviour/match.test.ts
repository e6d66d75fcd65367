import { describe, expect, it } from 'vitest';
import { matchJobs, plausibleNamesake } from '../../src/behaviour/match.js';

/** Jobs as their command lines; similarity counts the lines x's job shares with y's. */
function jobs(a: Record<string, string[]>, b: Record<string, string[]>) {
  const similarity = (x: string, y: string) => a[x]!.filter((line) => b[y]!.includes(line)).length;
  return { similarity, match: () => Object.fromEntries(matchJobs(Object.keys(a), Object.keys(b), similarity)) };
}

describe('job pairing', () => {
  it('pairs by name, then by spelling', () => {
    const { match } = jobs({ test: ['make test'], deploy_prod: ['./deploy'] }, { test: ['make test'], 'deploy-prod': ['./deploy'] });
    expect(match()).toEqual({ test: 'test', deploy_prod: 'deploy-prod' });
  });

  it('keeps a name whose commands were all rewritten, where no other job runs them', () => {
    const { match } = jobs({ build: ['cd sub && make'], lint: ['npm run lint'] }, { build: ['(cd sub && make)'], lint: ['npm run lint'] });
    expect(match()).toEqual({ build: 'build', lint: 'lint' });
  });

  it('does not pair a source job called build with a 1.0 build holding other jobs\' commands', () => {
    // 1.0 output: its one `build` runs `docs`; the source's build went into a deployment.
    const source = { docs: ['make docs', 'make pdf'], build: ['npm ci', 'npm run build', 'npm test', 'npm pack', 'make docs'] };
    const output = { build: ['make docs', 'make pdf'], release: ['npm ci', 'npm run build', 'npm test', 'npm pack', './release'] };
    const { similarity, match } = jobs(source, output);
    expect(plausibleNamesake('build', 'build', Object.keys(output), similarity)).toBe(false);
    expect(match()).toEqual({ docs: 'build', build: 'release' });
  });

  it('leaves a job alone rather than pair it with one holding a few of its commands, when its own went elsewhere', () => {
    // 1.0 output: deploy and notify were joined into the one deployment `deploy`.
    const source = { deploy: ['./deploy.sh', 'curl health'], notify: ['npm ci', './notify.sh a', './notify.sh b', './notify.sh c'] };
    const output = { deploy: ['./deploy.sh', 'curl health', 'npm ci', './notify.sh a', './notify.sh b', './notify.sh c'], build: ['npm ci'] };
    const { match } = jobs(source, output);
    expect(match()).toEqual({ deploy: 'deploy' });
  });
});
