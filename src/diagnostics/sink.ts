import type { Diagnostic, DiagnosticSink } from './types.js';

export function createSink(): DiagnosticSink {
  const diagnostics: Diagnostic[] = [];
  return {
    report(diagnostic) {
      diagnostics.push(diagnostic);
    },
    diagnostics,
  };
}

const severityRank = { error: 0, warning: 1, manual: 2, info: 3 } as const;

/** Stable order for printing: by file, then position, then severity, then code. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fileA = a.origin?.file ?? '';
    const fileB = b.origin?.file ?? '';
    if (fileA !== fileB) return fileA < fileB ? -1 : 1;
    const posA = a.origin?.range[0] ?? -1;
    const posB = b.origin?.range[0] ?? -1;
    if (posA !== posB) return posA - posB;
    const rank = severityRank[a.severity] - severityRank[b.severity];
    if (rank !== 0) return rank;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function hasWarnings(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'warning');
}
