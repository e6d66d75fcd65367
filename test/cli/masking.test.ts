/** On the real CLI: masking hides secret values but never ordinary words of a message. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const config = `version: 2
jobs:
  build:
    docker:
      - image: acme/private:1.0
        auth:
          username: me
          password: $DOCKER_PASS
    environment:
      DB_PASSWORD: hunter2
    steps:
      - run: make
workflows:
  version: 2
  main:
    jobs: [build]
`;

describe('masking in diagnostics', () => {
  it('keeps "needs registry credentials: create a DOCKER_AUTH_CONFIG variable" and the image name whole', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ciport-mask-')), 'config.yml');
    writeFileSync(file, config);
    const message = 'image "acme/private:1.0" needs registry credentials: create a DOCKER_AUTH_CONFIG CI/CD variable';
    const text = runCli(['convert', file, '--to', 'gitlab']);
    expect(text.status, text.stderr).toBeLessThan(2);
    expect(text.stderr).toContain(message);
    // The code frame of the manual-secret task at the environment still hides the password.
    expect(text.stderr).toContain('DB_PASSWORD: ****');
    expect(text.stderr).not.toContain('hunter2');
    const json = JSON.parse(runCli(['convert', file, '--to', 'gitlab', '--format', 'json']).stdout);
    expect(json.diagnostics.map((d: { message: string }) => d.message)).toContain(message);
  });
});
