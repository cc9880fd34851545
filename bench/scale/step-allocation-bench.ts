import { fileURLToPath } from 'node:url';
import { runNodeScript } from './run-node-script.js';

/**
 * The CPU step's heap allocation per pod-step (`step-allocation.mjs`, V8's sampling heap
 * profiler), for `npm run bench`: the performance work's "no allocation per pod per step". A
 * property of the compiled code, not of timing, but it depends on what V8 inlines, so it is a
 * bench and not a test.
 */
export interface StepAllocation {
  /** The build measured (a `dist/` directory). */
  readonly dist: string;
  readonly scenario: string;
  readonly hours: number;
  readonly steps: number;
  readonly pods: number;
  readonly bytesPerPodStep: number;
  /** Where most of it was allocated, largest first ("12.3 MB  fn file:line"). */
  readonly top: readonly string[];
}

const SCRIPT = fileURLToPath(new URL('./step-allocation.mjs', import.meta.url));

/** The numbers in one `step-allocation.mjs` report, or null when it is not one. */
export function parseStepAllocation(report: string): Pick<StepAllocation, 'steps' | 'pods' | 'bytesPerPodStep' | 'top'> | null {
  const lines = report.split('\n');
  const m = /then (\d+) CPU steps of (\d+) pods: [\d.]+ MB sampled, ([\d.]+) bytes per pod-step$/.exec(lines[0]?.trim() ?? '');
  if (!m) return null;
  const top = lines
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => /^[\d.]+ MB /.test(l) && !l.startsWith('0.0 MB'));
  return { steps: Number(m[1]), pods: Number(m[2]), bytesPerPodStep: Number(m[3]), top };
}

/** Runs `step-allocation.mjs` on `dist` for each case, one child process each. */
export async function stepAllocationBench(o: { dist: string; cases: readonly { scenario: string; hours: number; steps: number }[]; log?: (line: string) => void }): Promise<StepAllocation[]> {
  const out: StepAllocation[] = [];
  for (const c of o.cases) {
    const report = await runNodeScript(SCRIPT, [o.dist, c.scenario, String(c.hours), String(c.steps)]);
    const parsed = parseStepAllocation(report);
    if (parsed === null) throw new Error(`step-allocation.mjs on ${c.scenario}: no report in its output:\n${report.slice(0, 500)}`);
    const row = { dist: o.dist, scenario: c.scenario, hours: c.hours, ...parsed };
    o.log?.(`step allocation, ${o.dist}, ${c.scenario} after ${c.hours} h: ${row.bytesPerPodStep} bytes per pod-step over ${row.steps} steps of ${row.pods} pods`);
    out.push(row);
  }
  return out;
}
