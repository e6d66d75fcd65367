/**
 * Stage names for a source without stages (CircleCI): each stage is named for what it holds, from
 * its jobs' names and the `stageWords` table of mappings/gitlab.yml, so a deploy job never lands in
 * a stage called `test`. GitLab runs stages in the order of `stages:` whatever their names
 * (https://docs.gitlab.com/ci/yaml/#stages).
 */
import { gitlab } from '../../rules/generated/gitlab.generated.js';

const wordOf = new Map<string, string>(gitlab.stageWords.flatMap((row) => row.spellings.map((spelling) => [spelling, row.word] as [string, string])));
const order: readonly string[] = gitlab.stageWords.map((row) => row.word);

/** Keywords a stage may not be called, as GitLab reads them (https://docs.gitlab.com/ci/yaml/#stages). */
const reserved = new Set(['.pre', '.post']);

/** The words a job's name says it does, the first known one of its name's words. */
function stageWord(jobName: string): string | undefined {
  for (const part of jobName.toLowerCase().split(/[^a-z0-9]+/)) {
    const word = wordOf.get(part);
    if (word) return word;
  }
  return undefined;
}

/** One name per level (`levels[i]` holds the job names of stage i), unique, in level order. */
export function stageNames(levels: readonly (readonly string[])[]): string[] {
  const used = new Set<string>();
  return levels.map((jobs, i) => {
    const said = jobs.map(stageWord).filter((w): w is string => w !== undefined);
    const counts = new Map<string, number>();
    for (const word of said) counts.set(word, (counts.get(word) ?? 0) + 1);
    // A word more than half the stage's jobs say names it alone.
    const most = [...counts].find(([, n]) => n * 2 > jobs.length)?.[0];
    const words = most ? [most] : [...counts.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    // A level of one job whose name says nothing known is called by that job.
    const base = words.length && words.length <= 2 ? words.join('-') : jobs.length === 1 ? slug(jobs[0]!) : `stage-${i + 1}`;
    // A word an earlier stage already took says less than the one job's own name.
    const first = used.has(base) && jobs.length === 1 ? slug(jobs[0]!) : base;
    let name = first || `stage-${i + 1}`;
    for (let n = 2; used.has(name) || reserved.has(name); n++) name = `${first}-${n}`;
    used.add(name);
    return name;
  });
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
