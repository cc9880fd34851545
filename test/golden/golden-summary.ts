/**
 * The golden summary of a shipped scenario file: a few numbers of one seed that pin what the file
 * produces, so that no scenario in scenarios/ silently breaks (stops loading) or drifts (gives
 * other numbers). Same file and seed give the same bytes, so the comparison is exact.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { loadNodeCase } from '../../src/scenario/node-case-load.js';
import { formatProblem } from '../../src/scenario/problem.js';
import { predictNodeCase } from '../../src/models/cpu/predict-node-case.js';
import { compareLoaded } from '../../src/cli/commands/compare.js';
import { validateAssertion } from '../../src/cli/validate-assertion.js';
import type { CommandIo } from '../../src/cli/io.js';
import type { MetricComparison } from '../../src/report/comparison.js';

const quiet: CommandIo = { stdout: () => {}, stderr: () => {}, stdoutIsTty: false, stderrIsTty: false, env: {} };

/**
 * Scenarios run for their first 14 simulated hours at most: every shipped load peaks between 09:00
 * and 14:00, so the scale-up, the peak and its throttling are in the summary, at about half the
 * time of a full day (the suite runs on two cores).
 */
export const goldenMaxDuration = '14h';
const goldenMaxDurationMs = 14 * 3600_000;

/** The workload metrics a golden summary keeps (names as in assertions). */
const workloadMetrics = ['replicas.mean', 'replicas.peak', 'throttledRatio.p95', 'latency.p99', 'slo.violationMinutes', 'requests.droppedRatio'];

/** Every scenario file under `dir` (YAML with kind Scenario, JSON node cases), sorted, relative to `root`. */
export function scenarioFiles(root: string, dir = 'scenarios'): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(join(root, d), { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'charts') walk(p);
      } else if (isScenarioFile(p)) out.push(relative(root, join(root, p)));
    }
  };
  walk(dir);
  return out.sort();
}

function isScenarioFile(p: string): boolean {
  if (p.includes('/node-cases/')) return p.endsWith('.json');
  // A folder scenario is its scenario.yaml; the other files beside it are its inputs.
  const depth = p.split('/').length;
  return depth === 2 ? /\.ya?ml$/.test(p) : /\/scenario\.ya?ml$/.test(p);
}

/** Golden file name for a scenario path: `scenarios/a/b.yaml` -> `a--b.json`. */
export function goldenName(file: string): string {
  return `${file.replace(/^scenarios\//, '').replace(/\.(ya?ml|json)$/, '').replaceAll('/', '--')}.json`;
}

/** The summary of one file: a compare of one seed (scenarios) or the fluid model's result (node cases). */
export async function goldenSummary(file: string): Promise<unknown> {
  if (file.includes('/node-cases/')) {
    const loaded = await loadNodeCase(file);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    return { file, kind: 'NodeCase', result: predictNodeCase(loaded.value) };
  }
  let loaded = loadScenario(file, { validateAssertion });
  if (loaded.ok && loaded.value.before.durationMs > goldenMaxDurationMs) {
    loaded = loadScenario(file, { validateAssertion, specPatches: [{ duration: goldenMaxDuration }] });
  }
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  if (!loaded.value.after) throw new Error(`${file}: no spec.change; a golden summary compares before and after`);
  const r = await compareLoaded(loaded.value, { seeds: 1, workers: 1 }, quiet);
  const pair = (m: MetricComparison | undefined) => ({ before: m?.before ?? null, after: m?.after ?? null });
  return {
    file,
    kind: 'Scenario',
    seed: r.scenario.seeds[0],
    durationMs: r.scenario.durationMs,
    change: r.change.description,
    verdict: r.verdict,
    cluster: Object.fromEntries(['cost.monthly', 'nodes.peak', 'nodes.mean'].map((m) => [m, pair(r.cluster[m])])),
    workloads: Object.fromEntries(
      Object.entries(r.workloads).map(([w, ms]) => [w, Object.fromEntries(workloadMetrics.map((m) => [m, pair(ms[m])]))]),
    ),
    blastRadius: r.blastRadius.map((b) => b.workload),
    assertions: r.assertions.map((a) => ({ text: a.text, pass: a.pass, measured: a.measured })),
  };
}
