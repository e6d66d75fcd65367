/**
 * Docker engine versions across the formats, driven by the tables in mappings/docker.yml (every
 * row cites its seed page or spec section). The two `choose…` signatures are the contract the
 * format emitters call.
 */
import { docker } from '../rules/generated/docker.generated.js';
import { compareEngineVersions, engineLine, formatEngineVersion, parseEngineVersion, type EngineVersion } from './engine-version.js';

export interface VersionChoice {
  value: string;
  /** The source gave no version (or an unusable one) and a documented default was chosen. */
  defaulted: boolean;
  /** The source's version is retired or unknown in the target; `value` is the closest supported one. */
  replaced?: boolean;
  /** The target has no tag for exactly that engine; `value` runs a nearby one. */
  approximate?: boolean;
  /** `value` still works but the vendor has deprecated it (CircleCI `20.10.24`). */
  deprecated?: boolean;
  /** One sentence saying why, for the emitter's diagnostic. No user secrets: versions only. */
  reason?: string;
}

type RemoteRow = (typeof docker.remoteDocker.versions)[number];
type DindLine = (typeof docker.dind.lines)[number];

/** The `setup_remote_docker` row for a version string, if CircleCI ever documented it. */
export function findRemoteDockerRow(version: string): RemoteRow | undefined {
  return docker.remoteDocker.versions.find((row) => row.version === version.trim());
}

/** The engine a version string stands for: a CircleCI tag (`docker27`, `default`) or a number. */
export function engineOf(version: string | undefined): EngineVersion | undefined {
  if (version === undefined) return undefined;
  const row = findRemoteDockerRow(version);
  return parseEngineVersion(row ? row.engine : version);
}

function isCircleciTag(version: string): boolean {
  return findRemoteDockerRow(version)?.era === 'HEAD' && !parseEngineVersion(version);
}

/** The `setup_remote_docker` `version` for an engine version from any source. */
export function chooseRemoteDockerVersion(version?: string): VersionChoice {
  const table = docker.remoteDocker;
  const text = version?.trim();
  if (!text) {
    return { value: table.default, defaulted: true, reason: `the source names no engine version; \`${table.default}\` follows CircleCI's support policy` };
  }
  const row = findRemoteDockerRow(text);
  if (row?.status === 'supported') return { value: row.version, defaulted: false };
  if (row?.status === 'deprecated') {
    return { value: row.version, defaulted: false, deprecated: true, reason: `CircleCI lists ${row.version} as deprecated` };
  }
  const engine = engineOf(text);
  if (!engine) {
    return { value: table.default, defaulted: true, replaced: true, reason: `"${text}" is not a Docker engine version` };
  }
  const same = table.versions.find((r) => r.status === 'supported' && parseEngineVersion(r.engine)?.major === engine.major);
  if (same) {
    // A GitLab `27.5.1` becomes `docker27`: same major, CircleCI picks the patch release.
    const approximate = !row && (engine.minor !== undefined || engine.patch !== undefined);
    return { value: same.version, defaulted: false, ...(approximate ? { approximate: true, reason: `CircleCI pins engine majors only; \`${same.version}\` runs Docker ${same.engine}` } : {}) };
  }
  const supported = table.versions.filter((r) => r.status === 'supported').map((r) => parseEngineVersion(r.engine)!);
  const oldest = supported.reduce((a, b) => (compareEngineVersions(a, b) <= 0 ? a : b));
  const value = compareEngineVersions(engine, oldest) < 0 ? table.oldestSupported : table.newestSupported;
  const retired = row ? `${row.version} is retired (${row.era === 'HEAD' ? 'named in the current docs' : `offered in ${row.era}`})` : `Docker ${formatEngineVersion(engine)} is not offered`;
  return { value, defaulted: false, replaced: true, reason: `${retired}; CircleCI keeps only the newest supported engine majors` };
}

function findDindLine(engine: EngineVersion): DindLine | undefined {
  const line = engineLine(engine);
  return docker.dind.lines.find((l) => l.line === line);
}

/** The `docker:<tag>-dind` tag for an engine version from any source. */
export function chooseDindVersion(version?: string): VersionChoice {
  const table = docker.dind;
  const fallback = table.lines.find((l) => l.line === table.default)!.tag;
  const text = version?.trim();
  if (!text) {
    return { value: fallback, defaulted: true, reason: `the source names no engine version; Docker ${table.default} is what CircleCI's \`default\` runs today` };
  }
  const engine = engineOf(text);
  if (!engine) return { value: fallback, defaulted: true, replaced: true, reason: `"${text}" is not a pinned Docker engine version` };
  const line = findDindLine(engine);
  if (line) {
    // A full x.y.z of a published line is kept as written (Docker Hub tags every release);
    // a bare line or major gets the table's pin, and CircleCI's HEAD tags their engine's pin.
    const full = engine.patch !== undefined || (engine.major >= 23 && engine.minor !== undefined);
    return { value: full && !isCircleciTag(text) ? formatEngineVersion(engine) : line.tag, defaulted: false };
  }
  const lines = table.lines.map((l) => ({ line: l, engine: parseEngineVersion(l.line)! }));
  const first = lines[0]!;
  if (compareEngineVersions(engine, first.engine) < 0) {
    return {
      value: table.oldestTlsCapable,
      defaulted: false,
      replaced: true,
      approximate: true,
      reason: `no dind image exists for Docker ${formatEngineVersion(engine)}; ${table.oldestTlsCapable} is the oldest line whose image enables TLS`,
    };
  }
  const newer = lines.find((l) => compareEngineVersions(engine, l.engine) < 0);
  const chosen = (newer ?? lines[lines.length - 1]!).line;
  return {
    value: chosen.tag,
    defaulted: false,
    replaced: true,
    approximate: true,
    reason: `no dind image line matches Docker ${formatEngineVersion(engine)}; the nearest is ${chosen.tag}`,
  };
}

/** `docker:<tag>-dind` for the service. */
export function dindServiceImage(version?: string): string {
  return `docker:${chooseDindVersion(version).value}-dind`;
}

/** The job image that pairs with `dindServiceImage(version)`: `-cli` where the line publishes it. */
export function dockerCliImage(version?: string): string {
  const value = chooseDindVersion(version).value;
  const engine = parseEngineVersion(value);
  const line = engine ? findDindLine(engine) : undefined;
  return `docker:${value}${line?.cli ?? ''}`;
}

/** Whether the dind image of this tag sets up TLS by itself (Docker's default from 19.03.12). */
export function isDindTlsCapable(tag: string): boolean {
  const engine = parseEngineVersion(tag);
  const from = parseEngineVersion(docker.dind.tlsFrom)!;
  if (!engine) return true;
  // A bare line such as `19.03` floats to its newest patch, which is past 19.03.12.
  if (engine.patch === undefined && engineLine(engine) === engineLine(from)) return true;
  return compareEngineVersions(engine, from) >= 0;
}

/** Whether an image name is the official Docker image pinned to no engine version. */
export function isFloatingDockerImage(image: string): boolean {
  const ref = parseImageReference(image);
  if (!ref || ref.repository !== 'docker' || ref.digest) return false;
  if (ref.tag === undefined) return true;
  if ((docker.dind.floatingTags as readonly string[]).includes(ref.tag)) return true;
  // Any tag without a version number floats (`stable-dind`, `dind-rootless`, `git`).
  return !/^\d/.test(ref.tag);
}

/**
 * Whether this is the official Docker image with the entrypoint that points the client at a TLS
 * dind service by itself: "with Docker 19.03+ images, DOCKER_HOST is set automatically by the
 * image entrypoint" (docker-in-ci.md §4.2). Older tags (`docker:17.03-git`) need it said. A tag
 * without a version (`latest`, `git`) is taken as current.
 */
export function isDindClientImage(image: string): boolean {
  const ref = parseImageReference(image);
  if (!ref || ref.repository !== 'docker') return false;
  const engine = parseEngineVersion(ref.tag?.replace(/-.*$/, ''));
  return !engine || compareEngineVersions(engine, parseEngineVersion('19.03')!) >= 0;
}

/** Whether an image is the official Docker image (any tag): no Compose v1 binary inside. */
export function isOfficialDockerImage(image: string): boolean {
  return parseImageReference(image)?.repository === 'docker';
}

export interface ImageReference {
  /** Repository without the Docker Hub prefixes (`docker.io/library/docker` → `docker`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry/repo:tag@digest`; never throws. */
export function parseImageReference(image: string): ImageReference | undefined {
  const text = image.trim();
  if (!text || /\s/.test(text)) return undefined;
  const [nameTag = '', digest] = text.split('@', 2);
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? nameTag.slice(0, colon) : nameTag;
  const repository = name.replace(/^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)\/)?(?:library\/)?/, '');
  const ref: ImageReference = { repository };
  if (hasTag) ref.tag = nameTag.slice(colon + 1);
  if (digest) ref.digest = digest;
  return ref;
}
