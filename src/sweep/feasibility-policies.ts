/**
 * The policies every sweep and search point must meet besides the scenario's own: the changed
 * workload serves its load (drops under 1 % of its requests) and keeps its latency SLO (violated
 * at most 1 % of the run). A point that misses either is infeasible: the cheapest point must not be
 * one that is cheap because it cannot serve. Written in the policy language, so that they are
 * evaluated, tabled and explained like any other policy; a scenario policy on the same metric for
 * the changed workloads replaces the built-in one ("unless the user's policies say otherwise").
 */
import { FEASIBLE_MAX_DROPPED_SHARE, FEASIBLE_MAX_SLO_VIOLATION_SHARE } from './defaults.js';


export function feasibilityPolicies(assertions: readonly string[], changed: readonly string[], durationMs: number): string[] {
  const covers = (metric: string) => assertions.some((a) => a.includes(`changed.${metric}`) || changed.some((w) => a.includes(`workload(${w}).${metric}`)));
  const out: string[] = [];
  if (changed.length === 0) return out;
  if (!covers('requests.droppedRatio')) out.push(`changed.requests.droppedRatio < ${FEASIBLE_MAX_DROPPED_SHARE * 100}%`);
  if (!covers('slo.violationMinutes')) {
    const minutes = Math.max(1, Math.round((durationMs / 60_000) * FEASIBLE_MAX_SLO_VIOLATION_SHARE));
    out.push(`changed.slo.violationMinutes <= ${minutes}m`);
  }
  return out;
}

/** The scenario's policies followed by the built-in feasibility ones. */
export function sweepPolicies(assertions: readonly string[], changed: readonly string[], durationMs: number): string[] {
  return [...assertions, ...feasibilityPolicies(assertions, changed, durationMs)];
}

/** True for a policy text this module writes. */
export function isFeasibilityPolicy(text: string): boolean {
  return /^changed\.requests\.droppedRatio < [\d.]+%$/.test(text) || /^changed\.slo\.violationMinutes <= \d+m$/.test(text);
}
