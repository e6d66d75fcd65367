/**
 * The library entry (`import { translate, verify, formats } from 'ciport'`). Everything here works
 * on texts the caller passes in: no network, no files read unless the caller gives a repository or
 * an orb/include directory. Internal modules (the IR, the format parsers and emitters) are not part
 * of this API.
 */
export { translate, type TranslateOptions, type TranslateResult, type BehaviourCheck } from './library/translate.js';
export { verify, type Configuration, type VerifyOptions, type VerifyResult } from './library/verify.js';
export { formats, formatIds, isFormatId, detectFormat, type FormatId, type FormatInfo } from './library/formats.js';
export type { Diagnostic, Place, RelatedPlace } from './library/diagnostics.js';
export type { Difference, EventRuns } from './library/differences.js';
export type { Severity } from './diagnostics/types.js';
export type { EmitOptions, ParseOptions, RepositoryAccess } from './formats/types.js';
export type { RuleSet } from './rules/types.js';
