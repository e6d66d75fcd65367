import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog } from '../diagnostics/catalog.js';
import { docsUrl } from '../diagnostics/catalog-docs.js';
import type { DiagnosticRecord } from '../diagnostics/print.js';
import type { Severity } from '../diagnostics/types.js';

/** SARIF `level` of a ciport severity; a manual task is not a defect of the code, so it is a note. */
export const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', manual: 'note', info: 'note' };

export interface SarifOptions {
  toolVersion?: string;
  /** Where results without a position point: the configuration file that was read. */
  defaultFile?: string;
}

/**
 * A SARIF 2.1.0 log (OASIS sarif-v2.1.0-os) with one run: the whole diagnostic catalog as
 * `tool.driver.rules`, one result per diagnostic. GitHub code scanning reads this.
 */
export function renderSarif(records: readonly DiagnosticRecord[], options: SarifOptions = {}): string {
  const codes = Object.keys(catalog);
  const rules = Object.entries(catalog).map(([id, info]) => {
    const explanation = (info as { explanation?: string }).explanation;
    const helpUri = docsUrl(id);
    return {
      id,
      shortDescription: { text: info.summary },
      ...(explanation ? { fullDescription: { text: explanation } } : {}),
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: sarifLevel[info.severity] },
      properties: { 'ciport-severity': info.severity },
    };
  });
  const results = records.map((record) => {
    const index = codes.indexOf(record.code);
    const file = record.file ?? options.defaultFile;
    const region = record.line ? { startLine: record.line, ...(record.column ? { startColumn: record.column } : {}) } : undefined;
    return {
      ruleId: record.code,
      ...(index >= 0 ? { ruleIndex: index } : {}),
      level: sarifLevel[record.severity],
      message: { text: record.hint ? `${record.message}\nhint: ${record.hint}` : record.message },
      ...(file ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(file), ...(region ? { region } : {}) } }] } : {}),
      ...(record.related?.some((r) => r.file)
        ? {
            relatedLocations: record.related
              .filter((r) => r.file)
              .map((r, id) => ({
                id,
                message: { text: r.message },
                physicalLocation: { artifactLocation: artifactLocation(r.file!), ...(r.line ? { region: { startLine: r.line, ...(r.column ? { startColumn: r.column } : {}) } } : {}) },
              })),
          }
        : {}),
      ...(record.severity === 'manual' || record.jobs
        ? { properties: { ...(record.severity === 'manual' ? { 'ciport-severity': 'manual' } : {}), ...(record.jobs ? { jobs: record.jobs } : {}) } }
        : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ciport',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * Where a result is: a repository-relative path is resolved against `%SRCROOT%` (the checkout's
 * root, as GitHub code scanning reads it); an absolute path is a `file://` URI of its own.
 */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: encodeUri(file), uriBaseId: '%SRCROOT%' };
}

/** A relative URI reference for a repository path (spaces and `%` escaped, slashes kept). */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
