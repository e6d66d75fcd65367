/**
 * Each golden input → IR → circleci2 → IR gives `normalize()`-equal IR (2.1), and every corpus
 * file does too where nothing was lost on the way (no placeholder, no replaced value).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/ir/normalize.js';
import { readPipeline, translate } from '../../../src/translate.js';
import { describeWithShared, hasShared, sharedPath } from '../../support/shared.js';

const goldenDir = join(import.meta.dirname, '..', '..', '..', 'golden', 'circleci2');
const cases = readdirSync(goldenDir).sort();

function roundTrip(text: string) {
  const first = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'circleci2' });
  const again = readPipeline({ file: '.circleci/config.yml', text: first.output ?? '', from: 'circleci2' });
  return { first, again };
}

describe('circleci2 round trip', () => {
  it('has golden cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));
  for (const name of cases) {
    it(`keeps the IR of ${name}`, () => {
      const text = readFileSync(join(goldenDir, name, 'input', '.circleci', 'config.yml'), 'utf8');
      const { first, again } = roundTrip(text);
      expect(first.pipeline).toBeDefined();
      expect(normalize(again.pipeline!)).toEqual(normalize(first.pipeline!));
      expect(again.sink.diagnostics.filter((d) => d.severity === 'error' || d.code === 'unknown-key')).toEqual([]);
    });
  }
});

const corpusDir = sharedPath('corpus', 'circleci2');
const corpus = hasShared() ? readdirSync(corpusDir).filter((f) => f.endsWith('.yml')).sort() : [];

/** Where the corpus round trip changes the IR, and why (each is a deliberate, reported change). */
const explained: Record<string, string> = {
  '082rakesh__RNStarterKit__.circleci~config.yml': 'YAML syntax error in the input',
  '0Caow0__celery-beat__.circleci~config.yml': 'YAML syntax error in the input',
  'CircleCI-Public__cimg-base__.circleci~config@662b2de.yml': 'retired setup_remote_docker version replaced',
  'prometheus__node_exporter__.circleci~config@bd3fc09.yml': 'retired setup_remote_docker version replaced',
  'codeclimate__codeclimate__.circleci~config@afc205d.yml': 'notify webhooks are set up outside YAML',
  'codeclimate__codeclimate__.circleci~config@d7018ac.yml': 'notify webhooks are set up outside YAML',
  'prettier__prettier__.circleci~config@507e4cd.yml': 'a workflow without jobs is left out',
  'CircleCI-Public__aws-ecr-orb__.circleci~test-deploy@13e28b1.yml': 'unknown orb job placeholders are numbered in another order',
  'CircleCI-Public__path-filtering-orb__.circleci~test-deploy.yml': 'unknown orb job placeholders are numbered in another order',
};

describeWithShared('circleci2 corpus round trip', () => {
  it('keeps the IR of every corpus file except the explained ones', () => {
    const changed: string[] = [];
    for (const name of corpus) {
      const { first, again } = roundTrip(readFileSync(join(corpusDir, name), 'utf8'));
      const same = first.pipeline && again.pipeline && JSON.stringify(normalize(first.pipeline)) === JSON.stringify(normalize(again.pipeline));
      if (!same) changed.push(name);
    }
    expect(changed.filter((name) => !(name in explained))).toEqual([]);
    expect(changed.length).toBeLessThanOrEqual(Object.keys(explained).length);
  }, 120_000);
});
