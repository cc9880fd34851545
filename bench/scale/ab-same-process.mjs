// Two builds of the simulator in one process, timed in turn: whole runs, or the CPU step alone.
// A noisy host slows both alike when their turns alternate every second or so, which separate
// processes (the steady part) cannot promise. Plain JavaScript, so it can load a copy of dist/
// taken before a change. Prints the median ratio B/A of CPU time and the range over the pairs;
// a pair whose two runs print different JSON lengths is reported (the builds disagree).
//
//   node bench/scale/ab-same-process.mjs <distA> <distB> [scenario] [hours] [pairs] [mode]
//
// mode `runs` (default): whole runSimulation calls of the scenario's before and after in turn,
// seeds 42 on, after four warm-up runs per build. Mode `step`: builds the `after` cluster by
// running `hours`, then times blocks of 40 CPU steps with every workload's arrivals varied by up to
// 10 % each step (bench/scale/cpu-step-harness.mjs, as step-allocation.mjs does). Defaults: scenarios/payments-maxreplicas.yaml,
// 24, 8 pairs, runs.
import { arrivalFactors, cpuStepHarness, loadBuild } from './cpu-step-harness.mjs';

const [distA, distB, file = 'scenarios/payments-maxreplicas.yaml', hours = '24', pairsArg = '8', mode = 'runs'] = process.argv.slice(2);
if (!distA || !distB || !['runs', 'step'].includes(mode)) {
  process.stderr.write('usage: node bench/scale/ab-same-process.mjs <distA> <distB> [scenario] [hours] [pairs] [runs|step]\n');
  process.exit(2);
}
const durationMs = Number(hours) * 3_600_000;
const stepBlock = 40;

async function build(dist) {
  if (mode === 'step') {
    const { step, vary, workloads } = await cpuStepHarness(dist, file, hours);
    // Each build is called 4 times to warm up, then once per pair and turn.
    const factors = arrivalFactors((4 + Number(pairsArg) * 2) * stepBlock, workloads);
    let i = 0;
    return () => {
      for (let j = 0; j < stepBlock; j++) {
        vary(factors, i++);
        step.step(0);
      }
      return 0;
    };
  }
  const { loaded, runSimulation } = await loadBuild(dist, file);
  const configs = [loaded.value.before, loaded.value.after ?? loaded.value.before];
  let k = 0;
  return () => {
    const config = configs[k % 2];
    const seed = 42 + (k++ >> 1);
    return JSON.stringify(runSimulation({ ...config, durationMs }, seed)).length;
  };
}

const a = await build(distA);
const b = await build(distB);
for (let i = 0; i < 4; i++) {
  a();
  b();
}
const timed = (f) => {
  const t0 = process.cpuUsage();
  const length = f();
  const u = process.cpuUsage(t0);
  return { ms: (u.user + u.system) / 1000, length };
};
const ratios = [];
const msA = [];
const msB = [];
for (let r = 0; r < Number(pairsArg) * 2; r++) {
  // Which build goes first alternates too.
  const [first, second] = r % 2 ? [b, a] : [a, b];
  const x = timed(first);
  const y = timed(second);
  const [ta, tb] = r % 2 ? [y, x] : [x, y];
  if (ta.length !== tb.length) console.log(`pair ${r}: the builds print ${ta.length} and ${tb.length} characters`);
  msA.push(ta.ms);
  msB.push(tb.ms);
  ratios.push(tb.ms / ta.ms);
}
const median = (xs) => xs.slice().sort((p, q) => p - q)[xs.length >> 1];
const what = mode === 'runs' ? `whole ${hours} h runs` : `blocks of ${stepBlock} CPU steps`;
console.log(
  `${file}, ${what}: A ${median(msA).toFixed(0)} ms, B ${median(msB).toFixed(0)} ms (medians); ` +
    `B/A median ${median(ratios).toFixed(3)}, range ${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)} over ${ratios.length} pairs`,
);
