import { loadScenario, type ReadText } from '../../src/scenario/load-scenario.js';
import { formatProblem } from '../../src/scenario/problem.js';

// A scenario with one workload, `api`, written inline so that each case shows its YAML and the
// line and column of each problem can be counted by hand: the workload's fields start on line 15.

/** Serves files from memory so each case states its YAML inline, with the positions visible. */
export function files(map: Record<string, string>): ReadText {
  return (path) => map[path];
}

/** A scenario whose one workload `api` has the given body (indented by 6, after `- name: api`). */
export function text(workload: string, cluster = ''): string {
  return `apiVersion: kube-whatif/v1
kind: Scenario
metadata:
  name: demo
spec:
  duration: 2h
  cluster:
    nodePools:
      - name: shared
        machineType: e2-standard-4
        minNodes: 1
        maxNodes: 4
${cluster}  workloads:
    - name: api
${workload}`;
}

export function load(workload: string, cluster = '') {
  return loadScenario('s.yaml', { readText: files({ 's.yaml': text(workload, cluster) }) });
}

export function api(workload: string, cluster = '') {
  const r = load(workload, cluster);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return { w: r.value.before.workloads[0]!, warnings: r.warnings.map(formatProblem) };
}

export function problems(workload: string, cluster = ''): string[] {
  const r = load(workload, cluster);
  return r.ok ? [] : r.problems.map(formatProblem);
}

