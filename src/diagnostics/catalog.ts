import type { Severity } from './types.js';

/** One entry of the diagnostic catalog: what a code means, shown by `ciport explain <code>`. */
export interface CodeInfo {
  severity: Severity;
  summary: string;
  /** A longer explanation and the vendor fact behind it, for `ciport explain`. */
  explanation?: string;
}

/**
 * Every diagnostic code ciport can emit, listed once. A test keeps this catalog and the codes used
 * in `src/` in sync. Codes are kebab-case; the severity here is the default a report may lower.
 */
export const catalog = {
  // --- input and YAML -------------------------------------------------------------------------
  'input-unreadable': { severity: 'error', summary: 'The input file or directory cannot be read.' },
  'input-not-found': { severity: 'error', summary: 'No CI configuration was found at the given path.' },
  'input-ambiguous': {
    severity: 'error',
    summary: 'A repository holds configurations of more than one format and none was chosen.',
  },
  'format-unknown': { severity: 'error', summary: 'The file is not a recognisable CI configuration.' },
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML.' },
  'yaml-warning': { severity: 'warning', summary: 'The YAML parser warned about the file.' },
  'yaml-duplicate-key': {
    severity: 'warning',
    summary: 'A mapping repeats a key; the last one wins, as GitLab and CircleCI read it.',
  },
  'yaml-alias-limit': {
    severity: 'error',
    summary: 'Aliases expand past the safety limit (a "billion laughs" document).',
  },
  'yaml-too-large': { severity: 'error', summary: 'The file is larger than ciport reads.' },
  'yaml-too-deep': { severity: 'error', summary: 'The document nests deeper than ciport reads.' },
  'yaml-binary': { severity: 'error', summary: 'The file contains NUL bytes or invalid UTF-8.' },
  'yaml-empty': { severity: 'error', summary: 'The file holds no configuration.' },
  'yaml-multi-document': {
    severity: 'info',
    summary: 'The file holds several YAML documents; the last one is the configuration body.',
  },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong type for its key.' },
  'invalid-value': { severity: 'error', summary: 'A value is not one the format allows.' },
  'missing-key': { severity: 'error', summary: 'A required key is missing.' },
  'unknown-key': {
    severity: 'warning',
    summary: 'A key no rule understood; it is not translated.',
    explanation:
      'Every key of the input is either translated or named in a diagnostic. This one was neither ' +
      'consumed by the reader nor explained by a more specific diagnostic, so the output does not ' +
      'carry it. Check whether it is a typo or a feature ciport does not know yet.',
  },
  'internal-error': { severity: 'error', summary: 'ciport hit a bug while translating; the input may be fine.' },
  'deprecated-syntax': { severity: 'info', summary: 'The input uses a deprecated spelling; read as its successor.' },

  // --- the IR and its graph -------------------------------------------------------------------
  'graph-dangling-requirement': { severity: 'error', summary: 'A job requires a job that does not exist.' },
  'graph-cycle': { severity: 'error', summary: 'The job graph has a cycle.' },
  'graph-duplicate-id': { severity: 'error', summary: 'Two jobs or nodes have the same name.' },
  'graph-unknown-job': { severity: 'error', summary: 'A workflow names a job that is not defined.' },

  // --- translation ----------------------------------------------------------------------------
  'unsupported-feature': {
    severity: 'warning',
    summary: 'The target has no construct for a feature of the source; it is left out.',
  },
  'approximate-translation': {
    severity: 'info',
    summary: 'The target construct behaves slightly differently from the source.',
  },
  'unmapped-step': {
    severity: 'warning',
    summary: 'A step no rule understood is carried as a placeholder.',
  },
  'default-chosen': {
    severity: 'info',
    summary: 'The source left a required value unsaid; ciport chose a documented default.',
  },
  'semantic-difference': {
    severity: 'warning',
    summary: 'The translated pipeline can behave differently from the source at run time.',
  },

  // --- manual tasks ---------------------------------------------------------------------------
  'manual-secret': { severity: 'manual', summary: 'Create a secret variable in the target CI settings.' },
  'manual-context': { severity: 'manual', summary: 'Recreate a CircleCI context as group or project variables.' },
  'manual-schedule': { severity: 'manual', summary: 'Create a pipeline schedule in the target CI settings.' },
  'manual-runner': { severity: 'manual', summary: 'A runner must be configured to run this job.' },
  'manual-setting': { severity: 'manual', summary: 'A project setting outside YAML must be set by hand.' },

  // --- circleci2 ------------------------------------------------------------------------------
  // --- gitlab ---------------------------------------------------------------------------------
  // --- circleci1 ------------------------------------------------------------------------------
  // --- docker ---------------------------------------------------------------------------------
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof catalog;

export function isKnownCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(catalog, code);
}
