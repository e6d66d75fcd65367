import type { CacheKey, CacheKeyPart } from '../../ir/types.js';

/**
 * Cache key templates (spec §4.5): `{{ checksum "f" }}`, `{{ .Branch }}`, `{{ .Revision }}`,
 * `{{ .BuildNum }}`, `{{ .CheckoutKey }}`, `{{ .Environment.X }}`, `{{ epoch }}`, `{{ arch }}`.
 * Anything else between braces stays literal text.
 */
export function parseCacheKey(text: string): CacheKey {
  const parts: CacheKeyPart[] = [];
  const pushLiteral = (value: string) => {
    if (!value) return;
    const last = parts.at(-1);
    if (last?.kind === 'literal') last.value += value;
    else parts.push({ kind: 'literal', value });
  };
  const pattern = /\{\{\s*(.*?)\s*\}\}/g;
  let index = 0;
  for (const match of text.matchAll(pattern)) {
    pushLiteral(text.slice(index, match.index));
    index = match.index + match[0].length;
    const part = templatePart(match[1]!);
    if (part) parts.push(part);
    else pushLiteral(match[0]);
  }
  pushLiteral(text.slice(index));
  return { parts };
}

function templatePart(expr: string): CacheKeyPart | undefined {
  switch (expr) {
    case '.Branch':
      return { kind: 'branch' };
    case '.Revision':
      return { kind: 'revision' };
    case '.BuildNum':
      return { kind: 'build-number' };
    case '.CheckoutKey':
      return { kind: 'checkout-key' };
    case 'epoch':
      return { kind: 'epoch' };
    case 'arch':
      return { kind: 'arch' };
  }
  const env = /^\.Environment\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
  if (env) return { kind: 'env', name: env[1]! };
  const checksum = /^checksum\s+"([^"]+)"$/.exec(expr) ?? /^checksum\s+'([^']+)'$/.exec(expr);
  if (checksum) return { kind: 'checksum', files: [checksum[1]!] };
  return undefined;
}

/** The template text of a key; parts CircleCI has no template for are reported by the caller. */
export function formatCacheKey(key: CacheKey): { text: string; unsupported: string[] } {
  const unsupported: string[] = [];
  const text = key.parts
    .map((part) => {
      switch (part.kind) {
        case 'literal':
          return part.value;
        case 'branch':
          return '{{ .Branch }}';
        case 'revision':
          return '{{ .Revision }}';
        case 'build-number':
          return '{{ .BuildNum }}';
        case 'checkout-key':
          return '{{ .CheckoutKey }}';
        case 'epoch':
          return '{{ epoch }}';
        case 'arch':
          return '{{ arch }}';
        case 'env':
          return `{{ .Environment.${part.name} }}`;
        case 'checksum':
          return part.files.map((file) => `{{ checksum "${file}" }}`).join('-');
        case 'job':
          unsupported.push('job name');
          return '{{ .Environment.CIRCLE_JOB }}';
      }
      return '';
    })
    .join('');
  return { text, unsupported };
}
