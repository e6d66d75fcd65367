/** Lines a translation adds to stand for what its original did implicitly are not added commands. */
import { describe, expect, it } from 'vitest';
import { emulatesOriginal } from '../../src/behaviour/emulation.js';
import { semantics as circleci2 } from '../../src/formats/circleci2/semantics.js';
import { semantics as gitlab } from '../../src/formats/gitlab/semantics.js';
import type { FormatId } from '../../src/ir/types.js';
import { readPipeline } from '../../src/translate.js';
import { compareConfigurations } from '../../src/verify.js';

function side(file: string, text: string, format: FormatId) {
  const read = readPipeline({ file, text, from: format });
  if (!read.pipeline) throw new Error(`${file} did not read`);
  return { pipeline: read.pipeline, format };
}

describe('emulation lines', () => {
  it.each([
    ['export BASH_ENV="${BASH_ENV:-$CI_PROJECT_DIR/.ciport_bash_env}"; touch "$BASH_ENV"', true],
    ['. "$BASH_ENV"', true],
    ['source $BASH_ENV', true],
    ['export CIRCLE_NODE_INDEX="$((${CI_NODE_INDEX:-1} - 1))"', true],
    ['export DEPLOY_ENV=production', false],
    ['. ./env.sh', false],
    ['export CIRCLE_NODE_INDEX=1 && make', false],
    // The script a job that runs nothing needs in GitLab.
    ['echo "nothing to run"', true],
    ['echo "nothing to run" && make', false],
  ])('in GitLab for CircleCI: %s → %s', (line, expected) => {
    expect(emulatesOriginal(line, gitlab, circleci2)).toBe(expected);
  });

  it.each([
    ['echo "export CI_COMMIT_BRANCH=\\"$(printf \'%s\' "${CIRCLE_BRANCH}" | tr A-Z a-z)\\"" >> "$BASH_ENV"', true],
    ['echo "export CI_COMMIT_SHA=\\"${CIRCLE_SHA1}\\"" >> $BASH_ENV', true],
    ['echo "export TOKEN=x" >> "$BASH_ENV"', false],
    ['echo "export CI_COMMIT_SHA=1" > "$BASH_ENV"', false],
    // Only bash reads the file by itself: a step in /bin/sh (an image without bash) sources it
    // first, which stands for nothing the original ran.
    ['. "$BASH_ENV"', true],
    ['. "$BASH_ENV" && make', false],
  ])('in CircleCI for GitLab: %s → %s', (line, expected) => {
    expect(emulatesOriginal(line, circleci2, gitlab)).toBe(expected);
  });
});

describe('the comparison passes over emulation', () => {
  const circle = `version: 2.1
jobs:
  build:
    docker: [{image: node:20}]
    steps:
      - checkout
      - run: make
      - run: make test
workflows:
  main:
    jobs: [build]
`;
  const translated = (extra: string) => `build:
  image: node:20
  script:
    - export BASH_ENV="\${BASH_ENV:-$CI_PROJECT_DIR/.ciport_bash_env}"; touch "$BASH_ENV"
    - export CIRCLE_NODE_INDEX="$((\${CI_NODE_INDEX:-1} - 1))"
    - make
    - . "$BASH_ENV"
${extra}    - make test
`;
  const commandDifferences = (gitlabText: string) =>
    compareConfigurations(side('.circleci/config.yml', circle, 'circleci2'), side('.gitlab-ci.yml', gitlabText, 'gitlab')).filter((d) => d.kind.startsWith('command-'));

  it('sees no added command for the emulation and the shim', () => {
    expect(commandDifferences(translated('')).map((d) => d.message)).toEqual([]);
  });

  it('still sees a command the translation really added', () => {
    expect(commandDifferences(translated('    - export DEPLOY_ENV=production\n')).map((d) => d.kind)).toEqual(['command-added']);
  });
});

describe('a shim step that computes a value', () => {
  // A CircleCI translation of a GitLab job: the first step computes CI_COMMIT_REF_SLUG in a
  // substitution and renames CI_JOB_NAME, the way the CircleCI writers' shim does.
  const gitlabText = 'build:\n  image: alpine\n  script:\n    - echo "$CI_COMMIT_REF_SLUG" "$CI_JOB_NAME"\n';
  const circleText = `version: 2.1
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - run:
          name: Map predefined variables
          command: |-
            echo "export CI_COMMIT_REF_SLUG=\\"$(printf '%s' "\${CIRCLE_TAG:-$CIRCLE_BRANCH}" | LC_ALL=C tr 'A-Z' 'a-z' | cut -c1-63)\\"" >> "$BASH_ENV"
            echo "export CI_JOB_NAME=\\"\${CIRCLE_JOB}\\"" >> "$BASH_ENV"
      - checkout
      - run: echo "$CI_COMMIT_REF_SLUG" "$CI_JOB_NAME"
workflows:
  main:
    jobs: [build]
`;

  it('is read as exports for later steps, not as commands, and keeps the renamed variable', () => {
    const differences = compareConfigurations(side('.gitlab-ci.yml', gitlabText, 'gitlab'), side('.circleci/config.yml', circleText, 'circleci2'));
    expect(differences.filter((d) => d.kind.startsWith('command-')).map((d) => d.message)).toEqual([]);
  });
});

describe('a variable a shim computes', () => {
  const gitlabText = 'test:\n  image: alpine\n  parallel: 2\n  script:\n    - ./run --shard "$CI_NODE_INDEX" --out "$CI_PROJECT_DIR/out"\n';
  const circleText = (nodeIndex: string, projectDir: string) => `version: 2.1
jobs:
  test:
    docker: [{image: cimg/base:2024.01}]
    parallelism: 2
    steps:
      - run:
          name: Map predefined variables
          command: |-
            echo "export CI_NODE_INDEX=\\"${nodeIndex}\\"" >> "$BASH_ENV"
            echo "export CI_PROJECT_DIR=\\"${projectDir}\\"" >> "$BASH_ENV"
      - checkout
      - run: ./run --shard "$CI_NODE_INDEX" --out "$CI_PROJECT_DIR/out"
workflows:
  main:
    jobs: [test]
`;
  const changed = (text: string) =>
    compareConfigurations(side('.gitlab-ci.yml', gitlabText, 'gitlab'), side('.circleci/config.yml', text, 'circleci2')).filter((d) => d.kind.startsWith('command-'));

  it('stands for the predefined variable whose value it computes (1-based index, expanded ~)', () => {
    expect(changed(circleText('$((CIRCLE_NODE_INDEX + 1))', '$(printf \'%s\' "$CIRCLE_WORKING_DIRECTORY" | sed "s|^~|$HOME|")')).map((d) => d.message)).toEqual([]);
  });

  it('does not when the expression computes something else', () => {
    expect(changed(circleText('$((CIRCLE_NODE_INDEX + 2))', '$(printf \'%s\' "$CIRCLE_WORKING_DIRECTORY" | sed "s|^~|$HOME|")')).map((d) => d.kind)).toEqual(['command-changed']);
  });
});

describe('an image without bash', () => {
  // CircleCI runs its steps with /bin/sh, which does not read $BASH_ENV by itself.
  const gitlabText = 'build:\n  image: alpine:3.20\n  script:\n    - echo "$CI_JOB_NAME"\n';
  const circleText = (step: string) => `version: 2.1
jobs:
  build:
    docker: [{image: alpine:3.20}]
    steps:
      - checkout
      - run:
          name: Map predefined variables
          command: echo "export CI_JOB_NAME=\\"\${CIRCLE_JOB}\\"" >> "$BASH_ENV"
      - run: ${step}
workflows:
  main:
    jobs: [{build: {filters: {tags: {only: /.*/}}}}]
`;
  const differences = (step: string) => compareConfigurations(side('.gitlab-ci.yml', gitlabText, 'gitlab'), side('.circleci/config.yml', circleText(step), 'circleci2')).map((d) => d.kind);

  it('loses what earlier steps exported, unless the step sources the file itself', () => {
    expect(differences('echo "$CI_JOB_NAME"')).toContain('command-changed');
    expect(differences('|-\n          . "$BASH_ENV"\n          echo "$CI_JOB_NAME"')).toEqual([]);
  });
});


describe('a variable exported through $BASH_ENV', () => {
  const circleText = `version: 2.1
jobs:
  build:
    docker: [{image: cimg/base:2024.01}]
    steps:
      - checkout
      - run: echo 'export X=1' >> $BASH_ENV
      - run: echo "$X"
workflows:
  main:
    jobs: [{build: {filters: {tags: {only: /.*/}}}}]
`;
  const gitlab = (exportLine: string) => `build:
  image: cimg/base:2024.01
  script:
    - export BASH_ENV="\${BASH_ENV:-$CI_PROJECT_DIR/.ciport_bash_env}"; touch "$BASH_ENV"
${exportLine}    - . "$BASH_ENV"
    - echo "$X"
`;
  const differences = (text: string) => compareConfigurations(side('.circleci/config.yml', circleText, 'circleci2'), side('.gitlab-ci.yml', text, 'gitlab')).map((d) => d.kind);

  it('is no difference where the translation writes the same export and sources the file', () => {
    expect(differences(gitlab("    - echo 'export X=1' >> $BASH_ENV\n"))).toEqual([]);
  });

  it('is lost where the translation does not write it', () => {
    expect(differences(gitlab(''))).toContain('variable');
  });
});
