/**
 * Runs a resolved node case for real: one cgroup per pod and container (with the case's shares,
 * quotas and bursts) under a top group that outweighs the rest of the machine, one load generator
 * process per container, kernel counters read at the window's start and end. Always removes its
 * cgroups and processes.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScheduleFor } from '../../src/models/cpu/fluid-schedule.js';
import { latencyPercentilesMs, round3 } from '../../src/models/cpu/latency-percentiles.js';
import type { NodeCase, NodeCaseContainer, NodeCaseResult } from '../../src/models/cpu/node-case.js';
import type { CgroupCounters, CgroupFs } from './cgroup-fs.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Compiles loadgen.c with the system C compiler; returns its path or why it failed. */
export function compileLoadgen(): { ok: true; path: string } | { ok: false; reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kube-whatif-cal-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'loadgen');
  const r = spawnSync('cc', ['-O2', '-pthread', '-o', out, join(here, 'loadgen.c')], { encoding: 'utf8' });
  if (r.error) return { ok: false, reason: `no C compiler (cc): ${r.error.message}` };
  if (r.status !== 0) return { ok: false, reason: `cc failed: ${r.stderr}` };
  return { ok: true, path: out };
}

/** Spec file text for one container (see loadgen.c); `nodeCpus` pins it to the case's node size. */
function specFor(c: NodeCaseContainer, durationSeconds: number, nodeCpus: readonly number[] | undefined): string {
  const l = c.load;
  const list = c.cpus ?? nodeCpus;
  const cpus = list ? `${list.length} ${list.join(' ')}` : '0';
  const s = loadScheduleFor(c, durationSeconds);
  switch (l.type) {
    case 'busy':
      return `busy ${durationSeconds} ${l.threads}\n${cpus}\n`;
    case 'idle':
      return `idle ${durationSeconds}\n${cpus}\n`;
    case 'periodic':
      return `periodic ${durationSeconds} ${l.threads} ${l.period_ms / 1000} ${l.busy_ms / 1000} ${Array.from(s.offsets!).join(' ')}\n${cpus}\n`;
    case 'poisson': {
      const lines = Array.from(s.arrivals!, (a, r) => `${a.toFixed(9)} ${s.cpuSeconds![r]!.toFixed(9)}`);
      return `poisson ${durationSeconds} ${l.workers} ${l.fanout} ${lines.length}\n${lines.join('\n')}\n${cpus}\n`;
    }
  }
}

interface Gen {
  proc: ChildProcessWithoutNullStreams;
  out: string;
  exited: Promise<number | null>;
}

function startGen(loadgen: string, specPath: string): Gen {
  return startProc(loadgen, [specPath]);
}

function startSampler(loadgen: string, startNs: bigint, seconds: number, files: string[]): Gen {
  return startProc(loadgen, ['--sample', String(startNs), String(seconds), ...files]);
}

/** Counters per cgroup at the two sample phases, from the sampler's output. */
function parseSamples(out: string, files: readonly string[][], fs: CgroupFs): [CgroupCounters[], CgroupCounters[]] {
  const blocks = new Map<string, string>();
  const parts = out.split(/^F (\d) (\d+)\n/m);
  for (let i = 1; i + 2 < parts.length; i += 3) blocks.set(`${parts[i]}:${parts[i + 1]}`, (parts[i + 2] ?? '').replace(/done\n?$/, ''));
  const phase = (p: number): CgroupCounters[] => {
    let k = 0;
    return files.map((fl) => fs.parseCounters(fl.map(() => blocks.get(`${p}:${k++}`) ?? '')));
  };
  return [phase(0), phase(1)];
}

function startProc(cmd: string, args: string[]): Gen {
  const proc = spawn(cmd, args, { stdio: 'pipe' });
  const g: Gen = { proc, out: '', exited: new Promise((res) => proc.on('exit', (code) => res(code))) };
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (d: string) => (g.out += d));
  return g;
}

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

const sleepUntilNs = async (ns: bigint): Promise<void> => {
  const ms = Number(ns - process.hrtime.bigint()) / 1e6;
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
};

/** Counters of every container cgroup over the window, plus the measured result. */
export interface RealRun {
  readonly result: NodeCaseResult;
  readonly counters: readonly CgroupCounters[];
  /** Cores used on the machine outside the case during the window (other processes, kernel). */
  readonly backgroundCores: number;
}

/** The text the sampler printed for file `index` at `phase`. */
function sampleBlock(out: string, phase: number, index: number): string {
  const head = `F ${phase} ${index}\n`;
  const at = out.indexOf(head);
  if (at < 0) return '';
  const rest = out.slice(at + head.length);
  const end = rest.search(/^(F \d \d+|done)$/m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Busy CPU-seconds of the whole machine from /proc/stat's "cpu" line (USER_HZ = 100). */
function procStatBusySeconds(stat: string): number {
  const m = /^cpu\s+(.*)$/m.exec(stat);
  if (!m) return 0;
  const v = m[1]!.trim().split(/\s+/).map(Number);
  const total = v.slice(0, 8).reduce((a, x) => a + x, 0);
  return (total - (v[3] ?? 0) - (v[4] ?? 0)) / 100;
}

/** Top-level cgroup weight: the case's groups must not compete with the rest of the machine. */
const topShares = 262144;

/** Runs `c` for real in cgroups of `fs`; `tag` keeps concurrent runs apart. */
export async function runNodeCaseReal(c: NodeCase, fs: CgroupFs, loadgen: string, tag = `${process.pid}`): Promise<RealRun> {
  const top = `kube-whatif-cal-${tag}`;
  const period = c.periodMicros;
  const podRel = (k: number): string => `${top}/pod-${k}-${c.pods[k]!.name}`;
  const rels = c.containers.map((k, i) => `${k.podIndex >= 0 ? podRel(k.podIndex) : top}/c${i}-${k.name}`);
  const machineCpus = availableParallelism();
  if (c.cores > machineCpus) throw new Error(`case ${c.name} needs ${c.cores} CPUs, this machine has ${machineCpus}`);
  // On a bigger machine, confine the case to CPUs 0..cores-1 so it sees a node of its size.
  const nodeCpus = c.cpus ?? (c.cores < machineCpus ? Array.from({ length: c.cores }, (_, k) => k) : undefined);
  const dir = mkdtempSync(join(tmpdir(), 'kube-whatif-cal-spec-'));
  const gens: Gen[] = [];
  const created: string[] = [];
  try {
    await fs.create(top, { shares: topShares, quotaMicros: -1, periodMicros: period, burstMicros: 0 });
    created.push(top);
    for (let k = 0; k < c.pods.length; k++) {
      await fs.create(podRel(k), { shares: c.pods[k]!.shares, quotaMicros: c.pods[k]!.quotaMicros, periodMicros: period, burstMicros: 0 });
      created.push(podRel(k));
    }
    for (let i = 0; i < c.containers.length; i++) {
      const k = c.containers[i]!;
      await fs.create(rels[i]!, { shares: k.shares, quotaMicros: k.quotaMicros, periodMicros: period, burstMicros: k.burstMicros });
      created.push(rels[i]!);
      const spec = join(dir, `c${i}.spec`);
      writeFileSync(spec, specFor(k, c.durationSeconds, nodeCpus));
      gens.push(startGen(loadgen, spec));
    }
    if (!(await waitFor(() => gens.every((g) => g.out.includes('ready')), 10_000))) throw new Error('load generators did not start');
    for (let i = 0; i < gens.length; i++) await fs.addProcess(rels[i]!, gens[i]!.proc.pid!);
    const start = process.hrtime.bigint() + 300_000_000n;
    // The counters are read by a SCHED_FIFO sampler at exactly start and start + duration: this
    // process sits in the root cgroup and is starved while the case runs.
    const files = rels.map((r) => fs.counterFiles(r));
    const sampler = startSampler(loadgen, start, c.durationSeconds, [...files.flat(), '/proc/stat']);
    gens.push(sampler);
    for (const g of gens) if (g !== sampler) g.proc.stdin.write(`go ${start}\n`);
    await sleepUntilNs(start + BigInt(Math.round(c.durationSeconds * 1e9)));
    const drained = await waitFor(() => gens.every((g) => g.out.includes('done')), 15_000);
    const [before, after] = parseSamples(sampler.out, files, fs);
    const statIndex = files.flat().length;
    const busy = (phase: number): number => procStatBusySeconds(sampleBlock(sampler.out, phase, statIndex));
    if (!drained) for (const g of gens) g.proc.kill('SIGKILL');
    const counters = after.map((a, i) => ({
      nrPeriods: a.nrPeriods - before[i]!.nrPeriods,
      nrThrottled: a.nrThrottled - before[i]!.nrThrottled,
      throttledSeconds: a.throttledSeconds - before[i]!.throttledSeconds,
      usageSeconds: a.usageSeconds - before[i]!.usageSeconds,
    }));
    const result: NodeCaseResult = {
      name: c.name,
      containers: c.containers.map((k, i) => {
        const cn = counters[i]!;
        const lats = [...gens[i]!.out.matchAll(/^lat (\S+)$/gm)].map((m) => Number(m[1]));
        return {
          name: k.name,
          cores_used: round3(cn.usageSeconds / c.durationSeconds),
          throttled_ratio: k.quotaMicros > 0 ? (cn.nrPeriods > 0 ? round3(cn.nrThrottled / cn.nrPeriods) : 0) : null,
          throttled_s: round3(cn.throttledSeconds),
          latency_ms: k.load.type === 'busy' || k.load.type === 'idle' ? null : latencyPercentilesMs(lats),
        };
      }),
    };
    const caseCores = counters.reduce((a, k) => a + k.usageSeconds, 0) / c.durationSeconds;
    const backgroundCores = round3(Math.max(0, (busy(1) - busy(0)) / c.durationSeconds - caseCores));
    return { result, counters, backgroundCores };
  } finally {
    for (const g of gens) if (g.proc.exitCode === null) g.proc.kill('SIGKILL');
    await Promise.all(gens.map((g) => g.exited));
    for (const rel of created.reverse()) await fs.remove(rel);
    rmSync(dir, { recursive: true, force: true });
  }
}
