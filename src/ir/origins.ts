/** Where things were written: a job setting's key, and whether one place lies inside another. */
import type { Job, JobSetting, Origin } from './types.js';

/** Where a diagnostic about one of the job's settings points: the key, else the job. */
export function settingOrigin(job: Job, setting: JobSetting): Origin | undefined {
  return job.settingOrigins?.[setting] ?? job.origin;
}

/** Records where the reader found a setting; a later key of the same setting wins, as its value does. */
export function locateSetting(job: Job, setting: JobSetting, origin: Origin | undefined): void {
  if (origin) (job.settingOrigins ??= {})[setting] = origin;
}

/** Whether `point` starts inside `span` (an empty span holds its first character). */
export function originWithin(point: Origin, span: Origin): boolean {
  return point.file === span.file && point.range[0] >= span.range[0] && point.range[0] < Math.max(span.range[1], span.range[0] + 1);
}
