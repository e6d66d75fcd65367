/** Schema helpers shared by the CircleCI 2.x corpus tests. */

/**
 * The 2.0 community schema pins resource classes, machine images and Xcode versions to the lists
 * of its 2025 snapshot, so valid older and newer values (`large.gen2`, `ubuntu-2604:current`,
 * Xcode 10) fail it. Replacing those leaves with listed values separates such value drift from
 * structural errors in what ciport writes.
 */
export function neutraliseEnums(doc: unknown): unknown {
  const copy = structuredClone(doc) as { jobs?: Record<string, Record<string, unknown>> };
  for (const job of Object.values(copy.jobs ?? {})) {
    if (typeof job !== 'object' || job === null) continue;
    const machine = job.machine as Record<string, unknown> | boolean | undefined;
    const windows = typeof machine === 'object' && String(machine.image ?? '').startsWith('windows');
    if (job.resource_class !== undefined) {
      job.resource_class = job.macos ? 'm2pro.medium' : windows ? 'windows.medium' : 'medium';
    }
    if (typeof machine === 'object' && machine.image !== undefined) machine.image = windows ? 'windows-server-2022-gui:current' : 'ubuntu-2204:current';
    const macos = job.macos as Record<string, unknown> | undefined;
    if (macos?.xcode !== undefined) macos.xcode = '15.4.0';
  }
  return copy;
}

