// Loaded with --import into a CLI child process by the hostile command tests: on exit, writes the
// process's peak resident set size (kilobytes, worker threads included) to $CIPORT_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.CIPORT_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
