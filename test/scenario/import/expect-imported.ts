import { expect } from 'vitest';
import type { LoadedScenario } from '../../../src/scenario/load-scenario.js';
import { byName } from './load-text.js';

/** One imported workload as a test table row, with every value worked out by hand from the manifest. */
export interface ExpectedWorkload {
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly replicas: number;
  /** Pod-level, as the scheduler counts them. */
  readonly requests: { readonly cpuMilli: number; readonly memoryBytes: number };
  /** Pod-level; null = some running container has no such limit. */
  readonly limits: { readonly cpuMilli: number | null; readonly memoryBytes: number | null };
  /** A CPU Utilization HPA; null = none. */
  readonly hpa: { readonly minReplicas: number; readonly maxReplicas: number; readonly cpuUtilization: number } | null;
  readonly pdb: { readonly minAvailable: number | string | null; readonly maxUnavailable: number | string | null } | null;
  readonly nodeSelector: Readonly<Record<string, string>>;
}

/** Checks the before configuration's workload `row.name` against the row. */
export function expectImported(loaded: LoadedScenario, row: ExpectedWorkload): void {
  const w = byName(loaded, row.name);
  expect({ kind: w.kind, replicas: w.replicas, requests: w.requests, limits: w.limits, pdb: w.podDisruptionBudget, nodeSelector: w.nodeSelector }).toEqual({
    kind: row.kind,
    replicas: row.replicas,
    requests: row.requests,
    limits: row.limits,
    pdb: row.pdb,
    nodeSelector: row.nodeSelector,
  });
  if (row.hpa === null) {
    expect(w.hpa).toBeNull();
    return;
  }
  expect(w.hpa).toMatchObject({
    minReplicas: row.hpa.minReplicas,
    maxReplicas: row.hpa.maxReplicas,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: row.hpa.cpuUtilization } } }],
  });
}
