import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Comments } from '../ir/types.js';

export type YamlPath = ReadonlyArray<string | number>;

export interface CommentNote {
  /** Path to a mapping key (comments go on the key) or a sequence item. */
  path: YamlPath;
  comments: Comments;
}

export interface DumpOptions {
  /** Comment lines at the top of the file. */
  header?: string[];
  comments?: CommentNote[];
  /** Put a blank line before the keys of the mappings at these paths (`[]` is the root). */
  spacedMaps?: YamlPath[];
}

/**
 * Writes plain data as YAML that the vendors' YAML 1.1 readers read back unchanged: strings such
 * as `yes`, `on`, `n` or `1.10` are quoted; long commands are never folded; multi-line strings are
 * literal blocks.
 */
export function dumpYaml(value: unknown, options: DumpOptions = {}): string {
  // No anchors in output: an emitter reusing one object in two places means the same data twice.
  const doc = new Document(value, { version: '1.1', keepUndefined: false, aliasDuplicateObjects: false });
  if (options.header?.length) doc.commentBefore = options.header.map((line) => ` ${line}`.trimEnd()).join('\n');
  for (const note of options.comments ?? []) attachComments(doc, note);
  for (const path of options.spacedMaps ?? []) {
    const node = path.length ? doc.getIn(path, true) : doc.contents;
    if (isMap(node)) {
      node.items.forEach((pair, index) => {
        if (index > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
      });
    }
  }
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

function toCommentText(lines: readonly string[]): string {
  return lines.map((line) => (line.length ? ` ${line}` : '')).join('\n');
}

function attachComments(doc: Document, note: CommentNote): void {
  const { path, comments } = note;
  if (path.length === 0) return;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (!pair || !isScalar(pair.key)) return;
    if (comments.before?.length) pair.key.commentBefore = toCommentText(comments.before);
    if (comments.trailing) {
      const target = isScalar(pair.value) ? pair.value : pair.key;
      (target as Node).comment = ` ${comments.trailing}`;
    }
  } else if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as Node | undefined;
    if (!item) return;
    if (comments.before?.length) item.commentBefore = toCommentText(comments.before);
    if (comments.trailing && isScalar(item)) item.comment = ` ${comments.trailing}`;
  }
}
