/**
 * How busy the machine is apart from the calibration, from /proc/stat (proc(5)): the jiffies each
 * CPU spent in every state. Busy = everything but idle and iowait. The calibration samples it for
 * a moment before (and after) each kernel run, when the test itself is idle, so what it sees is the
 * other load that would take CPU time from the measured cgroups.
 */
import { readFileSync } from 'node:fs';

/** Total and idle jiffies of all CPUs together, and how many CPUs there are. */
export interface CpuTimes {
  readonly total: number;
  readonly idle: number;
  readonly cpus: number;
}

/** Parses /proc/stat: the aggregate `cpu` line, and the count of `cpuN` lines. */
export function parseProcStat(text: string): CpuTimes | null {
  const lines = text.split('\n');
  const all = lines.find((l) => /^cpu\s/.test(l));
  if (!all) return null;
  // user nice system idle iowait irq softirq steal (guest time is already in user and nice).
  const f = all.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 5 || f.some((x) => !Number.isFinite(x))) return null;
  const total = f.reduce((a, b) => a + b, 0);
  const idle = f[3]! + f[4]!;
  return { total, idle, cpus: lines.filter((l) => /^cpu\d+\s/.test(l)).length };
}

/** Busy CPUs (in cores) between two samples: 1.0 = one core fully used by something. */
export function busyCores(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return ((total - (after.idle - before.idle)) / total) * after.cpus;
}

/** More other load than this (in cores) disturbs the measured shares, throttling and latencies. */
export const QUIET_MAX_BUSY_CORES = 0.2;

/** Samples /proc/stat over `ms` milliseconds; null where there is no /proc/stat. */
export async function otherLoadCores(ms = 1000): Promise<number | null> {
  const read = () => {
    try {
      return parseProcStat(readFileSync('/proc/stat', 'utf8'));
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return a && b ? busyCores(a, b) : null;
}
