import { describe, expect, it } from 'vitest';
import type { Job, Pipeline, Step } from '../../../src/ir/types.js';
import { schemaError } from '../../support/schemas.js';
import { checkedAtEnd } from '../../support/shared.js';
import { docker, emit, read } from './helpers.js';

const daemon = (extra: Partial<Extract<Step, { kind: 'docker-daemon' }>> = {}): Step => ({ kind: 'docker-daemon', engine: 'local', ...extra });
const run = (command: string): Step => ({ kind: 'run', command });

function pipeline(source: Pipeline['source'], job: Partial<Job> & { steps: Step[] }, extra: Partial<Pipeline> = {}): Pipeline {
  return {
    source,
    jobs: [{ id: 'build', executor: { kind: 'docker', image: { name: 'buildpack-deps:trusty' } }, ...job }],
    workflows: [{ nodes: [{ id: 'build', job: 'build' }] }],
    ...extra,
  };
}

/** Every output of this file, held to the CircleCI 2.1 schema by the file's last test. */
const outputs = checkedAtEnd<string>();

/** Emits 2.1 (kept for the schema check) and returns the job and the diagnostics. */
function write(input: Pipeline) {
  const result = emit(input);
  outputs.add(result.text);
  return { ...result, job: result.doc.jobs.build };
}

const choices = (diagnostics: ReturnType<typeof emit>['diagnostics']) => diagnostics.filter((d) => d.code === 'docker-executor-choice');

describe('circleci2 writer: executor of Docker jobs from other formats', () => {
  it('moves a 1.0 job that bind-mounts the checkout to the machine executor, without setup_remote_docker', () => {
    const { job, diagnostics } = write(pipeline('circleci1', { steps: [daemon(), { kind: 'checkout' }, run('docker run -v $(pwd):/src node:20 npm test')] }));
    expect(job.machine).toEqual({ image: 'ubuntu-2204:current' });
    expect(job.docker).toBeUndefined();
    expect(JSON.stringify(job.steps)).not.toContain('setup_remote_docker');
    const [choice] = choices(diagnostics);
    expect(choice).toMatchObject({ severity: 'info' });
    expect(choice!.message).toContain('machine executor');
    expect(choice!.message).toContain('-v $(pwd):/src');
  });

  it('moves a job that curls a port it published to machine, with layer caching when the IR asked for it', () => {
    const { job } = write(
      pipeline('circleci1', { steps: [daemon({ layerCaching: true }), run('docker run -d -p 8080:80 web'), run('curl --retry 5 localhost:8080')] }),
    );
    expect(job.machine).toEqual({ image: 'ubuntu-2204:current', docker_layer_caching: true });
  });

  it('moves docker-compose and --network host jobs to machine', () => {
    expect(write(pipeline('circleci1', { steps: [daemon(), run('docker-compose up -d')] })).job.machine).toBeDefined();
    expect(write(pipeline('circleci1', { steps: [daemon(), run('docker run --network host probe')] })).job.machine).toBeDefined();
  });

  it('moves a GitLab dind job that curls a published port, and says the Docker version cannot be chosen', () => {
    const input = pipeline('gitlab', {
      executor: { kind: 'docker', image: { name: 'docker:24.0.5-cli' } },
      steps: [daemon({ engine: 'dind', version: '24.0.5', tls: true }), run('docker run -d -p 3000:3000 api\ncurl localhost:3000/health')],
    });
    const { job, diagnostics } = write(input);
    expect(job.machine).toEqual({ image: 'ubuntu-2204:current' });
    expect(diagnostics.some((d) => d.code === 'semantic-difference' && d.message.includes('Docker 24.0.5 cannot be chosen'))).toBe(true);
    // The docker CLI image only carried the client: nothing to say about leaving it.
    expect(diagnostics.some((d) => d.message.includes('instead of "docker:24.0.5-cli"'))).toBe(false);
  });

  it('says when a GitLab job calls its dind service by host name, which CircleCI has not', () => {
    const calling = write(pipeline('gitlab', { steps: [daemon({ engine: 'dind' }), run('docker run -d -p 6060:6060 clair\nwget -q http://docker:6060/health')] }));
    expect(calling.diagnostics.filter((d) => d.code === 'docker-port-unreachable').map((d) => d.message)).toEqual([
      'job "build" calls the Docker-in-Docker service by its host name "docker"; CircleCI has no such host: with setup_remote_docker they open on a remote engine the job cannot reach',
    ]);
    // A job that only runs docker commands against the engine calls no host by name.
    const plain = write(pipeline('gitlab', { steps: [daemon({ engine: 'dind' }), run('docker build -t app .')] }));
    expect(plain.diagnostics.filter((d) => d.code === 'docker-port-unreachable')).toEqual([]);
  });

  it('keeps the docker executor and setup_remote_docker when no command needs the job\'s files or network', () => {
    const { job, diagnostics } = write(pipeline('circleci1', { steps: [daemon(), run('docker build -t app .'), run('docker run app npm test')] }));
    expect(job.docker).toEqual([{ image: 'buildpack-deps:trusty' }]);
    expect(job.steps).toContain('setup_remote_docker');
    expect(job.machine).toBeUndefined();
    expect(choices(diagnostics)[0]!.message).toContain('setup_remote_docker is enough');
  });

  it('leaves jobs without a docker-daemon step alone and says nothing', () => {
    const { job, diagnostics } = write(pipeline('gitlab', { steps: [run('docker run -v $(pwd):/src alpine ls /src')] }));
    expect(job.docker).toBeDefined();
    expect(choices(diagnostics)).toEqual([]);
  });

  it('never changes a CircleCI 2.x job\'s executor on a 2.x round trip', () => {
    const { pipeline: input } = read(docker('      - setup_remote_docker\n      - run: docker run -v $(pwd):/src alpine ls /src\n      - run: docker run -d -p 80:80 web && curl localhost:80\n'));
    const { job, diagnostics } = write(input);
    expect(job.docker).toEqual([{ image: 'cimg/base:2024.01' }]);
    expect(job.steps).toContain('setup_remote_docker');
    expect(choices(diagnostics)).toEqual([]);
  });
});

describe('circleci2 writer: Docker client variables of a dind source', () => {
  const globals = [
    { name: 'DOCKER_HOST', value: 'tcp://docker:2376', expand: true },
    { name: 'DOCKER_TLS_CERTDIR', value: '/certs', expand: true },
    { name: 'DOCKER_CERT_PATH', value: '$DOCKER_TLS_CERTDIR/client', expand: true },
    { name: 'APP_ENV', value: 'ci', expand: true },
  ];

  it('leaves out the variables that pointed the client at the dind service', () => {
    const input = pipeline('gitlab', { executor: { kind: 'docker', image: { name: 'docker:24.0.5-cli' } }, steps: [daemon({ engine: 'dind' }), run('docker build .')] }, { variables: globals });
    const { job, diagnostics } = write(input);
    expect(job.environment).toEqual({ APP_ENV: 'ci' });
    expect(JSON.stringify(job.steps)).not.toContain('DOCKER_CERT_PATH');
    expect(diagnostics.some((d) => d.code === 'approximate-translation' && d.message.includes('"DOCKER_HOST"'))).toBe(true);
    expect(diagnostics.some((d) => d.code === 'circleci2-variable-expansion')).toBe(false);
  });

  it('keeps them in jobs that need no engine, and in CircleCI 2.x sources', () => {
    const plain = write(pipeline('gitlab', { steps: [run('make')] }, { variables: globals }));
    expect(plain.job.environment).toMatchObject({ DOCKER_HOST: 'tcp://docker:2376' });
    const { pipeline: input } = read(docker('      - setup_remote_docker\n      - run: docker build .\n', '    environment:\n      DOCKER_HOST: tcp://elsewhere:2376\n'));
    expect(write(input).job.environment).toEqual({ DOCKER_HOST: 'tcp://elsewhere:2376' });
  });
});

outputs.checkAll('circleci2 writer: every Docker output above passes the CircleCI 2.1 schema', (text) => expect(schemaError('circleci2@2.1', text), text).toBeUndefined());
