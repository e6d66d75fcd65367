/**
 * In-process translation speed as a ratio to the floor: a bare `yaml` parse + stringify of the
 * same files. Each round times the floor, then the target without and with the behaviour check,
 * back to back, so all three see the same load on a shared machine; the medians of the rounds are
 * compared (issue goals: ≥ 0.8 without the check, ≥ 0.6 with it, the check ≤ +25 %).
 */
import { parseAllDocuments } from 'yaml';
import { emitTargets, formats, type EmitTarget } from '../src/formats/registry.js';
import { translate } from '../src/translate.js';
import type { Sample } from './corpus.js';

export type Target = EmitTarget;

export const targets: Target[] = emitTargets();

export interface TranslationResult {
  target: string;
  floorMs: number;
  /** translate() as users run it: with the behaviour check. */
  translateMs: number;
  ratio: number;
  /** translate() with `behaviour: false`. */
  uncheckedMs: number;
  uncheckedRatio: number;
  /** What the check adds: (translateMs − uncheckedMs) / uncheckedMs. */
  checkShare: number;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The samples repeated until they add up to at least `bytes` (a pass over a small corpus is noise). */
export function replicate(samples: readonly Sample[], bytes: number): Sample[] {
  const out: Sample[] = [];
  let total = 0;
  while (total < bytes && samples.length) {
    for (const sample of samples) {
      out.push(sample);
      total += sample.text.length;
    }
  }
  return out;
}

export function floor(samples: readonly Sample[]): void {
  for (const sample of samples) {
    for (const doc of parseAllDocuments(sample.text, { version: '1.1', merge: true, uniqueKeys: false })) if (!doc.errors.length) doc.toString();
  }
}

export function translateAll(samples: readonly Sample[], target: Target, behaviour = true): void {
  for (const sample of samples) {
    translate({ file: formats[sample.format].fileNames[0]!, text: sample.text, from: sample.format, to: target.id, emit: target.version ? { version: target.version } : {}, behaviour });
  }
}

export function benchTranslation(samples: readonly Sample[], rounds: number): TranslationResult[] {
  // Warm-up: the first pass compiles everything for both sides.
  floor(samples);
  for (const target of targets) translateAll(samples, target);
  return targets.map((target) => {
    const floors: number[] = [];
    const unchecked: number[] = [];
    const translations: number[] = [];
    for (let round = 0; round < rounds; round++) {
      floors.push(time(() => floor(samples)));
      unchecked.push(time(() => translateAll(samples, target, false)));
      translations.push(time(() => translateAll(samples, target)));
    }
    const floorMs = median(floors);
    const translateMs = median(translations);
    const uncheckedMs = median(unchecked);
    return { target: target.stem, floorMs, translateMs, ratio: floorMs / translateMs, uncheckedMs, uncheckedRatio: floorMs / uncheckedMs, checkShare: (translateMs - uncheckedMs) / uncheckedMs };
  });
}
