import type { LoadedScenario } from '../scenario/load-scenario.js';
import type { BlastRadiusEntry, MetricComparison } from './comparison.js';
import type { SeedPair } from './build-comparison.js';
import { formatValue } from './format-value.js';
import * as D from './defaults.js';

/** Significant worsenings of unrelated workloads that stay below the practical floors. */
export function findMinorChanges(
  loaded: LoadedScenario,
  workloads: Readonly<Record<string, Readonly<Record<string, MetricComparison>>>>,
  changed: readonly string[],
  listed: readonly string[],
): { workload: string; changes: string[] }[] {
  const out: { workload: string; changes: string[] }[] = [];
  const metrics: [string, 'ratio' | 'ms' | 'minutes', string][] = [
    ['throttledRatio', 'ratio', 'throttled periods'],
    ['throttledRatio.p95', 'ratio', 'throttled periods (p95 of intervals)'],
    ['latency.p99', 'ms', 'p99'],
    ['slo.violationMinutes', 'minutes', 'SLO violated'],
  ];
  for (const w of loaded.before.workloads) {
    if (changed.includes(w.name) || listed.includes(w.name)) continue;
    const changes: string[] = [];
    for (const [name, unit, label] of metrics) {
      const c = workloads[w.name]![name]!;
      if (c.significant && (c.delta?.mean ?? 0) > 0) changes.push(`${label} ${formatValue(c.before, unit)} -> ${formatValue(c.after, unit)}`);
    }
    if (changes.length) out.push({ workload: w.name, changes });
  }
  return out;
}

/**
 * Unrelated workloads that got significantly worse (throttling, p99 latency, SLO minutes, dropped
 * requests), ranked by how much, each with the causes the run shows.
 */
export function findBlastRadius(
  loaded: LoadedScenario,
  workloads: Readonly<Record<string, Readonly<Record<string, MetricComparison>>>>,
  first: SeedPair,
  changed: readonly string[],
): BlastRadiusEntry[] {
  const out: BlastRadiusEntry[] = [];
  for (const w of loaded.before.workloads) {
    if (changed.includes(w.name)) continue;
    const m = workloads[w.name]!;
    const worse = (name: string): boolean => {
      const c = m[name]!;
      const d = c.delta?.mean ?? 0;
      if (!c.significant || d <= 0) return false;
      switch (name) {
        case 'throttledRatio':
        case 'throttledRatio.p95':
          return d >= D.BLAST_RADIUS_MIN_THROTTLE_POINTS;
        case 'latency.p99':
          return d >= D.BLAST_RADIUS_MIN_P99_MS && c.before !== null && c.before > 0 && d / c.before >= D.BLAST_RADIUS_MIN_P99_RELATIVE;
        case 'slo.violationMinutes':
          return d >= D.BLAST_RADIUS_MIN_SLO_MINUTES;
        case 'requests.droppedRatio':
          return d >= D.BLAST_RADIUS_MIN_DROPPED_POINTS;
        default:
          return true;
      }
    };
    const throttle = m['throttledRatio.p95']!;
    const p99 = m['latency.p99']!;
    const slo = m['slo.violationMinutes']!;
    const dropped = m['requests.droppedRatio']!;
    const evictions = m['evictions']!;
    if (!worse('throttledRatio.p95') && !worse('throttledRatio') && !worse('latency.p99') && !worse('slo.violationMinutes') && !worse('requests.droppedRatio')) continue;
    const causes: string[] = [];
    const poolShared = sharesPoolWith(loaded, w.name, changed);
    if (poolShared.length) causes.push(`shares node pool ${poolShared.join(', ')} with ${changed.join(', ')}`);
    const a0 = first.after.workloads[w.name]!;
    for (const c of changed) {
      const share = a0.colocation[c] ?? 0;
      const nodes = a0.colocationNodes[c] ?? [];
      const named = nodes.length > 6 ? `${nodes.slice(0, 6).join(', ')} and ${nodes.length - 6} more` : nodes.join(', ');
      if (share > 0) causes.push(`co-scheduled with ${c} ${(share * 100).toFixed(0)}% of its pod-time (was ${((first.before.workloads[w.name]!.colocation[c] ?? 0) * 100).toFixed(0)}%), on nodes ${named}`);
    }
    const lostBefore = first.before.workloads[w.name]!.peakCpuShortfallCores;
    if (a0.peakCpuShortfallCores > lostBefore + 0.001) {
      causes.push(`lost up to ${(a0.peakCpuShortfallCores * 1000).toFixed(0)} millicores of its demand at the worst minute (was ${(lostBefore * 1000).toFixed(0)})`);
    }
    if (worse('throttledRatio.p95') || worse('throttledRatio')) {
      causes.push(`throttled periods (p95 of intervals) ${formatValue(throttle.before, 'ratio')} -> ${formatValue(throttle.after, 'ratio')}`);
    }
    if (worse('latency.p99')) causes.push(`p99 ${formatValue(p99.before, 'ms')} -> ${formatValue(p99.after, 'ms')}`);
    if (worse('slo.violationMinutes')) causes.push(`SLO violated ${formatValue(slo.before, 'minutes')} -> ${formatValue(slo.after, 'minutes')}`);
    if (worse('requests.droppedRatio')) causes.push(`dropped requests ${formatValue(dropped.before, 'ratio')} -> ${formatValue(dropped.after, 'ratio')}`);
    if ((evictions.delta?.mean ?? 0) > 0) causes.push(`evicted ${formatValue(evictions.after, 'count')} times by node scale-down (was ${formatValue(evictions.before, 'count')})`);
    // Severity: throttling points, relative p99 growth and SLO hours, added.
    const severity =
      Math.max(0, (throttle.after ?? 0) - (throttle.before ?? 0)) * 100 +
      (p99.before && p99.after ? Math.max(0, p99.after / p99.before - 1) * 100 : 0) +
      Math.max(0, (slo.after ?? 0) - (slo.before ?? 0)) / 60;
    out.push({
      workload: w.name,
      severity,
      causes,
      throttledRatio: { before: throttle.before, after: throttle.after },
      latencyP99Ms: { before: p99.before, after: p99.after },
      sloViolationMinutes: { before: slo.before, after: slo.after },
    });
  }
  return out.sort((x, y) => y.severity - x.severity || x.workload.localeCompare(y.workload));
}

/** Pools where both this workload and a changed one may be placed (nodeSelector and taints allow it). */
function sharesPoolWith(loaded: LoadedScenario, name: string, changed: readonly string[]): string[] {
  const sc = loaded.after ?? loaded.before;
  const fits = (workload: string, pool: (typeof sc.cluster.nodePools)[number]): boolean => {
    const w = sc.workloads.find((x) => x.name === workload)!;
    const labels = pool.labels;
    if (!Object.entries(w.nodeSelector).every(([k, v]) => labels[k] === v)) return false;
    return pool.taints.every(
      (t) => t.effect === 'PreferNoSchedule' || w.tolerations.some((tol) => (tol.key === null && tol.operator === 'Exists') || (tol.key === t.key && (tol.operator === 'Exists' || tol.value === t.value) && (tol.effect === null || tol.effect === t.effect))),
    );
  };
  return sc.cluster.nodePools.filter((p) => fits(name, p) && changed.some((c) => fits(c, p))).map((p) => p.name);
}
