import { fail, ok, type Outcome } from './outcome.js';
import type { HpaSampleRatio, HpaSampleSet } from './propose-from-pod-samples.js';
import type { HpaResourceName } from './types.js';

const INT32_MAX = 2_147_483_647n;
const INT32_MIN = -2_147_483_648n;

/** Utilization ratio plus the values the status reports. */
export interface HpaUtilizationRatio extends HpaSampleRatio {
  /** floor(Σusage × 100 / Σrequest), integer percent (clamped to int32). */
  readonly utilizationPercent: number;
  /** floor(Σusage / n), milli-units. */
  readonly rawAverageMilli: number;
}

/**
 * `GetResourceUtilizationRatio` (metrics/utilization.go): the percentage is truncated to an
 * integer BEFORE it is divided by the target, which is what makes tolerance checks bit-exact
 * (docs/models/hpa.md#resource-metric-utilization-target). Sums are exact (BigInt), like the big.Int version upstream.
 */
export function resourceUtilizationRatio(
  samples: HpaSampleSet,
  requestOf: (podIndex: number) => bigint,
  targetUtilizationPercent: number,
): Outcome<HpaUtilizationRatio> {
  let usageTotal = 0n;
  let requestTotal = 0n;
  for (const [podIndex, value] of samples) {
    usageTotal += value;
    requestTotal += requestOf(podIndex);
  }
  if (requestTotal === 0n) return fail('no metrics returned matched known pods');
  let percent = (usageTotal * 100n) / requestTotal;
  if (percent > INT32_MAX) percent = INT32_MAX;
  if (percent < INT32_MIN) percent = INT32_MIN;
  const utilizationPercent = Number(percent);
  return ok({
    ratio: utilizationPercent / targetUtilizationPercent,
    utilizationPercent,
    rawAverageMilli: Number(usageTotal / BigInt(samples.size)),
  });
}

const DESCRIPTIONS: Readonly<Record<HpaResourceName, string>> = {
  cpu: 'cpu resource utilization (percentage of request)',
  memory: 'memory resource utilization (percentage of request)',
};

/** Upstream's `metricNameProposal` of a Resource Utilization metric, one string per resource. */
export function utilizationDescription(resource: HpaResourceName): string {
  return DESCRIPTIONS[resource];
}
