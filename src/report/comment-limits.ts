/**
 * How long a pull/merge request comment the hosts accept, in characters. A longer body is refused
 * outright, so `ciport diff --format markdown` keeps its comment within `--max-comment-chars`.
 *
 * - GitHub: "Body is too long (maximum is 65536 characters)" for issue and pull request comments
 *   (https://github.com/orgs/community/discussions/41331).
 * - GitLab: a note body is limited to 1,000,000 characters
 *   (https://docs.gitlab.com/ee/api/notes.html, https://gitlab.com/gitlab-org/gitlab/-/issues/426314).
 *
 * JavaScript string lengths count UTF-16 code units, never fewer than the characters a host counts,
 * so a comment within the limit here is within it there.
 */
export const commentLimits = { github: 65_536, gitlab: 1_000_000 } as const;

/** The default of `--max-comment-chars`: the smaller limit, so the comment fits both hosts. */
export const defaultMaxCommentChars = commentLimits.github;
