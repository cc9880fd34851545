import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { engineBench } from './engine.bench.js';
import { wholeRunBench } from './whole-run.bench.js';
import { KARPENTER_SIZES, QUIET_SIZES, SCALE_SIZES } from './scale/generate.js';
import { SCALE_HOURS, growth, scaleBench, scaleTable } from './scale/scale-bench.js';
import { sweepScaling } from './scale/sweep-scaling.js';
import { measureCli } from './scale/measure.js';
import { steadyBench } from './scale/steady-bench.js';
import { stepAllocationBench, type StepAllocation } from './scale/step-allocation-bench.js';

// `npm run bench [-- options]`: prints the numbers recorded in bench/RESULTS.md, with the machine.
// The scale and sweep parts run the built CLI (`npm run build` first) as child processes and
// measure their CPU time (user + system) and peak RSS.
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    repeat: { type: 'string' },
    budget: { type: 'string' },
    only: { type: 'string' },
    'sweep-points': { type: 'string' },
    'sweep-duration': { type: 'string' },
    'sweep-rounds': { type: 'string' },
    'steady-runs': { type: 'string' },
    'steady-rounds': { type: 'string' },
    'steady-scenario': { type: 'string' },
    'steady-hours': { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  console.log(`npm run bench -- [options]
  --quick             one run per case, small clusters only, a 60 s budget, a short sweep
  --repeat <n>        runs per scale case, the median is reported (default 3; --quick 1)
  --budget <seconds>  CPU seconds one run may use (default 300; --quick 60): a run over it is
                      killed, a case the shorter runs predict above 3 budgets is not started;
                      both are reported "over budget, extrapolated from" the shorter runs
  --only <parts>      comma-separated: engine, whole-run, scale, quiet, karpenter, flagship, sweep,
                      steady, allocation (default: all but quiet, karpenter and steady)
  --sweep-points <n>  points of the sweep-scaling bench (default 20; --quick 6)
  --sweep-rounds <n>  rounds of the sweep-scaling bench, 1 and 2 workers in turn; the medians are
                      compared (default 1; 3 on a shared host)
  --sweep-duration <d>  simulated time per sweep point (default 2h; --quick 1h): longer points
                      weigh each worker's start-up and cache warm-up less
  --steady-runs <n>   flagship runs per process in the steady part (default 6)
  --steady-rounds <n> processes per build in the steady part, builds taken in turn (default 2);
                      WHATIF_BENCH_DIST=<copy of dist/> adds that build beside dist/
  --steady-scenario <file>  the steady part's scenario, its after configuration (default the
                      flagship, scenarios/payments-maxreplicas.yaml)
  --steady-hours <h>  simulated hours per steady run (default 24)
  --json <file>       also write every number as JSON`);
  process.exit(0);
}
const quick = opts.quick;
const repeat = Number(opts.repeat ?? (quick ? 1 : 3));
const budget = Number(opts.budget ?? (quick ? 60 : 300));
const parts = new Set((opts.only ?? 'engine,whole-run,scale,flagship,sweep,allocation').split(','));
const steadyRuns = Number(opts['steady-runs'] ?? 6);
const steadyRounds = Number(opts['steady-rounds'] ?? 2);
const steadyScenario = opts['steady-scenario'] ?? 'scenarios/payments-maxreplicas.yaml';
const steadyHours = Number(opts['steady-hours'] ?? 24);
if (parts.has('steady') && !(Number.isInteger(steadyRuns) && steadyRuns >= 2 && Number.isInteger(steadyRounds) && steadyRounds >= 1)) {
  throw new Error('--steady-runs must be an integer >= 2 (the first run is cold) and --steady-rounds >= 1');
}
if (parts.has('steady') && !(steadyHours > 0)) {
  throw new Error('--steady-hours must be > 0');
}
if (!(repeat >= 1) || !(budget > 0)) throw new Error('--repeat must be >= 1 and --budget > 0');
if ((parts.has('scale') || parts.has('quiet') || parts.has('karpenter') || parts.has('flagship') || parts.has('sweep') || parts.has('steady')) && !existsSync(process.env.WHATIF_BENCH_CLI ?? 'dist/cli/main.js')) throw new Error('run `npm run build` first: the scale and sweep benches run dist/cli/main.js');

const log = (line: string) => process.stderr.write(`${line}\n`);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const started = new Date().toISOString();
const loadBefore = loadavg()[0]!;
console.log(`machine: ${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${started}, load average ${loadBefore.toFixed(2)}`);
const record: Record<string, unknown> = { started, machine: { cpus: cpus().length, cpu, memoryBytes: totalmem(), node: process.version }, loadBefore, repeat, budget };

if (parts.has('engine')) {
  const engine = await engineBench();
  record.engine = engine;
  for (const r of engine) console.log(`engine  ${r.name.padEnd(40)} ${(r.eventsPerSecond / 1e6).toFixed(2)} M events/s`);
}
if (parts.has('whole-run') && !quick) {
  const runs = wholeRunBench();
  record.wholeRun = runs;
  for (const r of runs) console.log(r.ms > 0 ? `run     ${r.label.padEnd(40)} ${(r.ms / 1000).toFixed(2)} s for ${r.simulatedHours} simulated hours` : `run     ${r.label}`);
}
if (parts.has('scale')) {
  const cases = await scaleBench({ repeat, budgetSeconds: budget, sizes: quick ? SCALE_SIZES.slice(0, 2) : SCALE_SIZES, hours: quick ? SCALE_HOURS.slice(0, 2) : SCALE_HOURS, log });
  record.scale = cases;
  console.log(`\nscale (whatif run --json, one seed, 15 s step; median of ${repeat}; budget ${budget} CPU s per run)\n`);
  console.log(scaleTable(cases));
  console.log('\ngrowth (log-log slope of CPU seconds, whole and less the 1-minute start-up run; 1 = linear; measured cases only)\n');
  const slopes = growth(cases);
  record.growth = slopes;
  for (const g of slopes) {
    const text = g.slope === null ? 'n/a (fewer than 2 measured cases)' : `${g.slope.toFixed(2)}, net of start-up ${g.netSlope?.toFixed(2) ?? 'n/a'}, from ${g.points} cases`;
    console.log(`  over ${g.over.padEnd(15)} at ${g.at.padEnd(12)} ${text}`);
  }
}
if (parts.has('quiet')) {
  // A load test: the 1,000-node cluster with every load held and no noise, whose quiet steps the
  // CPU step replays (docs/how-it-works.md, "Quiet periods").
  const cases = await scaleBench({ repeat, budgetSeconds: budget, sizes: QUIET_SIZES, hours: quick ? [1] : [1, 24, 168], log });
  record.quiet = cases;
  console.log(`\nquiet (the 1,000-node cluster under a held load, whatif run --json; median of ${repeat}; budget ${budget} CPU s per run)\n`);
  console.log(scaleTable(cases));
}
if (parts.has('karpenter')) {
  // The 1,000-node cluster's workloads under Karpenter on EKS: provisioning batches and the
  // disruption controller's consolidation searches (docs/models/karpenter.md) in place of the
  // Cluster Autoscaler's loop.
  const cases = await scaleBench({ repeat, budgetSeconds: budget, sizes: KARPENTER_SIZES, hours: quick ? [1] : [1, 24], log });
  record.karpenter = cases;
  console.log(`\nkarpenter (the 1,000-node cluster under Karpenter, whatif run --json; median of ${repeat}; budget ${budget} CPU s per run)\n`);
  console.log(scaleTable(cases));
}
if (parts.has('flagship')) {
  // Goal 2 of the performance work: the flagship compare (5 seeds, before and after, 24 h), with
  // no throttle cache file and then with a warm one (--throttle-cache, filled by a first compare).
  const rows: { workers: number; cache: 'none' | 'warm'; cpuSeconds: number; wallSeconds: number; maxRssBytes: number }[] = [];
  const cacheDir = mkdtempSync(join(tmpdir(), 'whatif-bench-throttle-'));
  const cacheFile = join(cacheDir, 'throttle.bin');
  try {
    const fill = await measureCli(['compare', 'scenarios/payments-maxreplicas.yaml', '--workers', '1', '--throttle-cache', cacheFile], budget * 4);
    if (!fill.ok) throw new Error(`flagship compare filling the throttle cache: ${fill.message}`);
    for (const [workers, cache] of [[1, 'none'], [2, 'none'], [1, 'warm']] as const) {
      const args = ['compare', 'scenarios/payments-maxreplicas.yaml', '--workers', String(workers), ...(cache === 'warm' ? ['--throttle-cache', cacheFile] : [])];
      const r = await measureCli(args, budget * 4, { json: true, env: { WHATIF_THROTTLE_CACHE: '' } });
      if (!r.ok) throw new Error(`flagship compare, ${workers} worker(s), ${cache} throttle cache: ${r.message}`);
      rows.push({ workers, cache, cpuSeconds: r.measured.cpuSeconds, wallSeconds: r.measured.wallSeconds, maxRssBytes: r.measured.maxRssBytes });
      log(`flagship compare, ${workers} worker(s), ${cache === 'warm' ? 'warm throttle cache' : 'no throttle cache'}: ${r.measured.cpuSeconds.toFixed(1)} CPU s, ${r.measured.wallSeconds.toFixed(1)} s wall`);
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  record.flagship = rows;
  console.log(`\nflagship compare (5 seeds x before/after x 24 h = 240 simulated hours): ${rows.map((r) => `${r.workers} worker(s)${r.cache === 'warm' ? ' with a warm --throttle-cache' : ''} ${r.cpuSeconds.toFixed(1)} CPU s (${((240 * 3600) / r.cpuSeconds).toFixed(0)}x real time per run), ${(r.maxRssBytes / 2 ** 20).toFixed(0)} MiB`).join('; ')}`);
}
if (parts.has('sweep')) {
  const points = Number(opts['sweep-points'] ?? (quick ? 6 : 20));
  const duration = opts['sweep-duration'] ?? (quick ? '1h' : '2h');
  const rounds = Number(opts['sweep-rounds'] ?? 1);
  const s = await sweepScaling({ points, duration, rounds, budgetSeconds: budget * 4, log });
  record.sweep = s;
  console.log(`\nsweep scaling (flagship, ${points} points of ${duration}, ${rounds} round(s)): ${s.rows.map((r) => `${r.workers} worker(s) ${r.pointsPerSecond.toFixed(2)} points/s`).join(', ')}; speed-up of the medians ${s.speedup?.toFixed(2) ?? 'n/a'}${rounds > 1 ? ` (rounds ${s.roundSpeedups.map((x) => x.toFixed(2)).join(', ')})` : ''} (goal 1.8 on a quiet machine)`);
}
if (parts.has('allocation')) {
  // The CPU step's heap allocation per pod-step: the performance work asks for none.
  const cases = [
    { scenario: 'scenarios/payments-maxreplicas.yaml', hours: 14, steps: quick ? 5000 : 20000 },
    ...(quick ? [] : [{ scenario: 'bench/scale/scenarios/scale-1000-nodes.yaml', hours: 1, steps: 1500 }]),
  ];
  // WHATIF_BENCH_DIST=<copy of dist/> measures that build too, as the steady part does.
  const dists = ['dist', ...(process.env.WHATIF_BENCH_DIST ? [process.env.WHATIF_BENCH_DIST] : [])];
  const rows: StepAllocation[] = [];
  for (const dist of dists) rows.push(...(await stepAllocationBench({ dist, cases, log })));
  record.allocation = rows;
  console.log('\nCPU step allocation (bench/scale/step-allocation.mjs, arrivals varied each step; the goal is 0)\n');
  for (const r of rows) console.log(`  ${r.dist.padEnd(12)} ${r.scenario.padEnd(45)} ${String(r.bytesPerPodStep).padStart(6)} bytes per pod-step${r.top.length > 0 ? `: ${r.top.join('; ')}` : ''}`);
}
if (parts.has('steady')) {
  // Goal 2's simulation cost without the JIT's and the throttle cache's warm-up, and a before/after
  // comparison that a noisy host cannot tilt: the builds run in turn, in separate processes.
  const builds = [{ label: 'dist', dist: 'dist' }];
  if (process.env.WHATIF_BENCH_DIST) builds.push({ label: process.env.WHATIF_BENCH_DIST, dist: process.env.WHATIF_BENCH_DIST });
  const rows = await steadyBench({ builds, file: steadyScenario, config: 'after', hours: steadyHours, runs: steadyRuns, rounds: steadyRounds, seed: 42, log });
  record.steady = rows;
  console.log(`\nsteady (${steadyScenario} after, ${steadyHours} h, ${steadyRuns} runs per process, seeds 42..${41 + steadyRuns}, ${steadyRounds} process(es) per build in turn)\n`);
  for (const r of rows) {
    console.log(`  ${r.label.padEnd(24)} cold ${r.coldSeconds.map((c) => c.toFixed(2)).join(', ')} CPU s; warm fastest ${r.fastestWarmSeconds.toFixed(3)}, median ${r.medianWarmSeconds.toFixed(3)} of ${r.warmRuns}; ${r.monteCarloRuns} Monte Carlo runs per process`);
  }
}
const loadAfter = loadavg()[0]!;
record.loadAfter = loadAfter;
console.log(`\nload average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (${cpus().length} cores): above ${cpus().length - 1} the machine was busy and wall times are inflated`);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(record, null, 2)}\n`);
