/** Every format folder is registered, documented, and detects its own conventional file names. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, emitTargets, formatIds, formats } from '../src/formats/registry.js';

const formatsDir = join(import.meta.dirname, '..', 'src', 'formats');
const folders = readdirSync(formatsDir).filter((name) => statSync(join(formatsDir, name)).isDirectory());

describe('format registry', () => {
  it('registers every format folder under its id', () => {
    expect([...folders].sort()).toEqual([...formatIds].sort());
    for (const id of formatIds) expect(formats[id].id).toBe(id);
  });

  it('has a readme for every format', () => {
    for (const folder of folders) expect(existsSync(join(formatsDir, folder, 'readme.md')), folder).toBe(true);
  });

  it('has golden cases for every format', () => {
    for (const id of formatIds) expect(existsSync(join(import.meta.dirname, '..', 'golden', id)), id).toBe(true);
  });

  it.each([
    ['circle.yml', 'machine:\n  services:\n    - docker\ntest:\n  override:\n    - make test\n', 'circleci1'],
    ['circle.yml', '', 'circleci1'],
    ['.circleci/config.yml', 'version: 2.1\njobs:\n  build:\n    docker: [{image: node:20}]\n    steps: [checkout]\n', 'circleci2'],
    ['config.yml', 'version: 2\njobs: {}\n', 'circleci2'],
    ['.gitlab-ci.yml', 'test:\n  script: make test\n', 'gitlab'],
    ['ci.yml', 'stages: [build]\nbuild:\n  script: make\n', 'gitlab'],
    ['x.yml', 'dependencies:\n  override:\n    - npm ci\n', 'circleci1'],
  ])('detects %s as %s…', (file, text, expected) => {
    expect(detectFormat(file, text)?.format).toBe(expected);
  });

  it('lists every target once, a versioned format once per dialect it writes', () => {
    expect(emitTargets().map((t) => t.stem)).toEqual(formatIds.flatMap((id) => formats[id].versions?.map((v) => `${id}@${v}`) ?? [id]));
    expect(emitTargets().filter((t) => t.id === 'circleci2').map((t) => t.version)).toEqual(['2.1', '2.0']);
  });

  it('claims nothing for unrelated YAML', () => {
    expect(detectFormat('docker-compose.yml', 'services:\n  web:\n    image: nginx\n')).toBeUndefined();
  });
});
