import type { ComparisonResult } from './comparison.js';
import { formatValue } from './format-value.js';

/**
 * "payments/istio-proxy throttled 31.0 % -> 45.2 %": the throttled containers of multi-container
 * pods, mean over the seeds.
 */
export function containerThrottleLines(r: ComparisonResult): string[] {
  const out: string[] = [];
  for (const [workload, containers] of Object.entries(r.containers ?? {})) {
    for (const [name, m] of Object.entries(containers)) {
      out.push(`${workload}/${name} throttled ${formatValue(m.before, 'ratio')} -> ${formatValue(m.after, 'ratio')}${m.significant ? ' (significant over the seeds)' : ''}`);
    }
  }
  return out;
}
