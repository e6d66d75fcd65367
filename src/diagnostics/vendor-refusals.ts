import type { FormatId } from '../ir/types.js';
import { catalog, isKnownCode, type CodeInfo } from './catalog.js';
import { report } from './report.js';
import { sortDiagnostics } from './sink.js';
import type { Diagnostic, DiagnosticSink, RelatedLocation } from './types.js';

/**
 * A configuration the vendor itself refuses cannot be written back to that vendor as if it were
 * valid: for a same-vendor translation (GitLab -> GitLab) one `refused-by-target` error names every
 * diagnostic whose code the catalog marks `refusedBy` that vendor, so the translation fails as the
 * vendor's lint would. Each of those keeps its own code and severity (a code has one severity
 * everywhere); other targets read past them and go on.
 */
const vendorNames: Record<NonNullable<CodeInfo['refusedBy']>, string> = { gitlab: 'GitLab' };

export function reportVendorRefusals(sink: DiagnosticSink, from: FormatId, to: FormatId): void {
  const vendor = from === to && Object.hasOwn(vendorNames, to) ? vendorNames[to as keyof typeof vendorNames] : undefined;
  if (!vendor) return;
  const refused = sink.diagnostics.filter((d: Diagnostic) => {
    if (!isKnownCode(d.code)) return false;
    const info: CodeInfo = catalog[d.code];
    return info.refusedBy === to;
  });
  if (refused.length === 0) return;
  // The warnings say what each problem is; the error only makes the translation fail and points at them.
  const [first, ...rest] = sortDiagnostics(refused);
  const codes = [...new Set(refused.map((d) => d.code))].sort();
  const problems = refused.length === 1 ? 'a problem' : `${refused.length} problems`;
  report(sink, 'refused-by-target', `${vendor} refuses this configuration for ${problems} its warnings name (${codes.join(', ')}): the source does not run there as it is, and its translation is what ciport made of it`, {
    ...(first!.origin ? { origin: first!.origin } : {}),
    ...(rest.length ? { related: rest.map((d): RelatedLocation => ({ message: `refused: ${d.code}`, ...(d.origin ? { origin: d.origin } : {}) })) } : {}),
    hint: 'Fix the source first, then translate it again.',
  });
}
