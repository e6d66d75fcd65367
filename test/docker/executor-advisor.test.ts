import { describe, expect, it } from 'vitest';
import { createSink } from '../../src/diagnostics/sink.js';
import { chooseCircleciDockerExecutor, reportExecutorChoice } from '../../src/docker/executor-advisor.js';
import { jobOf } from './helpers.js';

describe('chooseCircleciDockerExecutor', () => {
  const machine = [
    'docker run -v $(pwd):/app img make test',
    'docker run --mount type=bind,source=/home/circleci/project,target=/src img',
    'docker run -d -p 9200:9200 es; sleep 10\ncurl http://localhost:9200',
    'docker run --network host img',
    'docker-compose up -d',
    'docker compose run web test',
  ];
  const remote = [
    'docker build -t app .\ndocker push app',
    'echo "$P" | docker login -u u --password-stdin',
    'docker run -d --name db postgres; docker exec db pg_isready',
    'docker run -v data:/data img',
    'docker create -v /cfg --name configs alpine:3.4 /bin/true; docker cp app_config.yml configs:/cfg; docker run --volumes-from configs app',
    'curl localhost:5432',
  ];
  for (const text of machine) {
    it(`machine for ${JSON.stringify(text)}`, () => {
      const choice = chooseCircleciDockerExecutor(jobOf(text, { daemon: { engine: 'local' } }));
      expect(choice.kind).toBe('machine');
      expect(choice.reasons.length).toBeGreaterThan(0);
    });
  }
  for (const text of remote) {
    it(`remote for ${JSON.stringify(text)}`, () => {
      expect(chooseCircleciDockerExecutor(jobOf(text, { daemon: { engine: 'local' } })).kind).toBe('remote');
    });
  }

  it('keeps a machine executor and an explicit setup_remote_docker', () => {
    expect(chooseCircleciDockerExecutor(jobOf('docker ps', { executor: { kind: 'machine' } })).kind).toBe('machine');
    const kept = chooseCircleciDockerExecutor(jobOf('docker run -v $(pwd):/x img', { daemon: { engine: 'remote' } }));
    expect(kept.kind).toBe('remote');
    expect(kept.reasons[0]).toContain('kept as written');
    expect(kept.reasons[1]).toContain('-v $(pwd):/x');
  });

  it('explains the reason with the command', () => {
    const choice = chooseCircleciDockerExecutor(jobOf('docker run -d -p 8080:80 nginx && curl -f localhost:8080'));
    expect(choice.reasons).toEqual(['`curl localhost:8080` reaches a port published by an earlier `docker run -p`, which a remote engine does not forward']);
  });

  it('reports the choice as an info diagnostic', () => {
    const sink = createSink();
    const job = jobOf('docker run -v $(pwd):/app img');
    reportExecutorChoice(sink, job, chooseCircleciDockerExecutor(job));
    expect(sink.diagnostics).toHaveLength(1);
    expect(sink.diagnostics[0]).toMatchObject({ code: 'docker-executor-choice', severity: 'info', origin: job.origin });
    expect(sink.diagnostics[0]!.message).toContain('machine executor');
  });
});
