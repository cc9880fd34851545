import { resolve } from 'node:path';
import { loadScenario, readFromDisk, type LoadedScenario, type LoadOptions } from '../../../src/scenario/load-scenario.js';
import type { Loaded } from '../../../src/scenario/problem.js';
import type { WorkloadConfig } from '../../../src/scenario/types.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

/**
 * Loads a scenario given as text, as if it were the file `name` inside the fixtures folder (so
 * its relative paths reach the fixtures); every other file is read from disk.
 */
export function loadText(text: string, name = 'scenario.yaml', options: LoadOptions = {}): Loaded<LoadedScenario> {
  const file = resolve(FIXTURES, name);
  return loadScenario(file, { ...options, readText: (p) => (p === file ? text : (options.readText ?? readFromDisk)(p)) });
}

/** Loads a scenario given as text (see {@link loadText}); its problems fail the test, its warnings read `file:line:column: path: message`. */
export function mustLoad(text: string): LoadedScenario & { warnings: string[] } {
  const r = loadText(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path} ${p.message}`).join('\n'));
  return { ...r.value, warnings: r.warnings.map((w) => `${w.file.split('/').pop()}:${w.line}:${w.column}: ${w.path}: ${w.message}`) };
}

/** The before configuration's workload of that name. */
export function byName(l: LoadedScenario, name: string): WorkloadConfig {
  const w = l.before.workloads.find((x) => x.name === name);
  if (!w) throw new Error(`no workload ${name}`);
  return w;
}

/** A scenario header and a one-pool cluster; `spec` is the rest of the spec, indented by 2. */
export function scenario(spec: string): string {
  return `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: test }
spec:
  cluster:
    provider: gke
    nodePools: [{ name: pool, machineType: e2-standard-4, minNodes: 1, maxNodes: 6 }]
${spec}`;
}

export const Mi = 2 ** 20;
export const Gi = 2 ** 30;
