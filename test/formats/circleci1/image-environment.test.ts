/** A CircleCI 2.x primary image's variables are the job's: 1.0 output keeps them in machine.environment. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translate } from '../../../src/translate.js';

const text = `version: 2.1
jobs:
  test:
    docker:
      - image: cimg/ruby:3.2
        environment:
          RAILS_ENV: test
          PGHOST: localhost
    environment:
      RAILS_ENV: ci
    steps:
      - checkout
      - run: bundle exec rspec
workflows:
  main:
    jobs: [test]
`;

describe('image variables into CircleCI 1.0', () => {
  it('go to machine.environment, the job’s own value winning, with nothing lost to report', () => {
    const result = translate({ file: '.circleci/config.yml', text, from: 'circleci2', to: 'circleci1' });
    expect(parse(result.output!).machine.environment).toEqual({ PGHOST: 'localhost', RAILS_ENV: 'ci' });
    expect(result.behaviour?.differences.filter((d) => d.kind === 'variable')).toEqual([]);
    expect(result.diagnostics.some((d) => d.message.includes('image'))).toBe(false);
  });
});
