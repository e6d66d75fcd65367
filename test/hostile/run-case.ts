/**
 * Runs one large hostile case alone (`node --import tsx run-case.ts <index>`), so its peak memory is
 * its own: prints the case report with the process's peak RSS as one JSON line.
 */
import { buildCases } from './cases.js';
import { checkCase, makeRepository } from './check.js';
import { installGuards } from './guards.js';

installGuards();
const hostile = buildCases()[Number(process.argv[2])];
if (!hostile) {
  process.stdout.write(`${JSON.stringify({ failures: [`no case #${process.argv[2]}`], times: [], peakRssBytes: 0 })}\n`);
} else {
  const report = checkCase(hostile, makeRepository());
  process.stdout.write(`${JSON.stringify({ name: hostile.name, ...report, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
}
