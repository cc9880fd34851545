import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureCli } from './measure.js';

export interface SweepScaling {
  readonly points: number;
  /** Every measurement, in the order taken: 1 worker then 2 in each round. */
  readonly rows: { readonly round: number; readonly workers: number; readonly wallSeconds: number; readonly cpuSeconds: number; readonly pointsPerSecond: number }[];
  /**
   * The median points per second with 2 workers over the median with 1; the goal is at least
   * 1.8 on a quiet 2-core machine.
   */
  readonly speedup: number | null;
  /** Each round's own speed-up: their spread shows how much of a difference is the host's noise. */
  readonly roundSpeedups: number[];
}

/**
 * `whatif sweep` over `points` values of the flagship's payments maxReplicas with 1 and with 2
 * worker threads, `rounds` times in turn (so a slow spell of a shared host falls on both): points
 * per second of each, and whether every run wrote the same JSON (a speed-up that changes answers
 * would not count).
 */
export async function sweepScaling(opts: { points: number; duration: string; budgetSeconds: number; rounds?: number; scenario?: string; log?: (line: string) => void }): Promise<SweepScaling> {
  const scenario = opts.scenario ?? 'scenarios/payments-maxreplicas.yaml';
  const dir = mkdtempSync(join(tmpdir(), 'whatif-sweep-scaling-'));
  const rows: SweepScaling['rows'][number][] = [];
  const outputs: string[] = [];
  try {
    for (let round = 1; round <= (opts.rounds ?? 1); round++) {
      for (const workers of [1, 2]) {
        const json = join(dir, `r${round}w${workers}.json`);
        const args = ['sweep', scenario, '--param', `workloads.payments.hpa.maxReplicas=10..${9 + opts.points}`, '--duration', opts.duration, '--workers', String(workers), '--json', json, '--rows', '0'];
        const r = await measureCli(args, opts.budgetSeconds);
        if (!r.ok) throw new Error(`sweep with ${workers} worker(s): ${r.message}`);
        const text = readFileSync(json, 'utf8');
        const parsed = JSON.parse(text) as { points: { status: string }[]; complete: boolean };
        if (!parsed.complete || parsed.points.length !== opts.points || parsed.points.some((p) => p.status !== 'ok')) throw new Error(`sweep with ${workers} worker(s): not every point finished ok`);
        outputs.push(text);
        const row = { round, workers, wallSeconds: r.measured.wallSeconds, cpuSeconds: r.measured.cpuSeconds, pointsPerSecond: opts.points / r.measured.wallSeconds };
        opts.log?.(`sweep ${opts.points} points x ${opts.duration}, round ${round}, ${workers} worker(s): ${row.wallSeconds.toFixed(1)} s wall, ${row.cpuSeconds.toFixed(1)} CPU s, ${row.pointsPerSecond.toFixed(2)} points/s`);
        rows.push(row);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (outputs.some((o) => o !== outputs[0])) throw new Error('sweep JSON differs between runs (1 and 2 workers, or rounds)');
  const rate = (workers: number): number[] => rows.filter((r) => r.workers === workers).map((r) => r.pointsPerSecond);
  const one = median(rate(1));
  const two = median(rate(2));
  const roundSpeedups = rate(2).map((r, i) => r / rate(1)[i]!);
  return { points: opts.points, rows, speedup: one !== null && two !== null ? two / one : null, roundSpeedups };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
