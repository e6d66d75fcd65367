// Runs a script (the compiled CLI) in this process and, when the process exits, writes its CPU
// time and peak RSS (all threads included) as JSON to the file named by BENCH_USAGE_FILE. CPU
// seconds are steadier than wall time on a machine shared with other work.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  const file = process.env.BENCH_USAGE_FILE;
  if (file) writeFileSync(file, JSON.stringify({ cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssKb: usage.maxRSS }));
});
await import(pathToFileURL(script).href);
