import type { FormatId } from '../ir/types.js';
import { catalog, isKnownCode, type CodeInfo } from './catalog.js';
import type { Diagnostic } from './types.js';

/**
 * A configuration the vendor itself refuses cannot be written back to that vendor as if it were
 * valid: for a same-vendor translation (GitLab -> GitLab) every diagnostic whose code the catalog
 * marks `refusedBy` that vendor becomes an error, so the translation fails as the vendor's lint
 * would. Other targets keep the reader's severity (a warning) and go on.
 */
export function raiseVendorRefusals(diagnostics: readonly Diagnostic[], from: FormatId, to: FormatId): void {
  if (from !== to) return;
  for (const diagnostic of diagnostics) {
    if (!isKnownCode(diagnostic.code)) continue;
    const info: CodeInfo = catalog[diagnostic.code];
    if (info.refusedBy === to) diagnostic.severity = 'error';
  }
}
