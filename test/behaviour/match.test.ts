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
});
