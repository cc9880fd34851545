import type { Scenario } from '../scenario/types.js';
import { fitWorkload, type FitOptions, type WorkloadFit } from './fit-workload.js';
import type { Recordings } from './recording.js';

/** Everything `whatif calibrate` found: one fit per recorded workload of the scenario. */
export interface Calibration {
  readonly kind: 'Calibration';
  readonly schemaVersion: 1;
  readonly scenario: string;
  readonly recordings: string;
  readonly fits: readonly WorkloadFit[];
  /** The scenario's values before calibration, to show what changes. */
  readonly current: Readonly<Record<string, { readonly cpuPerRequestMs: number; readonly idleCpuMilli: number; readonly cpuPerRequestCv: number }>>;
  readonly notes: readonly string[];
}

/** Fits every recorded workload that the scenario has; recorded workloads it lacks are noted. Pure. */
export function calibrateRecordings(scenario: Scenario, recordings: Recordings, names: { scenario: string; recordings: string }, options: FitOptions = {}): Calibration {
  const notes = [...recordings.notes];
  const fits: WorkloadFit[] = [];
  const current: Record<string, { cpuPerRequestMs: number; idleCpuMilli: number; cpuPerRequestCv: number }> = {};
  for (const rec of recordings.workloads) {
    const w = scenario.workloads.find((x) => x.name === rec.workload);
    if (!w) {
      notes.push(`${rec.workload}: recorded but not a workload of the scenario; skipped`);
      continue;
    }
    current[w.name] = { cpuPerRequestMs: w.cpuPerRequestMs, idleCpuMilli: w.idleCpuMilli, cpuPerRequestCv: w.cpuPerRequestCv };
    const limitCores = w.limits.cpuMilli === null ? Infinity : w.limits.cpuMilli / 1000;
    fits.push(fitWorkload(rec, { ...options, workerThreads: w.workerThreads, fallbackCpuPerRequestMs: w.cpuPerRequestMs, limitCores }));
  }
  return { kind: 'Calibration', schemaVersion: 1, scenario: names.scenario, recordings: names.recordings, fits, current, notes };
}
