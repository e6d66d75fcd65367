/**
 * Secret detection and masking. ciport never prints a secret value: not in diagnostics, code
 * frames, reports or diffs. Values are judged by the variable's name and by the value's shape.
 */

const secretNamePattern =
  /(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|KEY|APIKEY|API_KEY|CREDENTIALS?|AUTH|PRIVATE|CERT|SIGNING|DSN|WEBHOOK)(_|$)/i;

/** Well-known credential prefixes (GitHub, GitLab, AWS, Slack, npm, Stripe, Google). */
const secretValuePattern =
  /^(gh[pousr]_[A-Za-z0-9]{20,}|glpat-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{30,}|sk_live_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{30,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;

export function isSecretName(name: string): boolean {
  // `PATH`, `*_KEY_ID`-style identifiers that only name a key are still treated as secret: the
  // cost of masking a harmless value is small, printing a real one is not.
  return secretNamePattern.test(name);
}

/** A value that is only a reference to another variable is not itself a secret. */
function isReference(value: string): boolean {
  return /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value.trim()) || /^<<\s*[\w.-]+\s*>>$/.test(value.trim());
}

export function isSecretValue(name: string, value: string): boolean {
  if (value === '' || isReference(value)) return false;
  return isSecretName(name) || secretValuePattern.test(value.trim());
}

export const MASK = '****';

/** `secretValuePattern` at the start of a whitespace-separated word, with the rest of that word. */
const credentialWord =
  /(?<!\S)(?:gh[pousr]_[A-Za-z0-9]{20,}|glpat-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{30,}|sk_live_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{30,})\S*/g;

export interface MaskOptions {
  /**
   * The line is ciport's own prose (a diagnostic message or hint), not a configuration line: an
   * ordinary lowercase word, a colon and more words ("needs registry credentials: create a …
   * variable") is a sentence, not a `credentials: <value>` pair. A pair that ends the text, or one
   * with `=` or an upper-case name, is still masked.
   */
  prose?: boolean;
}

/** An ordinary word, a colon, a value, then another word: how a sentence, not a YAML pair, goes on. */
function isSentence(name: string, sep: string, rest: string): boolean {
  return /^[a-z]+$/.test(name) && sep.includes(':') && /^\s+[A-Za-z]/.test(rest);
}

/** Masks `NAME: value` / `NAME=value` pairs and credential-shaped tokens inside one line of text. */
export function maskSecretsInLine(line: string, options: MaskOptions = {}): string {
  // A YAML line `name: plain value with spaces`: the plain scalar runs to the end of the line (or a
  // comment), so the whole of it is the secret, not its first word.
  if (!options.prose) {
    const pair = /^(\s*(?:-\s+)?(["']?)([A-Za-z_][A-Za-z0-9_]*)\2\s*:\s+)(?!["'{[|>&*!])([^#]*?\S)(\s+#.*)?$/.exec(line);
    if (pair && /\s/.test(pair[4]!) && isSecretValue(pair[3]!, pair[4]!)) return `${pair[1]}${MASK}${pair[5] ?? ''}`;
    // A quoted value holding spaces (`TOKEN: "two words"`).
    const quoted = /^(\s*(?:-\s+)?(["']?)([A-Za-z_][A-Za-z0-9_]*)\2\s*[:=]\s*)(["'])((?:(?!\4).)*\s(?:(?!\4).)*)\4(.*)$/.exec(line);
    if (quoted && isSecretValue(quoted[3]!, quoted[5]!)) return `${quoted[1]}${quoted[4]}${MASK}${quoted[4]}${maskSecretsInLine(quoted[6]!, options)}`;
  }
  // The value may not itself be a key (`deploy: password: x` holds the pair `password: x`). A name
  // right after `/` or `.` is part of a path or image (`acme/private:1.0`), not a key.
  let masked = line.replace(
    /(?<![/.])(["']?)([A-Za-z_][A-Za-z0-9_]*)\1(\s*[:=]\s*)(["']?)(?![A-Za-z_][A-Za-z0-9_]*["']?\s*[:=](?:\s|$))([^\s"'#{}[\],]+)\4/g,
    (match, quote: string, name: string, sep: string, valueQuote: string, value: string, offset: number, whole: string) => {
      if (!isSecretValue(name, value)) return match;
      if (options.prose && !valueQuote && isSentence(name, sep, whole.slice(offset + match.length))) return match;
      return `${quote}${name}${quote}${sep}${valueQuote}${MASK}${valueQuote}`;
    },
  );
  // A whole word that starts like a credential; found by one scan of the line (a callback per word
  // was most of the cost of printing diagnostics). The PRIVATE KEY header holds spaces, so it is
  // never one word: isSecretValue judges it as a whole value.
  masked = masked.replace(credentialWord, MASK);
  // Credentials inside URLs: `scheme://user:password@host`.
  masked = masked.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)(?!\$)([^\s@/]+)(@)/gi, `$1${MASK}$3`);
  // `--password <value>` on a command line, and `-p <value>` after a `login` (elsewhere `-p` is
  // `mkdir -p`, a port, a profile). The value's own quotes stay, and so does a backtick closing a
  // command quoted in a message; `…` standing for a value is no value.
  masked = masked.replace(/(\s--password(?:\s+|=))(?!["']?\$)(["']?)[^\s"'…`]+\2/g, `$1$2${MASK}$2`);
  masked = masked.replace(/(\blogin\b[^`\n]*?\s-p(?:\s+|=))(?!["']?\$)(["']?)[^\s"'…`]+\2/g, `$1$2${MASK}$2`);
  return masked;
}

export function maskSecretsInText(text: string, options: MaskOptions = {}): string {
  return text.split('\n').map((line) => maskSecretsInLine(line, options)).join('\n');
}

/** A diagnostic message or hint: ciport's sentences, which may quote configuration values. */
export function maskSecretsInMessage(text: string): string {
  return maskSecretsInText(text, { prose: true });
}
