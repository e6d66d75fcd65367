import { describe, expect, it } from 'vitest';
import { clientInstallCommand } from '../../src/docker/client-install.js';

describe('a Docker client for images that come without one', () => {
  it('installs it with the package family of the image', () => {
    expect(clientInstallCommand('alpine:3.20')).toBe('apk add --no-cache docker-cli');
    expect(clientInstallCommand('node:20-alpine')).toBe('apk add --no-cache docker-cli');
    expect(clientInstallCommand('buildpack-deps:trusty')).toMatch(/download\.docker\.com\/linux\/static\/stable\/\$\(uname -m\)\/docker-[\d.]+\.tgz/);
    expect(clientInstallCommand('docker.io/library/python:3.12-slim')).toMatch(/apt-get install -y -qq curl/);
  });

  it('leaves images that have one, or that it does not know, alone', () => {
    expect(clientInstallCommand('docker:28-cli')).toBeUndefined();
    expect(clientInstallCommand('cimg/base:stable')).toBeUndefined();
    expect(clientInstallCommand('registry.example.com/team/builder:1')).toBeUndefined();
  });
});
