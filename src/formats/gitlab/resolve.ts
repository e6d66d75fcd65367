import { isAlias, isMap, isScalar, isSeq, type Alias, type Document } from 'yaml';
import { report } from '../../diagnostics/report.js';
import type { DiagnosticSink } from '../../diagnostics/types.js';
import type { JsonValue, Origin } from '../../ir/types.js';
import { aliasTarget } from '../../yaml/anchors.js';
import { loadYaml } from '../../yaml/load.js';
import { createReader, type YamlReader } from '../../yaml/view.js';
import type { ParseContext, ParseInput } from '../types.js';
import { fromYaml, takeTree, toJson, type MMap, type MNode } from './merged.js';
import { inputValues, interpolateInputs, mentionsInputs } from './resolve-inputs.js';
import { resolveExtends, globalKeys } from './resolve-extends.js';
import { resolveIncludes, type IncludedJobCondition } from './resolve-includes.js';
import { resolveReferences } from './resolve-references.js';

/** A configuration after GitLab's resolution steps, still as merged nodes. */
export interface ResolvedDocument {
  /** The main file with includes merged under it, `extends` and `!reference` applied. */
  root: MMap;
  /** Includes that were not read (kept as written for GitLab output). */
  kept: JsonValue[];
  /** Jobs that exist only when an include's `rules:` include their file. */
  jobConditions: Map<string, IncludedJobCondition>;
  /** Readers of every file read (main file first), for the unconsumed-key sweep. */
  readers: YamlReader[];
  /** Jobs whose `extends` names a parent that is not defined, directly or through a parent. */
  unresolvedExtends: Set<string>;
  /** The main file's `spec:` header, as data. */
  spec?: JsonValue;
  /** The file's leading comment, line by line. */
  comment?: string[];
}

/**
 * Loads `.gitlab-ci.yml` and resolves it in GitLab's order: includes (merged, the includer
 * winning), `extends`, `!reference`; anchors and `<<` are applied by the YAML view. `undefined`
 * when the file is not a readable configuration (diagnosed).
 */
export function resolveDocument(input: ParseInput, context: ParseContext): ResolvedDocument | undefined {
  const { sink } = context;
  const loaded = loadYaml(input.text, input.file, sink);
  if (!loaded.body) return undefined;
  const reader = createReader(input.file, loaded.body);
  const readers: YamlReader[] = [reader];
  let spec: JsonValue | undefined;

  // Only a document holding `spec:` is a header (gitlab-ci.md §3); any other earlier document is
  // not part of the configuration GitLab runs.
  const isSpecHeader = loaded.header !== undefined && isMap(loaded.header.contents) && loaded.header.contents.items.some((pair) => isScalar(pair.key) && pair.key.value === 'spec');
  if (loaded.header && !isSpecHeader) {
    report(sink, 'yaml-multi-document', 'the file holds several YAML documents; only the last is read, the earlier ones are not translated', {
      origin: { file: input.file, range: [loaded.header.range[0], loaded.header.range[1]] },
      hint: 'GitLab accepts a document before "---" only as a spec: header.',
    });
  }
  let header: MNode | undefined;
  if (loaded.header && isSpecHeader) {
    const headerReader = createReader(input.file, loaded.header);
    readers.push(headerReader);
    header = fromYaml(headerReader, loaded.header.contents);
    takeTree(header);
  }

  const dangling = findDanglingAlias(loaded.body);
  if (dangling) {
    report(sink, 'yaml-syntax', `alias *${dangling.source} names no anchor`, {
      origin: { file: input.file, range: [dangling.range?.[0] ?? 0, dangling.range?.[1] ?? 0] },
    });
    return undefined;
  }
  let parsed = fromYaml(reader, loaded.body.contents);
  if (header) {
    const headerOrigin: Origin = { file: input.file, range: [loaded.header!.range[0], loaded.header!.range[1]] };
    if (mentionsInputs(parsed)) parsed = applyPipelineInputs(sink, header, parsed, input.file, headerOrigin);
    else {
      spec = toJson(header);
      report(sink, 'unsupported-feature', 'the spec: header (pipeline inputs, used nowhere in the file) is kept for GitLab output only', { origin: headerOrigin });
    }
  }
  if (parsed.kind !== 'map') {
    report(sink, 'wrong-type', 'the configuration is not a mapping of jobs and keywords', {
      origin: { file: input.file, range: [0, 0] },
    });
    return undefined;
  }
  // The file's leading comment: on the document, or on the first key when no blank line follows it.
  const first = parsed.entries[0];
  const firstComment = first && globalKeys.has(first.key) ? (first.pair.key as { commentBefore?: string | null } | null)?.commentBefore : undefined;
  const comment = loaded.body.commentBefore ?? firstComment;

  const included = resolveIncludes(parsed, input.file, {
    sink,
    sources: context.sources,
    options: context.options,
    ...(context.repository ? { repository: context.repository } : {}),
  });
  readers.push(...included.readers);
  const ctx = { sink };
  const unresolvedExtends = new Set<string>();
  const root = resolveReferences(resolveExtends(resolveReferences(included.root, ctx, true), ctx, unresolvedExtends), ctx);
  if (root.kind !== 'map') return undefined;
  const resolved: ResolvedDocument = { root, kept: included.kept, readers, jobConditions: included.jobConditions, unresolvedExtends };
  if (spec !== undefined) resolved.spec = spec;
  if (comment) resolved.comment = comment.split('\n').map((l) => l.replace(/^ /, ''));
  return resolved;
}

/**
 * Inputs of the main file are given when a pipeline is created; offline only their defaults are
 * known. They are substituted, so the header (whose inputs would change nothing any more) is not
 * kept: say so.
 */
function applyPipelineInputs(sink: DiagnosticSink, header: MNode, body: MNode, file: string, origin: Origin): MNode {
  const inputs = inputValues(sink, header, undefined, file, undefined);
  const used = [...inputs.values].map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  report(sink, 'semantic-difference', `pipeline inputs take their default values (${used.join(', ') || 'none'}); the spec: header is not kept, so they can no longer be set when a pipeline is created`, {
    origin,
    hint: 'Change the defaults in the source (or the translated values) to translate another set of inputs.',
  });
  return interpolateInputs(sink, body, inputs, file);
}

/** The first alias that names no anchor: GitLab rejects such a file, so nothing is translated. */
function findDanglingAlias(doc: Document.Parsed): Alias | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (!aliasTarget(doc, node)) return node;
    } else if (isMap(node)) for (const pair of node.items) stack.push(pair.key, pair.value);
    else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return undefined;
}
