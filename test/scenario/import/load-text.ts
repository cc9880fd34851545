import { resolve } from 'node:path';
import { loadScenario, readFromDisk, type LoadedScenario, type LoadOptions } from '../../../src/scenario/load-scenario.js';
import type { Loaded } from '../../../src/scenario/problem.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

/**
 * Loads a scenario given as text, as if it were the file `name` inside the fixtures folder (so
 * its relative paths reach the fixtures); every other file is read from disk.
 */
export function loadText(text: string, name = 'scenario.yaml', options: LoadOptions = {}): Loaded<LoadedScenario> {
  const file = resolve(FIXTURES, name);
  return loadScenario(file, { ...options, readText: (p) => (p === file ? text : (options.readText ?? readFromDisk)(p)) });
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
