import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/ir/normalize.js';
import { readPipeline, translate } from '../../../src/translate.js';
import { goldenRoot } from '../../support/golden.js';
import { openRepository } from '../../../src/io/repository.js';
import { describeWithShared, itWithShared, sharedPath } from '../../support/shared.js';
import { schemaError } from '../../support/schemas.js';

/**
 * Corpus files whose own YAML the vendor schema rejects (URLs with `${…}` fail `format: uri`,
 * components with `$CI_SERVER_FQDN` fail the include pattern), and files with a `spec:` header
 * document, which the single-document schema check cannot read. The output keeps what the input
 * said, so it fails the same way.
 */
const schemaInvalidInputs = new Set([
  'gitlabhq__cli__.gitlab-ci.yml',
  'gitlabhq__gitlab-runner__.gitlab-ci.yml',
  'gitlabhq__gitlab-runner__.gitlab-ci@57be60b.yml',
  'gitlabhq__gitlab-runner__.gitlab-ci@c91c6b1.yml',
  'gitlabhq__gitlab-runner__.gitlab~ci~docs.gitlab-ci.yml',
  'gitlabhq__gitlab-runner__.gitlab~ci~release.gitlab-ci.yml',
  'gitlabhq__gitlab-runner__.gitlab~ci~test.gitlab-ci.yml',
  'gitlabhq__gitlabhq__lib~gitlab~ci~templates~5-Minute-Production-App.gitlab-ci.yml',
  'gitlabhq__omnibus-gitlab__gitlab-ci-config~gitlab-com.yml',
  'gitlabhq__orbit-knowledge-graph__.gitlab-ci.yml',
]);

describeWithShared('GitLab corpus → GitLab', () => {
  const dir = sharedPath('corpus', 'gitlab');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  it('translates every file without crash or unknown key, schema-valid', () => {
    const crashes: string[] = [];
    const unknown: string[] = [];
    const invalid: string[] = [];
    for (const file of files) {
      const result = translate({ file: '.gitlab-ci.yml', text: readFileSync(join(dir, file), 'utf8'), from: 'gitlab', to: 'gitlab' });
      for (const d of result.diagnostics) {
        if (d.code === 'internal-error') crashes.push(`${file}: ${d.message}`);
        if (d.code === 'unknown-key') unknown.push(`${file}: ${d.message}`);
      }
      if (result.output === null) crashes.push(`${file}: no output`);
      else if (!schemaInvalidInputs.has(file)) {
        const error = schemaError('gitlab', result.output);
        if (error) invalid.push(`${file}: ${error}`);
      }
    }
    expect(files.length).toBe(120);
    expect(crashes).toEqual([]);
    expect(unknown).toEqual([]);
    expect(invalid).toEqual([]);
  }, 120_000);

  it('keeps the IR through a GitLab round trip', () => {
    const drifted: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      const first = translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'gitlab' });
      if (!first.pipeline || first.output === null) continue;
      const again = readPipeline({ file: '.gitlab-ci.yml', text: first.output, from: 'gitlab' });
      if (JSON.stringify(normalize(again.pipeline!)) !== JSON.stringify(normalize(first.pipeline))) drifted.push(file);
    }
    expect(drifted).toEqual([]);
  }, 120_000);
});

describe('GitLab golden inputs round trip', () => {
  const root = join(goldenRoot, 'gitlab');
  const names = readdirSync(root).filter((n) => !n.includes('.'));
  const translated = (name: string) => {
    const inputDir = join(root, name, 'input');
    const repository = openRepository(inputDir);
    const text = readFileSync(join(inputDir, '.gitlab-ci.yml'), 'utf8');
    return { repository, result: translate({ file: '.gitlab-ci.yml', text, from: 'gitlab', to: 'gitlab', repository }) };
  };
  for (const name of names) {
    it(name, () => {
      const { repository, result: first } = translated(name);
      expect(first.output).not.toBeNull();
      const again = readPipeline({ file: '.gitlab-ci.yml', text: first.output!, from: 'gitlab', repository });
      expect(normalize(again.pipeline!)).toEqual(normalize(first.pipeline!));
    });
  }
  itWithShared('every output passes the GitLab schema', () => {
    for (const name of names) expect(schemaError('gitlab', translated(name).result.output!), name).toBeUndefined();
  });
});
