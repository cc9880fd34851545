import { classifyPod } from './group-pods.js';
import { ok, type Outcome } from './outcome.js';
import type { HpaPodMetricInput } from './propose-from-pod-samples.js';
import { utilizationDescription } from './resource-utilization-ratio.js';
import { isWithinTolerance } from './tolerances.js';
import type { HpaMetricProposal, HpaResourceMetricSpec } from './types.js';

const INT32_MAX = 2_147_483_647;
/**
 * Below this every sum, product and quotient the shortcut takes is an exact integer in float64:
 * a quotient a/b of integers with a + b ≤ 2^52 is at least 1/b away from the next integer, more
 * than the rounding of its division, so `Math.floor` gives the integer division's result.
 */
const EXACT_LIMIT = 2 ** 52;

/**
 * A Resource Utilization metric's proposal when every pod is ready with a sample and a request,
 * computed in float64 where that is exact; `null` for any other case, which takes
 * the general path of `resourceMetricReplicas`. This is the case of nearly every sync, and the
 * general path pays a BigInt per pod, a sample map and closures for it, every sync.
 *
 * Same numbers as the general path: the percentage floor(Σusage × 100 / Σrequest) and the average
 * floor(Σusage / n) are integer divisions either way, and with nothing missing and nothing unready
 * upstream's proposal is the fast one, ceil(ratio × ready pods) outside the tolerance.
 */
export function readyPodsUtilization(input: HpaPodMetricInput<HpaResourceMetricSpec['resource']>): Outcome<HpaMetricProposal> | null {
  const { pods, source, times } = input;
  const resource = source.name;
  if (source.target.type !== 'Utilization') return null;
  const averageUtilization = source.target.averageUtilization;
  const n = pods.length;
  if (n === 0) return null;
  const cpu = resource === 'cpu';
  let usage = 0;
  let requests = 0;
  for (let i = 0; i < n; i++) {
    const pod = pods[i]!;
    const sample = pod.metrics[resource];
    const request = pod.requestsMilli[resource];
    if (sample === null || request === null || !(sample.valueMilli >= 0) || !(request >= 0)) return null;
    if (!Number.isFinite(sample.valueMilli) || !Number.isFinite(request)) return null;
    if (classifyPod(pod, sample, cpu, times) !== 'ready') return null;
    usage += Math.ceil(sample.valueMilli);
    requests += Math.ceil(request);
  }
  if (requests === 0 || usage * 100 + requests > EXACT_LIMIT || usage + n > EXACT_LIMIT) return null;
  const utilizationPercent = Math.floor((usage * 100) / requests);
  if (utilizationPercent > INT32_MAX) return null;
  const ratio = utilizationPercent / averageUtilization;
  const replicas = isWithinTolerance(ratio, input.tolerances) ? input.currentReplicas : Math.ceil(ratio * n);
  return ok({
    replicas,
    current: { averageUtilization: utilizationPercent, averageValueMilli: Math.floor(usage / n), valueMilli: null },
    description: utilizationDescription(resource),
  });
}
