/** Masking in ciport's own sentences (messages, hints) never eats ordinary words; pairs are still masked. */
import { describe, expect, it } from 'vitest';
import { maskSecretsInLine, maskSecretsInMessage } from '../../src/diagnostics/secrets.js';

describe('masking diagnostic messages', () => {
  it('keeps a sentence that goes on after "word: word"', () => {
    const message = 'image "acme/app" needs registry credentials: create a DOCKER_AUTH_CONFIG CI/CD variable';
    expect(maskSecretsInMessage(message)).toBe(message);
    expect(maskSecretsInMessage('the deploy token: store it as a masked variable')).toBe('the deploy token: store it as a masked variable');
  });

  it('still masks a pair that ends the text, an = pair, an upper-case or quoted value and credential words', () => {
    expect(maskSecretsInMessage('job deploy: password: hunter2')).toBe('job deploy: password: ****');
    expect(maskSecretsInMessage('environment item PASSWORD=hunter2 is not NAME=value')).toBe('environment item PASSWORD=**** is not NAME=value');
    expect(maskSecretsInMessage('DB_PASSWORD: hunter2 is set twice')).toBe('DB_PASSWORD: **** is set twice');
    expect(maskSecretsInMessage('password: "hunter2" in the job')).toBe('password: "****" in the job');
    expect(maskSecretsInMessage('token: ghp_abcdefghijklmnopqrstuvwxyz0123456789 is used')).toBe('token: **** is used');
  });

  it('an image or path segment before a colon is not a key', () => {
    expect(maskSecretsInMessage('image "acme/private:1.0" needs registry credentials: create a DOCKER_AUTH_CONFIG CI/CD variable')).toBe(
      'image "acme/private:1.0" needs registry credentials: create a DOCKER_AUTH_CONFIG CI/CD variable',
    );
    expect(maskSecretsInLine('      - image: registry.example.com/team/secret:2.3')).toBe('      - image: registry.example.com/team/secret:2.3');
    expect(maskSecretsInLine('run: ./deploy --token=abc123')).toBe('run: ./deploy --token=****');
    expect(maskSecretsInLine('env: {API_KEY: abc}')).toBe('env: {API_KEY: ****}');
  });

  it('a command-line password: the value masked, its quotes and an ellipsis kept', () => {
    expect(maskSecretsInMessage('"docker login -p …" passes the registry password on the command line')).toBe(
      '"docker login -p …" passes the registry password on the command line',
    );
    expect(maskSecretsInMessage('"docker login -p hunter2" passes it')).toBe('"docker login -p ****" passes it');
    expect(maskSecretsInLine('docker login -u me -p "hunter2" r.io')).toBe('docker login -u me -p "****" r.io');
    expect(maskSecretsInLine("docker login --password='hunter2'")).toBe("docker login --password='****'");
    expect(maskSecretsInLine('docker login -p "$DOCKER_PASS"')).toBe('docker login -p "$DOCKER_PASS"');
  });

  it('configuration lines (code frames, diffs) keep the strict rule', () => {
    // A plain YAML value runs to the end of the line: all of it is masked, not its first word.
    expect(maskSecretsInLine('credentials: create a thing')).toBe('credentials: ****');
  });

  it('masks a secret value holding spaces whole, plain or quoted, and keeps a comment after it', () => {
    expect(maskSecretsInLine('  password: my secret phrase # rotated')).toBe('  password: **** # rotated');
    expect(maskSecretsInLine('    - DEPLOY_TOKEN: "two words"')).toBe('    - DEPLOY_TOKEN: "****"');
    expect(maskSecretsInLine("  api_key: 'a b c'")).toBe("  api_key: '****'");
    expect(maskSecretsInLine('  name: my project')).toBe('  name: my project');
  });
});

describe('masking command-line passwords', () => {
  it('masks -p only after a login, and never eats the backtick that closes a quoted command', () => {
    expect(maskSecretsInMessage('job build runs `mkdir -p build/reports`, which the original does not')).toBe('job build runs `mkdir -p build/reports`, which the original does not');
    expect(maskSecretsInMessage('job a runs `docker run -p 8080:80 app`')).toBe('job a runs `docker run -p 8080:80 app`');
    expect(maskSecretsInMessage('job a runs `docker login -u me -p hunter2`, which the original does not')).toBe('job a runs `docker login -u me -p ****`, which the original does not');
    expect(maskSecretsInMessage('job a runs `tool --password hunter2`')).toBe('job a runs `tool --password ****`');
  });
});
