/** Report folders compared without their run record (ciport's version, the date, the options), which differ by design between runs. */
export function withoutRunRecord(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (path === 'summary.json') {
      const { run: _, ...rest } = JSON.parse(text) as Record<string, unknown>;
      out[path] = JSON.stringify(rest, null, 2);
    } else if (path === 'summary.md') out[path] = text.replace(/^\| (ciport|Date|Options) \|.*\n/gm, '');
    else if (path === 'summary.html') out[path] = text.replace(/<dt>(ciport|Date|Options)<\/dt><dd>.*?<\/dd>/g, '');
    else out[path] = text;
  }
  return out;
}
