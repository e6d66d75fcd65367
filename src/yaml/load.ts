import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseAllDocuments, type Document, type Node } from 'yaml';
import { report } from '../diagnostics/report.js';
import type { DiagnosticSink } from '../diagnostics/types.js';
import { aliasTarget } from './anchors.js';
import { limits } from './limits.js';
import { scalarText } from './view.js';

export type YamlDocument = Document.Parsed;

export interface LoadedYaml {
  file: string;
  /** The text as parsed: BOM removed; offsets in origins index into it. */
  text: string;
  documents: YamlDocument[];
  /** The document holding the configuration: the last non-empty one. */
  body?: YamlDocument;
  /** A header document before the body (GitLab `spec:`), when the file has one. */
  header?: YamlDocument;
}

const parseOptions = {
  // GitLab (Psych) and CircleCI read YAML 1.1: `yes`, `on`, `0755` mean what 1.1 says.
  version: '1.1',
  merge: true,
  // Both vendors accept duplicate keys with the last one winning; we warn instead of failing.
  uniqueKeys: false,
  keepSourceTokens: false,
  prettyErrors: false,
} as const;

/**
 * Loads one YAML file into documents with positions. Every problem becomes a diagnostic; nothing
 * user-written throws. Returns `body: undefined` when there is nothing usable to translate.
 */
export function loadYaml(rawText: string, file: string, sink: DiagnosticSink): LoadedYaml {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const loaded: LoadedYaml = { file, text, documents: [] };
  const at = (offset: number) => ({ file, range: [offset, offset] as [number, number] });

  if (text.length > limits.maxFileBytes) {
    report(sink, 'yaml-too-large', `file is ${text.length} bytes; ciport reads at most ${limits.maxFileBytes}`, {
      origin: at(0),
    });
    return loaded;
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    report(sink, 'yaml-binary', 'file contains a NUL byte; it is not a text configuration', { origin: at(nul) });
    return loaded;
  }
  const deepAt = findExcessiveFlowDepth(text, limits.maxDepth);
  if (deepAt >= 0) {
    report(sink, 'yaml-too-deep', `collections nest deeper than ${limits.maxDepth} levels`, { origin: at(deepAt) });
    return loaded;
  }

  if (countWrittenNodes(text) > limits.maxNodes) {
    report(sink, 'yaml-node-limit', `file writes out more than ${limits.maxNodes} YAML nodes; refusing to parse it`, {
      origin: at(0),
      hint: 'A file of very many tiny values costs gigabytes to parse; real CI configurations hold far fewer nodes.',
    });
    return loaded;
  }

  let documents: YamlDocument[];
  try {
    documents = parseAllDocuments(text, parseOptions) as unknown as YamlDocument[];
  } catch (error) {
    // The parser recurses; pathological input can still exhaust the stack.
    report(sink, 'yaml-too-deep', `the YAML parser gave up: ${(error as Error).message}`, { origin: at(0) });
    return loaded;
  }
  if (!Array.isArray(documents)) documents = [documents as YamlDocument];
  loaded.documents = documents;

  let syntaxErrors = 0;
  for (const doc of documents) {
    for (const error of doc.errors) {
      syntaxErrors++;
      report(sink, 'yaml-syntax', firstLine(error.message), { origin: at(error.pos[0]) });
    }
    for (const warning of doc.warnings) {
      // `!reference` is GitLab's own tag; its reader resolves it.
      if (warning.code === 'TAG_RESOLVE_FAILED' && warning.message.includes('!reference')) continue;
      report(sink, 'yaml-warning', firstLine(warning.message), { origin: at(warning.pos[0]) });
    }
  }
  if (syntaxErrors > 0) return loaded;

  const nonEmpty = documents.filter((doc) => doc.contents !== null);
  const body = nonEmpty.at(-1);
  if (!body) {
    report(sink, 'yaml-empty', 'file holds no YAML content', { origin: at(0) });
    return loaded;
  }
  if (nonEmpty.length > 1) loaded.header = nonEmpty.at(-2);

  const depth = measureDepth(body.contents as Node);
  if (depth > limits.maxDepth) {
    report(sink, 'yaml-too-deep', `collections nest ${depth} levels deep; ciport reads at most ${limits.maxDepth}`, {
      origin: at(0),
    });
    return loaded;
  }
  const dangling = findUndefinedAlias(body);
  if (dangling) {
    report(sink, 'yaml-syntax', `alias *${dangling.source} refers to no anchor`, {
      origin: { file, range: [dangling.range?.[0] ?? 0, dangling.range?.[1] ?? 0] },
    });
    return loaded;
  }
  const expanded = countAliasExpansion(body);
  if (expanded > limits.maxAliasExpansion) {
    report(
      sink,
      'yaml-alias-limit',
      `aliases expand to more than ${limits.maxAliasExpansion} nodes; refusing to expand them`,
      { origin: at(0), hint: 'A document whose aliases multiply is a resource-exhaustion attack or a mistake.' },
    );
    return loaded;
  }
  for (const doc of nonEmpty) warnDuplicateKeys(doc.contents as Node, file, sink);
  loaded.body = body;
  return loaded;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** Offset where `[`/`{` nesting first exceeds `max`, ignoring quoted text and comments; -1 if never. */
function findExcessiveFlowDepth(text: string, max: number): number {
  let depth = 0;
  let quote = '';
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (comment) {
      if (c === '\n') comment = false;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) comment = true;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '\n') quote = '';
  }
  return -1;
}

/**
 * About how many nodes the text writes out (scalars, aliases, flow collections), counted from the
 * lexer's tokens without building a document. Every node takes at least a character, so a text no
 * longer than the limit is not lexed at all.
 */
function countWrittenNodes(text: string): number {
  if (text.length <= limits.maxNodes) return 0;
  let nodes = 0;
  for (const token of new Lexer().lex(text)) {
    const first = token.charCodeAt(0);
    // \x1f announces a plain scalar; quoted and block scalars, aliases and flow collections start with their indicator.
    if (first === 0x1f || first === 0x22 || first === 0x27 || first === 0x7c || first === 0x3e || first === 0x2a || first === 0x5b || first === 0x7b) {
      if (++nodes > limits.maxNodes) return nodes;
    }
  }
  return nodes;
}

/** Collection depth without following aliases, iteratively (no recursion on hostile input). */
function measureDepth(root: Node | null): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      deepest = Math.max(deepest, depth);
      if (depth > limits.maxDepth) return depth;
      for (const item of node.items) {
        if (isPair(item)) {
          stack.push([item.key, depth + 1], [item.value, depth + 1]);
        } else stack.push([item, depth + 1]);
      }
    }
  }
  return deepest;
}

/** The first alias whose anchor is not defined before it (the YAML spec makes that an error). */
function findUndefinedAlias(doc: YamlDocument): { source: string; range?: [number, number, number] | null } | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (!aliasTarget(doc, node)) return node as { source: string; range?: [number, number, number] | null };
    } else if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return undefined;
}

/**
 * What aliases add when expanded: the nodes each alias stands for (its anchor's subtree, with the
 * aliases inside that expanded too), memoised per node. Nodes written out in the file count
 * nothing here, so a large plain file is never taken for an alias bomb.
 */
function countAliasExpansion(doc: YamlDocument): number {
  const sizeMemo = new Map<unknown, number>();
  const addedMemo = new Map<unknown, number>();
  const visiting = new Set<unknown>();
  const cap = limits.maxAliasExpansion + 1;
  /** Nodes `node` stands for once expanded, stopping early past the cap. */
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = aliasTarget(doc, node);
      return !target || visiting.has(target) ? 1 : size(target);
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizeMemo.get(node);
    if (known !== undefined) return known;
    visiting.add(node);
    let total = 1;
    for (const item of node.items) {
      total += isPair(item) ? size(item.key) + size(item.value) : size(item);
      if (total > cap) break;
    }
    visiting.delete(node);
    sizeMemo.set(node, total);
    return total;
  };
  /** Nodes the aliases under `node` (as written) add when expanded. */
  const added = (node: unknown): number => {
    if (isAlias(node)) {
      const target = aliasTarget(doc, node);
      return target ? size(target) : 0;
    }
    if (!isMap(node) && !isSeq(node)) return 0;
    const known = addedMemo.get(node);
    if (known !== undefined) return known;
    let total = 0;
    for (const item of node.items) {
      total += isPair(item) ? added(item.key) + added(item.value) : added(item);
      if (total > cap) break;
    }
    addedMemo.set(node, total);
    return total;
  };
  return added(doc.contents);
}

function warnDuplicateKeys(root: Node | null, file: string, sink: DiagnosticSink): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = scalarText(pair.key) ?? '';
          const start = pair.key.range?.[0] ?? 0;
          if (seen.has(key) && key !== '<<') {
            report(sink, 'yaml-duplicate-key', `key "${key}" is repeated; the last value wins`, {
              origin: { file, range: [start, pair.key.range?.[1] ?? start] },
            });
          }
          seen.set(key, start);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
}
