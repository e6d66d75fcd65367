/**
 * `rules:if` regexes are RE2, while `only`/`except` refs (and CircleCI filters) may be written in
 * Ruby or Java syntax. RE2 has no `\Z` (end, or before a final newline); on a one-line ref name it
 * means what RE2's `\z` means. Readers state ref patterns with `\z` so a round trip through
 * `rules:if` keeps the same pattern; writers convert whatever other sources wrote.
 * https://github.com/google/re2/wiki/Syntax, https://docs.gitlab.com/ci/jobs/job_rules/#compare-a-variable-to-a-regular-expression
 */
export function toRe2(source: string): string {
  return source.replace(/(^|[^\\])((?:\\\\)*)\\Z/g, '$1$2\\z');
}
