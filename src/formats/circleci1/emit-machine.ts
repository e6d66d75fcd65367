import { report, reportGathering, reportOnce } from '../../diagnostics/report.js';
import type { Job, Origin, Pipeline, Variable } from '../../ir/types.js';
import type { EmitContext } from '../types.js';
import { nameList } from '../name-list.js';
import type { VariableRewriter } from './emit-variables.js';
import { dockerClientVariables, imageTag, isBaseImage, languageOfImage, preinstalledLanguage, serviceOfImage } from './tables.js';

/**
 * The `machine` keys other than commands: time zone, environment, language versions (from the
 * build job's executor, or the versions a 1.0 source wrote) and services.
 */
export function writeMachineSettings(
  pipeline: Pipeline,
  buildJobs: readonly Job[],
  docker: boolean,
  ctx: EmitContext,
  variables: VariableRewriter,
  /** Jobs written as deployments: they run on the build's machine, with its environment. */
  deploymentJobs: readonly Job[] = [],
): { machine: Record<string, unknown>; bundlerWithout?: string[] } {
  const machine: Record<string, unknown> = {};
  const environment: Record<string, string> = {};
  let bundlerWithout: string[] | undefined;
  const conflicting = new Map<string, (message: string, origin: Origin | undefined) => void>();
  const dropped: Variable[] = [];
  const firstOrigins = new Map<string, Origin>();
  const addVariable = (variable: Variable, scope: string): void => {
    if (docker && dockerClientVariables.includes(variable.name)) {
      dropped.push(variable);
      return;
    }
    if (variable.name === 'TZ' && machine.timezone === undefined && scope === 'pipeline') {
      machine.timezone = variable.value;
      return;
    }
    if (variable.name === 'BUNDLE_WITHOUT' && scope === 'job' && bundlerWithout === undefined) {
      bundlerWithout = variable.value.split(/[:\s]+/).filter(Boolean);
      return;
    }
    if (variable.expand === false && variable.value.includes('$')) {
      report(ctx.sink, 'circleci1-expand-literal', `"${variable.name}" is literal in the source, but 1.0 expands the \`$\` in its value`, {
        origin: variable.origin,
        hint: 'Escape the `$` (`\\$`) or set the variable in the 1.0 project settings.',
      });
    }
    if (variable.secret) {
      report(ctx.sink, 'manual-secret', `"${variable.name}" looks like a secret; set it in the 1.0 project settings, not in circle.yml`, { origin: variable.origin });
    }
    if (environment[variable.name] !== undefined && environment[variable.name] !== variable.value) {
      const also = conflicting.get(variable.name);
      if (also) also('another value, of which only the last is seen', variable.origin);
      else {
        // The jobs that set it first now see the last value: what their commands read changes.
        const earlier = firstOrigins.get(variable.name);
        conflicting.set(
          variable.name,
          reportGathering(ctx.sink, 'semantic-difference', `"${variable.name}" has different values in different jobs; 1.0 has one environment for the build and the last value wins`, {
            origin: variable.origin,
            ...(earlier ? { related: [{ message: 'an earlier value, no longer seen', origin: earlier }] } : {}),
          }),
        );
      }
    }
    if (variable.origin && !firstOrigins.has(variable.name)) firstOrigins.set(variable.name, variable.origin);
    environment[variable.name] = variables.rewrite(variable.value, variable.origin);
  };
  for (const variable of pipeline.variables ?? []) addVariable(variable, 'pipeline');
  const machineJobs = [...buildJobs, ...deploymentJobs];
  const scoped = machineJobs.filter((job) => job.environment?.some((v) => v.name !== 'BUNDLE_WITHOUT'));
  if (scoped.length && machineJobs.length > 1) {
    report(ctx.sink, 'approximate-translation', `the variables of ${scoped.length === 1 ? 'job' : 'jobs'} ${nameList(scoped.map((j) => j.id))} apply to the whole 1.0 build`, {
      origin: scoped[0]!.environment?.[0]?.origin ?? scoped[0]!.origin,
    });
  }
  // The primary image's variables are the job's too (the container runs with them); the job's own win.
  for (const job of machineJobs) {
    const image = job.executor?.kind === 'docker' ? (job.executor.image.environment ?? []) : [];
    for (const variable of image) if (!job.environment?.some((v) => v.name === variable.name)) addVariable(variable, 'job');
  }
  for (const job of machineJobs) for (const variable of job.environment ?? []) addVariable(variable, 'job');
  if (dropped.length) {
    report(ctx.sink, 'approximate-translation', `1.0 runs Docker on the build machine; the engine variables ${nameList([...new Set(dropped.map((v) => v.name))])} are left out`, {
      origin: dropped[0]!.origin,
    });
  }
  // The shim goes first so the build's own variables can refer to it.
  const shim = variables.shim().filter(([name]) => environment[name] === undefined);
  const all = { ...Object.fromEntries(shim), ...environment };
  if (Object.keys(all).length) machine.environment = all;
  writeLanguages(buildJobs, ctx, machine);
  const services: string[] = docker ? ['docker'] : [];
  for (const job of buildJobs) {
    for (const service of job.services ?? []) {
      const row = serviceOfImage(service.name);
      if (!row) {
        reportOnce(ctx.sink, 'unsupported-feature', `CircleCI 1.0 cannot start the service image "${service.name}"; it is left out`, {
          origin: service.origin,
          hint: 'Start it with `docker run -d` in a command after adding the docker service.',
        });
        continue;
      }
      const tag = imageTag(service.name);
      if (pipeline.source === 'circleci1' && service.name !== row.image && tag && !(row.name in machine)) {
        // Written back in the undocumented `machine.<service>.version` form it was read from.
        machine[row.name] = { version: tag };
        continue;
      }
      if (service.name !== row.image) {
        reportOnce(ctx.sink, 'semantic-difference', `the service ${service.name} becomes the 1.0 service ${row.name}, whose version the 1.0 image fixes (${row.image})`, {
          origin: service.origin,
        });
      }
      if (service.alias || service.command?.length || service.entrypoint?.length || service.environment?.length) {
        reportOnce(ctx.sink, 'unsupported-feature', `1.0 services run on localhost with their defaults; the alias, command and variables of ${service.name} are left out`, {
          origin: service.origin,
        });
      }
      if (!services.includes(row.name)) services.push(row.name);
    }
  }
  if (services.length) machine.services = services;
  return bundlerWithout ? { machine, bundlerWithout } : { machine };
}

function writeLanguages(buildJobs: readonly Job[], ctx: EmitContext, machine: Record<string, unknown>): void {
  const [first, ...others] = buildJobs;
  if (!first) return;
  const differing = others.filter((other) => other.executor && JSON.stringify(stripOrigin(other.executor)) !== JSON.stringify(stripOrigin(first.executor)));
  if (differing.length) {
    report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 runs the whole build on one machine; the executors of ${nameList(differing.map((j) => j.id))} are left out`, {
      origin: differing[0]!.executor?.origin ?? differing[0]!.origin,
    });
  }
  // Versions a 1.0 source wrote that the image does not show (`1.9.3-p0-falcon`, a second
  // language) come back as written; the image's own language goes first, as it chose the image.
  const written = (first.extensions ?? []).filter((e) => e.format === 'circleci1' && /^machine\.[a-z]+\.version$/.test(e.key));
  const executor = first.executor;
  const primary = executor ? primaryLanguage(executor, ctx, written.length > 0) : undefined;
  if (primary && !written.some((e) => e.key === `machine.${primary.key}.version`)) machine[primary.key] = { version: primary.version };
  for (const extension of written) machine[extension.key.split('.')[1]!] = { version: extension.value };
}

function primaryLanguage(executor: NonNullable<Job['executor']>, ctx: EmitContext, hasWritten: boolean): { key: string; version: string } | undefined {
  switch (executor.kind) {
    case 'docker': {
      const image = executor.image.name;
      const language = languageOfImage(image);
      const preinstalled = preinstalledLanguage(image);
      if (preinstalled && !hasWritten) {
        report(ctx.sink, 'semantic-difference', `the 1.0 image had ${preinstalled} preinstalled; its version is the image's, not the one of "${image}"`, {
          origin: executor.image.origin ?? executor.origin,
        });
      } else if (!language && !isBaseImage(image) && !hasWritten) {
        report(ctx.sink, 'unsupported-feature', `CircleCI 1.0 cannot choose a build image; "${image}" is left out and the build runs on the 1.0 Ubuntu image`, {
          origin: executor.image.origin ?? executor.origin,
          hint: 'Install what the image provided in `machine.pre`, or run the build inside it with the docker service.',
        });
      }
      const lost = [executor.image.auth && 'auth', executor.image.entrypoint && 'entrypoint', executor.image.user && 'user'].filter(Boolean);
      if (lost.length) {
        report(ctx.sink, 'unsupported-feature', `the image's ${lost.join(', ')} ${lost.length === 1 ? 'has' : 'have'} no 1.0 form and ${lost.length === 1 ? 'is' : 'are'} left out${executor.image.environment?.length ? ' (its variables go to machine.environment)' : ''}`, { origin: executor.image.origin });
      }
      return language ? { key: language.row.key, version: language.version } : undefined;
    }
    case 'macos':
      return { key: 'xcode', version: executor.xcode };
    case 'machine':
      if (executor.layerCaching) {
        report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 has no Docker layer caching; use `docker save`/`docker load` with `cache_directories`', { origin: executor.origin });
      }
      return undefined;
    case 'windows':
      report(ctx.sink, 'unsupported-feature', 'CircleCI 1.0 has no Windows builds; the job runs on Linux', { origin: executor.origin });
      return undefined;
  }
}

function stripOrigin(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (key, v) => (key === 'origin' || key === 'comments' ? undefined : v)));
}
