/**
 * Docker engine version numbers as every source spells them: CircleCI `17.09.0-ce`, GitLab dind
 * tags `24.0.5` / `27`, 1.0 upgrade scripts `1.10.0`. Parsing never throws; what is not a version
 * is `undefined`.
 */
export interface EngineVersion {
  major: number;
  minor?: number;
  patch?: number;
  /** The minor as written (`09` in `17.09`), kept because Docker's lines are named with it. */
  minorText?: string;
  patchText?: string;
}

const versionPattern = /^v?(\d{1,4})(?:\.(\d{1,4}))?(?:\.(\d{1,4}))?(?:-(?:ce|ee))?(?:-(?:rc|beta)\.?\d*)?$/i;

export function parseEngineVersion(text: string | undefined): EngineVersion | undefined {
  const match = text === undefined ? null : versionPattern.exec(text.trim());
  if (!match) return undefined;
  const version: EngineVersion = { major: Number(match[1]) };
  if (match[2] !== undefined) {
    version.minor = Number(match[2]);
    version.minorText = match[2];
  }
  if (match[3] !== undefined) {
    version.patch = Number(match[3]);
    version.patchText = match[3];
  }
  return version;
}

/** Orders versions; a missing minor or patch counts as 0. */
export function compareEngineVersions(a: EngineVersion, b: EngineVersion): number {
  return a.major - b.major || (a.minor ?? 0) - (b.minor ?? 0) || (a.patch ?? 0) - (b.patch ?? 0);
}

/**
 * The release line a version belongs to: `18.09`, `19.03`, `20.10` before Docker 23, the major
 * alone from 23 on (Docker's numbering changed with 23.0, which is how the dind tags are named).
 */
export function engineLine(version: EngineVersion): string {
  if (version.major >= 23) return String(version.major);
  return `${version.major}.${version.minorText ?? '0'}`;
}

/** `17.09.0-ce` → `17.09.0`: the version without edition suffixes, as Docker Hub tags spell it. */
export function formatEngineVersion(version: EngineVersion): string {
  let text = String(version.major);
  if (version.minorText !== undefined) text += `.${version.minorText}`;
  if (version.patchText !== undefined) text += `.${version.patchText}`;
  return text;
}
