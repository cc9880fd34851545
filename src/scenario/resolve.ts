import type { Limits } from './limits.js';
import type { z } from 'zod';
import type { specSchema } from './schema/scenario.js';
import type { Scenario, WorkloadConfig } from './types.js';
import { steadyStateReplicas } from './steady-state-replicas.js';
import { loadShapeFor } from '../models/load/shapes.js';
import * as D from './defaults.js';
import { DEFAULT_METRICS_SCRAPE_INTERVAL_MS, DEFAULT_METRICS_WINDOW_MS } from '../models/hpa/defaults.js';
import { ms } from './resolve-quantities.js';
import { resolveWorkload } from './resolve-workload.js';
import { resolvePriorityClasses } from './resolve-priority.js';
import { resolveCluster } from './resolve-cluster.js';
import { ResolveContext } from './resolve-context.js';
import { resolveNamespaces } from './resolve-namespaces.js';
import { withLimitRangeDefaults } from './apply-limit-range.js';

type SpecOutput = z.output<typeof specSchema>;

/**
 * Fills every default of a validated spec and checks what the schema cannot (cross-field rules,
 * known machine types). Pure: returns the scenario and the problems found, by document path.
 */
export function resolveScenario(meta: { name: string; description?: string }, spec: SpecOutput, limits?: Limits): { scenario: Scenario; ctx: ResolveContext } {
  const ctx = new ResolveContext(limits);
  const seen = new Set<string>();
  const priorityClasses = resolvePriorityClasses(spec.cluster.priorityClasses ?? [], ['spec', 'cluster', 'priorityClasses'], ctx);
  const workloads = spec.workloads.map((w, i) => {
    if (seen.has(w.name)) ctx.error(['spec', 'workloads', i, 'name'], `duplicate workload name "${w.name}"`);
    seen.add(w.name);
    return resolveWorkload(w, ['spec', 'workloads', i], ctx, priorityClasses);
  });
  const namespaces = resolveNamespaces(spec.namespaces ?? [], ['spec', 'namespaces'], ctx);
  const startOffsetMs = spec.simulation?.start !== undefined ? ms(spec.simulation.start) : 0;
  const cluster = resolveCluster(spec.cluster, ['spec', 'cluster'], ctx);
  const stepMs = spec.simulation?.step !== undefined ? ms(spec.simulation.step) : D.DEFAULT_STEP_MS;
  const durationMs = spec.duration !== undefined ? ms(spec.duration) : D.DEFAULT_DURATION_MS;
  const sampleIntervalMs = spec.simulation?.sampleInterval !== undefined ? ms(spec.simulation.sampleInterval) : D.DEFAULT_SAMPLE_INTERVAL_MS;
  const metricResolutionMs = spec.simulation?.metricResolution !== undefined ? ms(spec.simulation.metricResolution) : DEFAULT_METRICS_SCRAPE_INTERVAL_MS;
  if (stepMs < 100 || stepMs > 60_000) ctx.error(['spec', 'simulation', 'step'], 'step must be between 100ms and 60s');
  if (sampleIntervalMs % stepMs !== 0) ctx.error(['spec', 'simulation', 'sampleInterval'], `must be a multiple of the step (${stepMs} ms)`);
  if (metricResolutionMs % stepMs !== 0) ctx.error(['spec', 'simulation', 'metricResolution'], `must be a multiple of the step (${stepMs} ms)`);
  const metricsWindowMs = spec.simulation?.metricsWindow !== undefined ? ms(spec.simulation.metricsWindow) : DEFAULT_METRICS_WINDOW_MS;
  if (metricsWindowMs !== null && (metricsWindowMs <= 0 || metricsWindowMs % stepMs !== 0 || metricsWindowMs > metricResolutionMs)) {
    ctx.error(['spec', 'simulation', 'metricsWindow'], `must be a multiple of the step (${stepMs} ms), above 0 and at most metricResolution (${metricResolutionMs} ms)`);
  }
  if (durationMs < sampleIntervalMs) ctx.error(['spec', 'duration'], `must be at least one sample interval (${sampleIntervalMs} ms)`);
  return {
    scenario: {
      name: meta.name,
      description: meta.description ?? '',
      durationMs,
      startOffsetMs,
      seed: spec.seed ?? D.DEFAULT_SEED,
      seeds: spec.seeds ?? D.DEFAULT_SEEDS,
      stepMs,
      sampleIntervalMs,
      metricResolutionMs,
      metricsWindowMs,
      cluster,
      workloads: warmStart(withLimitRangeDefaults(workloads, namespaces), startOffsetMs),
      namespaces,
      assertions: spec.assert ?? [],
    },
    ctx,
  };
}

/**
 * A run that starts inside the load's day (spec.simulation.start) starts warm: a workload with a
 * CPU Utilization HPA begins at the replicas its target gives for the load at that moment (within
 * [minReplicas, maxReplicas]), as the real cluster would have scaled by then, instead of from
 * spec.replicas in the middle of its peak.
 */
function warmStart(workloads: WorkloadConfig[], startOffsetMs: number): WorkloadConfig[] {
  if (startOffsetMs === 0) return workloads;
  return workloads.map((w) => {
    const steady = w.hpa ? steadyStateReplicas(w, loadShapeFor(w.load).rateAt(startOffsetMs)) : null;
    if (!w.hpa || !steady) return w;
    const replicas = Math.min(w.hpa.maxReplicas, Math.max(w.hpa.minReplicas, steady.wanted ?? w.hpa.maxReplicas));
    return { ...w, replicas };
  });
}
