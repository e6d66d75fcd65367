import { dumpYaml } from '../../yaml/dump.js';

/**
 * The rule for 2.1 reuse: an executor or command is hoisted only when the file gets shorter.
 * Lines are counted as written, blank lines aside: a definition costs its name line (plus
 * `steps:` for a command) and its body; every user keeps one line (`executor: name`, `- name`);
 * the first definition of a kind also pays for its `executors:`/`commands:` key. So two jobs
 * sharing a bare `docker: [image]` keep it inline (a reference saves nothing there), while a
 * shared image with services, auth or a resource class, or a shared setup sequence, is hoisted.
 */
export function savedLines(bodyLines: number, users: number, headerLines: number): number {
  return users * bodyLines - (bodyLines + headerLines) - users;
}

/**
 * Lines a hoist must save beyond that. An executor reference names what it stands for, so any
 * saving will do; a command moves steps out of the job being read, so it must save a few
 * (two jobs sharing a 6-line step keep it inline, a 9-line cache-install-save run is hoisted).
 */
export const minimumSaving = { executor: 1, command: 3 } as const;

/** How many lines `value` takes when written as YAML (indentation does not change the count). */
export function linesOf(value: unknown): number {
  const text = dumpYaml(value);
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}
