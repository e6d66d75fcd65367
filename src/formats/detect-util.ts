/** Top-level mapping keys of a YAML text, found cheaply without parsing (for detection only). */
export function topLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const pattern = /^(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#:'"\-?][^:\n]*?))\s*:(?:\s|$)/gm;
  for (const match of text.matchAll(pattern)) keys.add((match[1] ?? match[2] ?? match[3] ?? '').trim());
  return keys;
}

/** The top-level `version:` value, if any. */
export function topLevelVersion(text: string): string | undefined {
  const match = /^version\s*:\s*["']?([^"'\s#]+)["']?/m.exec(text);
  return match?.[1];
}

export function baseName(file: string): string {
  return file.replace(/\\/g, '/').split('/').pop() ?? file;
}
