import { runNodeScript } from './run-node-script.js';
import { fileURLToPath } from 'node:url';

/** A build to measure: a label and its compiled `dist/` directory. */
export interface SteadyBuild {
  readonly label: string;
  readonly dist: string;
}

/** What one process of one build measured: each run's CPU seconds and Monte Carlo runs so far. */
export interface SteadyProcess {
  readonly cpuSeconds: readonly number[];
  readonly monteCarloRuns: readonly number[];
}

/** One build's runs over every round. */
export interface SteadySummary {
  readonly label: string;
  /** The first run of each process: JIT warm-up and an empty throttle cache. */
  readonly coldSeconds: readonly number[];
  /** Every later run of every process. */
  readonly fastestWarmSeconds: number;
  readonly medianWarmSeconds: number;
  readonly warmRuns: number;
  /** Monte Carlo runs in a whole process (the same in every round: they depend on the keys alone). */
  readonly monteCarloRuns: number;
}

const CHILD = fileURLToPath(new URL('./steady-child.mjs', import.meta.url));

/**
 * The flagship (or any scenario) run `runs` times in one process, for each build in turn, `rounds`
 * times over: the warm runs show the simulation's own cost without the JIT's and the throttle
 * cache's warm-up, and taking the builds in turn spreads a noisy host's slow spells over both.
 */
export async function steadyBench(options: {
  builds: readonly SteadyBuild[];
  file: string;
  config: 'before' | 'after';
  hours: number;
  runs: number;
  rounds: number;
  seed: number;
  log?: (line: string) => void;
}): Promise<SteadySummary[]> {
  const measured = new Map<string, SteadyProcess[]>(options.builds.map((b) => [b.label, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const build of options.builds) {
      const p = await runChild(build.dist, options);
      measured.get(build.label)!.push(p);
      options.log?.(`steady ${build.label} round ${round + 1}: ${p.cpuSeconds.map((s) => s.toFixed(2)).join(' ')} CPU s`);
    }
  }
  return options.builds.map((b) => summarizeSteady(b.label, measured.get(b.label)!));
}

/** Cold runs, the fastest and the median warm run, over the processes of one build. */
export function summarizeSteady(label: string, processes: readonly SteadyProcess[]): SteadySummary {
  const warm = processes.flatMap((p) => p.cpuSeconds.slice(1)).sort((a, b) => a - b);
  const mid = warm.length >> 1;
  return {
    label,
    coldSeconds: processes.map((p) => p.cpuSeconds[0]!),
    fastestWarmSeconds: warm.length > 0 ? warm[0]! : NaN,
    medianWarmSeconds: warm.length === 0 ? NaN : warm.length % 2 === 1 ? warm[mid]! : (warm[mid - 1]! + warm[mid]!) / 2,
    warmRuns: warm.length,
    monteCarloRuns: processes[0]?.monteCarloRuns.at(-1) ?? 0,
  };
}

async function runChild(dist: string, o: { file: string; config: string; hours: number; runs: number; seed: number }): Promise<SteadyProcess> {
  return JSON.parse(await runNodeScript(CHILD, [dist, o.file, o.config, String(o.hours), String(o.runs), String(o.seed)])) as SteadyProcess;
}
