import { describe, expect, it } from 'vitest';
import { runExplain } from '../../src/commands/explain.js';
import { catalog } from '../../src/diagnostics/catalog.js';
import { createSink } from '../../src/diagnostics/sink.js';
import { reportVersionChoice } from '../../src/docker/report-version.js';
import { chooseDindVersion, chooseRemoteDockerVersion } from '../../src/docker/versions.js';

const dockerCodes = Object.keys(catalog).filter((code) => code.startsWith('docker-'));

describe('docker diagnostic codes', () => {
  it('are catalogued', () => {
    expect(dockerCodes.length).toBeGreaterThanOrEqual(12);
  });
  for (const code of dockerCodes) {
    it(`${code} has an explanation that gives the vendor fact`, () => {
      const info: { summary: string; explanation?: string } = catalog[code as keyof typeof catalog];
      expect(info.explanation?.length ?? 0).toBeGreaterThan(80);
      // The vendor fact, named by vendor (never an internal note: test/unit/no-internal-citations.test.ts).
      expect(info.explanation).toMatch(/\b(?:CircleCI|GitLab|Docker|docker)\b/);
      const out = runExplain(code);
      expect(out.exitCode).toBe(0);
      expect(out.stdout).toContain(info.explanation!.slice(0, 40));
    });
  }
});

describe('reportVersionChoice', () => {
  it('reports defaults, replacements and approximations, and nothing for exact carries', () => {
    const sink = createSink();
    reportVersionChoice(sink, chooseRemoteDockerVersion(), 'setup_remote_docker version');
    reportVersionChoice(sink, chooseRemoteDockerVersion('17.09.0-ce'), 'setup_remote_docker version', undefined, '17.09.0-ce');
    reportVersionChoice(sink, chooseRemoteDockerVersion('27.5.1'), 'setup_remote_docker version');
    reportVersionChoice(sink, chooseDindVersion('24.0.5'), 'dind service');
    expect(sink.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['default-chosen', 'info'],
      ['docker-version-replaced', 'warning'],
      ['docker-version-nearest', 'info'],
    ]);
    expect(sink.diagnostics[1]!.message).toContain('"17.09.0-ce" → docker26');
  });
});
