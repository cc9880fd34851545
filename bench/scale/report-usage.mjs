// Preloaded into a measured child (`node --import ./bench/scale/report-usage.mjs ...`): at exit it
// writes the process's own CPU time (user + system, every thread) and peak resident set size to the
// file named by WHATIF_BENCH_USAGE, so the bench measures the child alone whatever else runs.
import { writeFileSync } from 'node:fs';

const target = process.env.WHATIF_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // userCPUTime and systemCPUTime are microseconds, maxRSS kilobytes (getrusage(2)).
    writeFileSync(target, JSON.stringify({ userSeconds: u.userCPUTime / 1e6, systemSeconds: u.systemCPUTime / 1e6, maxRssBytes: u.maxRSS * 1024 }));
  });
}
