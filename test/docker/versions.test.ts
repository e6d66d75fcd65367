import { describe, expect, it } from 'vitest';
import { dindMode, dindSetup } from '../../src/docker/dind-setup.js';
import { parseEngineVersion } from '../../src/docker/engine-version.js';
import {
  chooseDindVersion,
  chooseRemoteDockerVersion,
  dindServiceImage,
  dockerCliImage,
  isDindTlsCapable,
  isFloatingDockerImage,
  parseImageReference,
} from '../../src/docker/versions.js';
import { docker } from '../../src/rules/generated/docker.generated.js';

const supportedTags = docker.remoteDocker.versions.filter((r) => r.status === 'supported').map((r) => r.version);
const dindLineOf = (value: string) => {
  const v = parseEngineVersion(value)!;
  return v.major >= 23 ? String(v.major) : `${v.major}.${v.minorText}`;
};

describe('the version table', () => {
  it('cites a source for every row', () => {
    for (const row of [...docker.remoteDocker.versions, ...docker.dind.lines, ...docker.dindModes]) expect(row.source).toMatch(/spec §|seed 0|hub/);
  });

  it('names the documented eras', () => {
    const versions = docker.remoteDocker.versions.map((r) => r.version);
    expect(versions).toEqual(expect.arrayContaining(['17.03.0-ce', '17.11.0-ce', '17.09.0-ce', '18.09.3', '19.03.13', '20.10.14', '20.10.18']));
    expect(versions).toEqual(expect.arrayContaining(['default', 'edge', 'previous', 'docker29', 'docker27', 'docker26', '20.10.24']));
    expect(docker.remoteDocker.versions.find((r) => r.version === '20.10.24')?.status).toBe('deprecated');
    for (const tag of ['default', 'edge', 'previous']) expect(docker.remoteDocker.versions.find((r) => r.version === tag)?.engine).toBe('28');
  });

  for (const row of docker.remoteDocker.versions) {
    it(`resolves setup_remote_docker ${row.version} (${row.status})`, () => {
      const remote = chooseRemoteDockerVersion(row.version);
      expect(remote.defaulted).toBe(false);
      if (row.status === 'supported') expect(remote).toEqual({ value: row.version, defaulted: false });
      if (row.status === 'deprecated') expect(remote).toMatchObject({ value: row.version, deprecated: true });
      if (row.status === 'retired') {
        expect(remote.replaced).toBe(true);
        expect(supportedTags).toContain(remote.value);
        expect(remote.reason).toContain(row.version);
      }
      const dind = chooseDindVersion(row.version);
      expect(dind.defaulted).toBe(false);
      expect(docker.dind.lines.map((l) => l.line)).toContain(dindLineOf(dind.value));
    });
  }

  for (const line of docker.dind.lines) {
    it(`keeps dind line ${line.line} → ${line.tag}`, () => {
      expect(chooseDindVersion(line.line)).toEqual({ value: line.tag, defaulted: false });
      expect(chooseDindVersion(line.tag)).toEqual({ value: line.tag, defaulted: false });
      expect(dindServiceImage(line.tag)).toBe(`docker:${line.tag}-dind`);
      expect(dockerCliImage(line.tag)).toBe(`docker:${line.tag}${line.cli}`);
    });
  }
});

describe('chooseRemoteDockerVersion', () => {
  it('flags the default when the source gave none', () => {
    expect(chooseRemoteDockerVersion()).toMatchObject({ value: 'default', defaulted: true });
    expect(chooseRemoteDockerVersion('  ')).toMatchObject({ value: 'default', defaulted: true });
    expect(chooseRemoteDockerVersion('stable')).toMatchObject({ value: 'default', defaulted: true, replaced: true });
  });

  it('maps GitLab dind versions by engine major', () => {
    expect(chooseRemoteDockerVersion('28')).toEqual({ value: 'default', defaulted: false });
    expect(chooseRemoteDockerVersion('27.5.1')).toMatchObject({ value: 'docker27', approximate: true });
    expect(chooseRemoteDockerVersion('26.1')).toMatchObject({ value: 'docker26', approximate: true });
    expect(chooseRemoteDockerVersion('24.0.5')).toMatchObject({ value: 'docker26', replaced: true });
    expect(chooseRemoteDockerVersion('1.10.0')).toMatchObject({ value: 'docker26', replaced: true });
    expect(chooseRemoteDockerVersion('35.0.0')).toMatchObject({ value: 'docker29', replaced: true });
  });
});

describe('chooseDindVersion', () => {
  it('flags the default when the source gave none', () => {
    expect(chooseDindVersion()).toMatchObject({ value: '28', defaulted: true });
    expect(chooseDindVersion('latest')).toMatchObject({ value: '28', defaulted: true, replaced: true });
  });

  it('keeps full versions of published lines and maps CircleCI tags to their engine', () => {
    expect(chooseDindVersion('20.10.16')).toEqual({ value: '20.10.16', defaulted: false });
    expect(chooseDindVersion('27.5.1')).toEqual({ value: '27.5.1', defaulted: false });
    expect(chooseDindVersion('docker27')).toEqual({ value: '27', defaulted: false });
    expect(chooseDindVersion('edge')).toEqual({ value: '28', defaulted: false });
    expect(chooseDindVersion('v24.0.5')).toEqual({ value: '24.0.5', defaulted: false });
  });

  it('maps versions older than every dind line to the oldest TLS-capable tag, approximately', () => {
    for (const old of ['17.09.0-ce', '17.03.0-ce', '1.12.3', '18.06.1-ce']) {
      expect(chooseDindVersion(old)).toMatchObject({ value: '19.03.12', replaced: true, approximate: true, defaulted: false });
    }
    expect(chooseDindVersion('22.06')).toMatchObject({ value: '23', approximate: true });
    expect(chooseDindVersion('40')).toMatchObject({ value: '29', approximate: true });
  });
});

describe('images and TLS', () => {
  it('pairs service and job images', () => {
    expect(dindServiceImage('24.0.5')).toBe('docker:24.0.5-dind');
    expect(dockerCliImage('24.0.5')).toBe('docker:24.0.5-cli');
    expect(dockerCliImage('20.10.16')).toBe('docker:20.10.16');
    expect(dindServiceImage()).toBe('docker:28-dind');
  });

  it('knows which dind images set up TLS (from 19.03.12)', () => {
    expect(isDindTlsCapable('19.03.12')).toBe(true);
    expect(isDindTlsCapable('19.03.8')).toBe(false);
    expect(isDindTlsCapable('18.09')).toBe(false);
    expect(isDindTlsCapable('19.03')).toBe(true);
    expect(isDindTlsCapable('28')).toBe(true);
  });

  it('parses image references', () => {
    expect(parseImageReference('docker.io/library/docker:24.0.5-dind')).toEqual({ repository: 'docker', tag: '24.0.5-dind' });
    expect(parseImageReference('registry.example.com:5000/team/docker')).toEqual({ repository: 'registry.example.com:5000/team/docker' });
    expect(parseImageReference('docker@sha256:abc')).toEqual({ repository: 'docker', digest: 'sha256:abc' });
    expect(parseImageReference('')).toBeUndefined();
    expect(isFloatingDockerImage('docker:stable-dind')).toBe(true);
    expect(isFloatingDockerImage('docker:25-windowsservercore-ltsc2022')).toBe(false);
  });
});

describe('dind variables per runner mode', () => {
  it('TLS on, Docker executor: the cert dir only, port 2376', () => {
    expect(dindMode('docker', true)).toMatchObject({ port: 2376, variables: [{ name: 'DOCKER_TLS_CERTDIR', value: '/certs' }], serviceVariables: [] });
  });
  it('TLS off: DOCKER_HOST on 2375 and an empty cert dir', () => {
    expect(dindMode('docker', false).variables).toEqual([
      { name: 'DOCKER_HOST', value: 'tcp://docker:2375' },
      { name: 'DOCKER_TLS_CERTDIR', value: '' },
    ]);
  });
  it('TLS on, Kubernetes: verify and cert path too, and the health-check port', () => {
    const mode = dindMode('kubernetes', true);
    expect(mode.variables).toEqual([
      { name: 'DOCKER_HOST', value: 'tcp://docker:2376' },
      { name: 'DOCKER_TLS_CERTDIR', value: '/certs' },
      { name: 'DOCKER_TLS_VERIFY', value: '1' },
      { name: 'DOCKER_CERT_PATH', value: '$DOCKER_TLS_CERTDIR/client' },
    ]);
    expect(mode.serviceVariables).toEqual([{ name: 'HEALTHCHECK_TCP_PORT', value: '2376' }]);
  });
  it('TLS off, Kubernetes', () => {
    expect(dindMode('kubernetes', false)).toMatchObject({ port: 2375, serviceVariables: [{ name: 'HEALTHCHECK_TCP_PORT', value: '2375' }] });
  });
  it('dindSetup turns TLS off for images that cannot do it, and says so', () => {
    const old = dindSetup('18.09.3');
    expect(old).toMatchObject({ tls: false, port: 2375, serviceImage: 'docker:18.09.3-dind', jobImage: 'docker:18.09.3' });
    expect(old.notes).toHaveLength(1);
    const current = dindSetup(undefined, { executor: 'kubernetes' });
    expect(current).toMatchObject({ tls: true, mode: 'kubernetes-tls', serviceImage: 'docker:28-dind', jobImage: 'docker:28-cli', notes: [] });
    expect(current.version.defaulted).toBe(true);
    expect(dindSetup('24.0.5', { tls: false }).mode).toBe('docker-no-tls');
  });
});
