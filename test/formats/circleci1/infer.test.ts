import { describe, expect, it } from 'vitest';
import { job, read, runs } from './helpers.js';

describe('circleci1 reader: inference', () => {
  it('marks the gap once per inferred phase without a repository', () => {
    const { pipeline, diagnostics } = read('test:\n  post:\n    - rubocop\n');
    const gaps = job(pipeline).steps.filter((s) => s.kind === 'unmapped');
    expect(gaps.map((s) => s.kind === 'unmapped' && s.value)).toEqual(['dependencies', 'database', 'test']);
    // The database phase is a note of its own: 1.0 inferred database commands only for Rails-like projects.
    expect(diagnostics.filter((d) => d.code === 'circleci1-inference-gap').map((d) => [d.severity, d.message.split('"')[1]])).toEqual([
      ['warning', 'dependencies'],
      ['warning', 'test'],
    ]);
    expect(diagnostics.filter((d) => d.code === 'circleci1-database-inference').map((d) => d.severity)).toEqual(['info']);
  });

  it('has no gap where override is given', () => {
    const { codes } = read('dependencies:\n  override: []\ndatabase:\n  override: []\ntest:\n  override: [make]\n');
    expect(codes).not.toContain('circleci1-inference-gap');
  });

  it('reproduces the documented Rails commands from the repository', () => {
    const files = { Gemfile: "gem 'rails'", 'config/database.yml': 'test: {}', 'spec/a_spec.rb': '', 'features/a.feature': '' };
    const { pipeline, diagnostics } = read('test:\n  pre: [echo pre]\n', files);
    expect(runs(pipeline).map((r) => `${r.phase}:${r.command}:${r.inferred ?? false}`)).toEqual([
      'dependencies:bundle check --path=vendor/bundle || bundle install --path=vendor/bundle --jobs=4 --retry=3:true',
      'database:bundle exec rake db:create db:schema:load --trace:true',
      'test:echo pre:false',
      'test:bundle exec rspec:true',
      'test:bundle exec cucumber:true',
    ]);
    expect(diagnostics.filter((d) => d.code === 'circleci1-inferred-command')).toHaveLength(3);
    expect(job(pipeline).steps.find((s) => s.kind === 'cache-save')).toMatchObject({ paths: ['vendor/bundle'] });
  });

  it('prefers the Gradle wrapper and skips vetoed rules', () => {
    const { pipeline } = read('', { gradlew: '', 'build.gradle': '' });
    expect(runs(pipeline).map((r) => r.command)).toEqual(['./gradlew dependencies', './gradlew test']);
  });

  it('infers nothing for an unknown repository', () => {
    const { pipeline, codes } = read('test:\n  pre: [echo]\n', { 'README.md': '' });
    expect(runs(pipeline).map((r) => r.command)).toEqual(['echo']);
    expect(codes).not.toContain('circleci1-inference-gap');
  });

  it('takes the Ruby version from .ruby-version or the Gemfile when machine names none', () => {
    const fromFile = read('test:\n  override: [rake]\n', { '.ruby-version': 'ruby-2.4.1\n', Gemfile: '' });
    expect(job(fromFile.pipeline).executor).toMatchObject({ kind: 'docker', image: { name: 'ruby:2.4.1' } });
    expect(job(fromFile.pipeline).extensions).toBeUndefined();
    const fromGemfile = read('test:\n  override: [rake]\n', { Gemfile: "source 'https://rubygems.org'\nruby '2.3.3'\n" });
    expect(job(fromGemfile.pipeline).executor).toMatchObject({ image: { name: 'ruby:2.3.3' } });
    expect(fromGemfile.diagnostics.find((d) => d.code === 'default-chosen')?.message).toContain('Gemfile');
  });
});
