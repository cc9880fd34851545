import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureCli } from './measure.js';

export interface SweepScaling {
  readonly points: number;
  readonly rows: { readonly workers: number; readonly wallSeconds: number; readonly cpuSeconds: number; readonly pointsPerSecond: number }[];
  /** Points per second with 2 workers over 1; the goal is at least 1.8 on a quiet 2-core machine. */
  readonly speedup: number | null;
}

/**
 * `whatif sweep` over `points` values of the flagship's payments maxReplicas with 1 and with 2
 * worker threads: points per second of each, and whether both wrote the same JSON (a speed-up that
 * changes answers would not count).
 */
export async function sweepScaling(opts: { points: number; duration: string; budgetSeconds: number; scenario?: string; log?: (line: string) => void }): Promise<SweepScaling> {
  const scenario = opts.scenario ?? 'scenarios/payments-maxreplicas.yaml';
  const dir = mkdtempSync(join(tmpdir(), 'whatif-sweep-scaling-'));
  const rows: SweepScaling['rows'][number][] = [];
  const outputs: string[] = [];
  try {
    for (const workers of [1, 2]) {
      const json = join(dir, `w${workers}.json`);
      const args = ['sweep', scenario, '--param', `workloads.payments.hpa.maxReplicas=10..${9 + opts.points}`, '--duration', opts.duration, '--workers', String(workers), '--json', json, '--rows', '0'];
      const r = await measureCli(args, opts.budgetSeconds);
      if (!r.ok) throw new Error(`sweep with ${workers} worker(s): ${r.message}`);
      const text = readFileSync(json, 'utf8');
      const parsed = JSON.parse(text) as { points: { status: string }[]; complete: boolean };
      if (!parsed.complete || parsed.points.length !== opts.points || parsed.points.some((p) => p.status !== 'ok')) throw new Error(`sweep with ${workers} worker(s): not every point finished ok`);
      outputs.push(text);
      const row = { workers, wallSeconds: r.measured.wallSeconds, cpuSeconds: r.measured.cpuSeconds, pointsPerSecond: opts.points / r.measured.wallSeconds };
      opts.log?.(`sweep ${opts.points} points x ${opts.duration}, ${workers} worker(s): ${row.wallSeconds.toFixed(1)} s wall, ${row.cpuSeconds.toFixed(1)} CPU s, ${row.pointsPerSecond.toFixed(2)} points/s`);
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (outputs[0] !== outputs[1]) throw new Error('sweep JSON differs between 1 and 2 workers');
  return { points: opts.points, rows, speedup: rows.length === 2 ? rows[1]!.pointsPerSecond / rows[0]!.pointsPerSecond : null };
}
