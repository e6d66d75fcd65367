/**
 * Lookups over mappings/circleci1.yml (language images, machine services, inferred commands),
 * shared by the reader and the writer.
 */
import { circleci1 } from '../../rules/generated/circleci1.generated.js';

export interface LanguageRow {
  key: string;
  image: string;
  manager: string;
  aliases?: Readonly<Record<string, string>>;
  alsoImages?: readonly string[];
}

export interface ServiceRow {
  name: string;
  image: string;
  default?: boolean;
  words?: readonly string[];
}

export interface InferenceRow {
  language: string;
  files: readonly string[];
  unless?: readonly string[];
  phase: string;
  commands: readonly string[];
  cache?: readonly string[];
}

export const defaultImage: string = circleci1.defaultImage;
export const baseImages: readonly string[] = circleci1.baseImages;
export const dockerClientVariables: readonly string[] = circleci1.dockerClientVariables;
export const preinstalledImages: ReadonlyArray<{ image: string; language: string }> = circleci1.preinstalledImages;
export const languageRows: readonly LanguageRow[] = circleci1.languages;
export const serviceRows: readonly ServiceRow[] = circleci1.services;
export const inferenceRows: readonly InferenceRow[] = circleci1.inference;

/** The machine keys that choose a language version (xcode chooses the macOS image instead). */
export const languageKeys = new Set([...languageRows.map((row) => row.key), 'xcode']);

export function languageRow(key: string): LanguageRow | undefined {
  return languageRows.find((row) => row.key === key);
}

export function serviceRow(name: string): ServiceRow | undefined {
  return serviceRows.find((row) => row.name === name);
}

/** The repository part of an image reference (`postgres:9.5` → `postgres`). */
export function imageRepository(image: string): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

export function imageTag(image: string): string | undefined {
  const repository = imageRepository(image);
  return image.length > repository.length ? image.slice(repository.length + 1) : undefined;
}

export interface ImageChoice {
  image: string;
  /** The tag had to be simplified (a patch level or a 1.0 spelling the image does not use). */
  approximate: boolean;
}

/** The image for `machine.<language>.version`: `ruby` `2.2.3-p173` → `ruby:2.2.3` (approximate). */
export function languageImage(row: LanguageRow, version: string): ImageChoice {
  const spelled = row.aliases?.[version.trim()];
  if (spelled) return { image: `${row.image}:${spelled}`, approximate: true };
  const cleaned = version.trim().replace(/^v(?=\d)/, '');
  const numeric = /^\d+(?:\.\d+)*/.exec(cleaned)?.[0];
  if (!numeric) return { image: `${row.image}:latest`, approximate: true };
  return { image: `${row.image}:${numeric}`, approximate: numeric !== version.trim() };
}

/** The language row and version an image stands for, when it is one of the language images. */
export function languageOfImage(image: string): { row: LanguageRow; version: string } | undefined {
  const repository = bareRepository(image);
  const row = languageRows.find((r) => r.image === repository || r.alsoImages?.includes(repository));
  const tag = imageTag(image);
  if (!row || !tag || !/^\d/.test(tag)) return undefined;
  return { row, version: /^\d+(?:\.\d+)*/.exec(tag)![0] };
}

/** `docker.io/library/ruby:3` → `ruby`. */
function bareRepository(image: string): string {
  return imageRepository(image).replace(/^(docker\.io\/)?(library\/)?/, '');
}

/** A general-purpose image (the 1.0 Ubuntu image stands in for it). */
export function isBaseImage(image: string): boolean {
  return image === defaultImage || baseImages.includes(bareRepository(image));
}

/** The language 1.0 had preinstalled that an image stands for (`golang:1.22` → Go). */
export function preinstalledLanguage(image: string): string | undefined {
  return preinstalledImages.find((row) => row.image === bareRepository(image))?.language;
}

/** The 1.0 service an image stands for (`postgres:13` → `postgresql`). */
export function serviceOfImage(image: string): ServiceRow | undefined {
  const repository = imageRepository(image).replace(/^(docker\.io\/)?(library\/)?/, '');
  return serviceRows.find((row) => imageRepository(row.image) === repository);
}
