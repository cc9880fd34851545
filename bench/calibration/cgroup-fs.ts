/**
 * Minimal cgroup access for calibration runs: create a tree with CPU weights and CFS quotas, move
 * processes in, read the kernel counters, remove it. cgroup v1 (`cpu` + `cpuacct`, possibly mounted
 * apart) or v2 (`cpu.weight`, `cpu.max`, `cpu.stat`).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Kernel counters of one cgroup. */
export interface CgroupCounters {
  nrPeriods: number;
  nrThrottled: number;
  /** Seconds, summed over CPUs. */
  throttledSeconds: number;
  /** CPU seconds used. */
  usageSeconds: number;
}

/** CPU settings written to one cgroup. */
export interface CgroupCpuSettings {
  shares: number;
  quotaMicros: number; // −1 = none
  periodMicros: number;
  burstMicros: number;
}

/** A cgroup hierarchy flavour. */
export interface CgroupFs {
  readonly version: 1 | 2;
  /** Directories of relative path `rel` (one per mounted controller). */
  dirs(rel: string): string[];
  create(rel: string, s: CgroupCpuSettings): Promise<void>;
  addProcess(rel: string, pid: number): Promise<void>;
  read(rel: string): Promise<CgroupCounters>;
  /** Files whose contents give the counters of `rel` (for an external sampler). */
  counterFiles(rel: string): string[];
  /** Counters from the contents of counterFiles(rel), in the same order. */
  parseCounters(contents: readonly string[]): CgroupCounters;
  remove(rel: string): Promise<void>;
}

const V1_CPU = '/sys/fs/cgroup/cpu';
const V1_CPUACCT = '/sys/fs/cgroup/cpuacct';
const V2 = '/sys/fs/cgroup';

function statField(text: string, key: string): number {
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

async function tryRemove(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      if (existsSync(dir)) await rmdir(dir);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100)); // tasks may still be exiting
    }
  }
}

const v1: CgroupFs = {
  version: 1,
  // cpuacct may be co-mounted with cpu (then the cpu dir has cpuacct.usage) or mounted apart.
  dirs: (rel) => (existsSync(join(V1_CPU, 'cpuacct.usage')) || !existsSync(V1_CPUACCT) ? [join(V1_CPU, rel)] : [join(V1_CPU, rel), join(V1_CPUACCT, rel)]),
  async create(rel, s) {
    for (const d of this.dirs(rel)) await mkdir(d, { recursive: true });
    const d = join(V1_CPU, rel);
    await writeFile(join(d, 'cpu.shares'), String(s.shares));
    await writeFile(join(d, 'cpu.cfs_period_us'), String(s.periodMicros));
    await writeFile(join(d, 'cpu.cfs_quota_us'), String(s.quotaMicros));
    if (existsSync(join(d, 'cpu.cfs_burst_us'))) await writeFile(join(d, 'cpu.cfs_burst_us'), String(s.quotaMicros > 0 ? s.burstMicros : 0));
  },
  async addProcess(rel, pid) {
    for (const d of this.dirs(rel)) await writeFile(join(d, 'cgroup.procs'), String(pid));
  },
  async read(rel) {
    return this.parseCounters(await Promise.all(this.counterFiles(rel).map((f) => readFile(f, 'utf8'))));
  },
  counterFiles(rel) {
    return [join(V1_CPU, rel, 'cpu.stat'), join(this.dirs(rel).at(-1)!, 'cpuacct.usage')];
  },
  parseCounters([stat = '', usage = '']) {
    return {
      nrPeriods: statField(stat, 'nr_periods'),
      nrThrottled: statField(stat, 'nr_throttled'),
      throttledSeconds: statField(stat, 'throttled_time') / 1e9,
      usageSeconds: Number(usage.trim()) / 1e9,
    };
  },
  async remove(rel) {
    for (const d of this.dirs(rel)) await tryRemove(d);
  },
};

const v2: CgroupFs = {
  version: 2,
  dirs: (rel) => [join(V2, rel)],
  async create(rel, s) {
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const d = join(V2, ...parts.slice(0, i));
      await mkdir(d, { recursive: true });
      // children of d need the cpu controller enabled in d's parent chain
      const parent = join(V2, ...parts.slice(0, i - 1));
      await writeFile(join(parent, 'cgroup.subtree_control'), '+cpu').catch(() => undefined);
    }
    const d = join(V2, rel);
    // Proportional weight (1024 shares = 100) keeps the share ratios the model uses.
    await writeFile(join(d, 'cpu.weight'), String(Math.max(1, Math.min(10000, Math.round((s.shares * 100) / 1024)))));
    await writeFile(join(d, 'cpu.max'), `${s.quotaMicros > 0 ? s.quotaMicros : 'max'} ${s.periodMicros}`);
    if (s.quotaMicros > 0 && s.burstMicros > 0) await writeFile(join(d, 'cpu.max.burst'), String(s.burstMicros));
  },
  async addProcess(rel, pid) {
    await writeFile(join(V2, rel, 'cgroup.procs'), String(pid));
  },
  async read(rel) {
    return this.parseCounters([await readFile(join(V2, rel, 'cpu.stat'), 'utf8')]);
  },
  counterFiles(rel) {
    return [join(V2, rel, 'cpu.stat')];
  },
  parseCounters([stat = '']) {
    return {
      nrPeriods: statField(stat, 'nr_periods'),
      nrThrottled: statField(stat, 'nr_throttled'),
      throttledSeconds: statField(stat, 'throttled_usec') / 1e6,
      usageSeconds: statField(stat, 'usage_usec') / 1e6,
    };
  },
  async remove(rel) {
    await tryRemove(join(V2, rel));
  },
};

/**
 * The writable cgroup CPU hierarchy on this machine, or a reason why there is none. Probes by
 * creating and removing a test group.
 */
export async function detectCgroupFs(): Promise<{ ok: true; fs: CgroupFs } | { ok: false; reason: string }> {
  const probe = `kube-whatif-cal-probe-${process.pid}`;
  const reasons: string[] = [];
  if (existsSync(join(V1_CPU, 'cpu.shares'))) {
    try {
      await mkdir(join(V1_CPU, probe));
      await rmdir(join(V1_CPU, probe));
      return { ok: true, fs: v1 };
    } catch (e) {
      reasons.push(`cgroup v1 ${V1_CPU} not writable (${(e as Error).message})`);
    }
  } else reasons.push(`no cgroup v1 cpu controller at ${V1_CPU}`);
  try {
    const controllers = await readFile(join(V2, 'cgroup.controllers'), 'utf8');
    if (!/\bcpu\b/.test(controllers)) throw new Error('cpu controller not available in cgroup v2 root');
    await mkdir(join(V2, probe));
    await rmdir(join(V2, probe));
    return { ok: true, fs: v2 };
  } catch (e) {
    reasons.push(`cgroup v2 ${V2} not usable (${(e as Error).message})`);
  }
  return { ok: false, reason: reasons.join('; ') };
}
