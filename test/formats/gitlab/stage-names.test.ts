import { describe, expect, it } from 'vitest';
import { stageNames } from '../../../src/formats/gitlab/stage-names.js';

describe('stage names for a source without stages', () => {
  it('name each stage for what its jobs do, in table order', () => {
    expect(stageNames([['build_frontend', 'build_backend'], ['scan-backend', 'test_frontend'], ['deploy-prod']])).toEqual(['build', 'test-scan', 'deploy']);
  });

  it('read other spellings as their word', () => {
    expect(stageNames([['compile'], ['unit-tests', 'e2e'], ['release']])).toEqual(['build', 'test', 'publish']);
  });

  it('call a one-job stage by its job when its word is taken or unknown, and number the rest', () => {
    expect(stageNames([['deploy-infra'], ['run-migrations'], ['deploy-app'], ['foo', 'bar']])).toEqual(['deploy', 'run-migrations', 'deploy-app', 'stage-4']);
  });

  it('never repeat a name', () => {
    expect(stageNames([['test-a', 'test-b'], ['test-c', 'test-d']])).toEqual(['test', 'test-2']);
  });

  it('name a stage by the word most of its jobs say, and join at most two words otherwise', () => {
    expect(stageNames([['build-a', 'build-b', 'audit'], ['lint', 'unit', 'deploy']])).toEqual(['build', 'stage-2']);
  });
});
