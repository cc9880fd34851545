/**
 * Calibration harness: runs node cases for real in cgroups and prints the model's prediction next
 * to the kernel's numbers with relative errors.
 *
 *   npx tsx bench/calibration/run.ts [--duration S] [--json] [case files...]
 *
 * Without case files it runs every case in scenarios/node-cases/. Where cgroups are not writable (or
 * no C compiler exists) it says so and exits 0.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { predictNodeCase } from '../../src/models/cpu/predict-node-case.js';
import { loadNodeCase } from '../../src/scenario/node-case-load.js';
import { formatProblem } from '../../src/scenario/problem.js';
import { detectCgroupFs } from './cgroup-fs.js';
import { compareNodeCase, renderComparison } from './compare.js';
import { compileLoadgen, runNodeCaseReal } from './real-run.js';
import { availableParallelism } from 'node:os';

const casesDir = join(import.meta.dirname ?? '.', '../../scenarios/node-cases');

async function main(argv: string[]): Promise<number> {
  let duration: number | undefined;
  let json = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--duration') duration = Number(argv[++i]);
    else if (a === '--json') json = true;
    else files.push(a);
  }
  if (files.length === 0) for (const f of readdirSync(casesDir).sort()) if (/\.(json|ya?ml)$/.test(f)) files.push(join(casesDir, f));
  const cg = await detectCgroupFs();
  if (!cg.ok) {
    console.log(`calibration skipped: no writable cgroup CPU controller (${cg.reason}). Run as root on Linux.`);
    return 0;
  }
  const gen = compileLoadgen();
  if (!gen.ok) {
    console.log(`calibration skipped: ${gen.reason}`);
    return 0;
  }
  const all = [];
  for (const file of files) {
    const loaded = await loadNodeCase(file, { cores: availableParallelism() });
    if (!loaded.ok) {
      for (const p of loaded.problems) console.error(formatProblem(p));
      return 2;
    }
    const c = duration !== undefined ? { ...loaded.value, durationSeconds: duration } : loaded.value;
    const predicted = predictNodeCase(c);
    const real = await runNodeCaseReal(c, cg.fs, gen.path);
    const cmp = compareNodeCase(predicted, real.result);
    all.push({ ...cmp, backgroundCores: real.backgroundCores });
    if (!json) console.log(`${renderComparison(cmp)}\n\nbackground load outside the case: ${real.backgroundCores.toFixed(3)} cores\n`);
  }
  if (json) console.log(JSON.stringify(all, null, 2));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
