/**
 * Sweep benchmarks on the flagship scenario, through the built CLI (`npm run build` first):
 *   speed-up  the same points with --workers 1 and --workers 2 (and the same JSON bytes);
 *   scale     100 vs 1,000 points with every worker: seconds per point must not grow.
 * Run: node --import tsx bench/sweep/sweep-bench.ts [--duration 2h] [--small 100] [--large 1000] [--repeat 2] [--skip-speedup] [--skip-large]
 * The machine is shared: each run also records the CPU the rest of the machine used meanwhile
 * (from /proc/stat), since a speed-up needs the cores to be free.
 * Prints a Markdown section for bench/sweep/RESULTS.md. Like every bench here it checks its result:
 * the worker counts must agree byte for byte and every point must be ok.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const duration = flag('duration', '2h');
const small = Number(flag('small', '100'));
const large = Number(flag('large', '1000'));
const scenario = flag('scenario', 'scenarios/payments-maxreplicas.yaml');
const repeat = Number(flag('repeat', '2'));
const ticksPerSecond = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim());
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'whatif-sweep-bench-'));

const MAX_REPLICAS = 'workloads.payments.hpa.maxReplicas';
const TARGET = 'workloads.payments.hpa.metrics.0.resource.target.averageUtilization';

/**
 * A grid of `n` points (n = 100 or 1,000) over the same ranges, maxReplicas 10..59 and target
 * utilization 50..69 %, so that 100 points are a thinned copy of the 1,000 and cost the same per
 * point on average.
 */
function grid(n: number): string[] {
  if (n === 1000) return ['--param', `${MAX_REPLICAS}=10..59`, '--param', `${TARGET}=50..69`];
  if (n === 100) return ['--param', `${MAX_REPLICAS}=10..59:5`, '--param', `${TARGET}=50..69:2`];
  throw new Error('--small and --large must be 100 or 1000');
}

interface Timed {
  readonly label: string;
  readonly points: number;
  readonly workers: number;
  readonly seconds: number;
  readonly json: string;
  /** CPU seconds of the sweep process (all threads). */
  readonly cpu: number;
  /** Cores the rest of the machine kept busy during the run, on average. */
  readonly others: number;
}

/** Busy CPU seconds of the whole machine so far (/proc/stat, every CPU). */
function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const busy = fields.slice(0, 8).reduce((a, b) => a + b, 0) - fields[3]! - fields[4]!;
  return busy / ticksPerSecond;
}

function sweep(label: string, n: number, workers: number): Timed {
  const json = join(dir, `${label}.json`);
  const busyBefore = machineBusySeconds();
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['dist/cli/main.js', 'sweep', scenario, ...grid(n), '--duration', duration, '--workers', String(workers), '--json', json, '--rows', '0'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label}: exit ${r.status}\n${r.stderr}`);
  const result = JSON.parse(readFileSync(json, 'utf8')) as { points: { status: string }[]; complete: boolean };
  if (!result.complete || result.points.length !== n || result.points.some((p) => p.status !== 'ok')) throw new Error(`${label}: not every point finished ok`);
  const summary = r.stderr.trim().split('\n').at(-1) ?? '';
  const cpu = Number(/process CPU ([\d.]+) s/.exec(summary)?.[1] ?? NaN);
  const others = Math.max(0, (machineBusySeconds() - busyBefore - cpu) / seconds);
  process.stderr.write(`${label}: ${n} points, ${workers} worker(s): ${seconds.toFixed(1)} s, others ${others.toFixed(2)} cores; ${summary}\n`);
  return { label, points: n, workers, seconds, json, cpu, others };
}

const rows: Timed[] = [];
if (!args.includes('--skip-speedup')) {
  // Interleaved, so that a change in the machine's other load hits both worker counts alike.
  for (let i = 1; i <= repeat; i++) {
    const one = sweep(`speedup-1 #${i}`, small, 1);
    const all = sweep(`speedup-${cores} #${i}`, small, cores);
    if (readFileSync(one.json, 'utf8') !== readFileSync(all.json, 'utf8')) throw new Error(`--workers 1 and --workers ${cores} wrote different JSON`);
    rows.push(one, all);
  }
}
if (!args.includes('--skip-large')) {
  if (!rows.some((r) => r.points === small && r.workers === cores)) rows.push(sweep('scale-small', small, cores));
  rows.push(sweep('scale-large', large, cores));
}

const sh = (cmd: string): string => execSync(cmd, { encoding: 'utf8' }).trim();
const out: string[] = [];
out.push(`Measured ${sh('date -u "+%Y-%m-%d %H:%M UTC"')} on nproc ${sh('nproc')}, kernel ${sh('uname -r')}, node ${process.version}.`);
out.push(`Scenario ${scenario} with --duration ${duration}; grid over maxReplicas x target utilization; one seed; wall time of the whole command (planning, baseline, points, JSON).`);
out.push('');
out.push('| run | points | workers | wall s | points/s | wall s per point | process CPU s | CPU s per point | other processes (cores busy) |');
out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  out.push(`| ${r.label} | ${r.points} | ${r.workers} | ${r.seconds.toFixed(1)} | ${(r.points / r.seconds).toFixed(2)} | ${(r.seconds / r.points).toFixed(3)} | ${r.cpu.toFixed(1)} | ${(r.cpu / r.points).toFixed(3)} | ${r.others.toFixed(2)} |`);
}
// The least disturbed run of each kind: other processes only ever slow a run down.
const best = (xs: readonly Timed[]): Timed => xs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const ones = rows.filter((r) => r.label.startsWith('speedup-1 '));
const alls = rows.filter((r) => r.label.startsWith(`speedup-${cores} `));
if (ones.length && alls.length) {
  out.push('', `Speed-up ${cores} workers vs 1 (best of ${ones.length} interleaved runs each): ${(best(ones).seconds / best(alls).seconds).toFixed(2)}x; every pair wrote identical JSON.`);
}
const smalls = rows.filter((r) => r.points === small && r.workers === cores);
const lg = rows.find((r) => r.label === 'scale-large');
if (smalls.length && lg) {
  const wall = mean(smalls.map((r) => r.seconds / r.points));
  const cpu = mean(smalls.map((r) => r.cpu / r.points));
  out.push(`Per point on ${cores} workers, ${large} vs ${small} points (mean of the ${small}-point runs): wall ${(lg.seconds / lg.points).toFixed(3)} vs ${wall.toFixed(3)} s, CPU ${(lg.cpu / lg.points).toFixed(3)} vs ${cpu.toFixed(3)} s.`);
}
console.log(out.join('\n'));
