import type { Job, JobSetting, Origin } from './types.js';

/** Where a diagnostic about one of the job's settings points: the key, else the job. */
export function settingOrigin(job: Job, setting: JobSetting): Origin | undefined {
  return job.settingOrigins?.[setting] ?? job.origin;
}

/** Records where the reader found a setting; a later key of the same setting wins, as its value does. */
export function locateSetting(job: Job, setting: JobSetting, origin: Origin | undefined): void {
  if (origin) (job.settingOrigins ??= {})[setting] = origin;
}
