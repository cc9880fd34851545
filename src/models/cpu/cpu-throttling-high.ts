/**
 * The kube-prometheus `CPUThrottlingHigh` alert (kubernetes-mixin alerts/resource_alerts.libsonnet):
 *   increase(container_cpu_cfs_throttled_periods_total[5m]) / increase(container_cpu_cfs_periods_total[5m]) > 25 %
 *   for: 15m
 * evaluated on a per-step series of period counts. Controller-rate (reports), so plain objects.
 */
import { cpuThrottlingHighForSeconds, cpuThrottlingHighRatio, cpuThrottlingHighWindowSeconds } from './defaults.js';

/** One step of a container's counters: increments over (endSeconds − stepSeconds, endSeconds]. */
export interface ThrottleSample {
  readonly endSeconds: number;
  readonly stepSeconds: number;
  /** nr_periods added in this step. */
  readonly periods: number;
  /** nr_throttled added in this step. */
  readonly throttledPeriods: number;
}

/** Rule parameters; defaults are the upstream rule's. */
export interface CpuThrottlingHighOptions {
  /** @default 0.25 */
  readonly ratio?: number;
  /** @default 300 */
  readonly windowSeconds?: number;
  /** Pending time before firing. @default 900 */
  readonly forSeconds?: number;
}

/** Alert decision for one container's series. */
export interface CpuThrottlingHighResult {
  /** Seconds the alert was firing. */
  readonly value: number;
  readonly minutes: number;
  /** End time (s) of the first step at which it fired, or null. */
  readonly firstFiringSeconds: number | null;
  readonly reason: 'CPUThrottlingHigh' | 'NotFiring';
  readonly message: string;
}

/**
 * Minutes `CPUThrottlingHigh` fires. The rule is evaluated at every step end with the 5-minute
 * window; a step partly inside the window contributes pro rata (uniform rate within a step). The
 * alert fires once the condition has held continuously for `forSeconds`, and counts the steps while
 * it fires. Prometheus' extrapolation in increase() is not modelled (exact sums instead).
 */
export function cpuThrottlingHighMinutes(samples: readonly ThrottleSample[], opts: CpuThrottlingHighOptions = {}): CpuThrottlingHighResult {
  const ratio = opts.ratio ?? cpuThrottlingHighRatio;
  const win = opts.windowSeconds ?? cpuThrottlingHighWindowSeconds;
  const hold = opts.forSeconds ?? cpuThrottlingHighForSeconds;
  let firing = 0;
  let first: number | null = null;
  let pendingSince: number | null = null;
  let from = 0;
  for (let i = 0; i < samples.length; i++) {
    const now = samples[i]!.endSeconds;
    while (from < i && samples[from]!.endSeconds <= now - win) from++;
    let periods = 0;
    let throttled = 0;
    for (let j = from; j <= i; j++) {
      const s = samples[j]!;
      const start = s.endSeconds - s.stepSeconds;
      const inside = s.stepSeconds > 0 ? Math.max(0, Math.min(s.endSeconds, now) - Math.max(start, now - win)) / s.stepSeconds : 1;
      periods += s.periods * inside;
      throttled += s.throttledPeriods * inside;
    }
    const active = periods > 0 && throttled / periods > ratio;
    if (!active) {
      pendingSince = null;
      continue;
    }
    if (pendingSince === null) pendingSince = now;
    if (now - pendingSince >= hold) {
      if (first === null) first = now;
      firing += samples[i]!.stepSeconds;
    }
  }
  const minutes = firing / 60;
  return firing > 0
    ? { value: firing, minutes, firstFiringSeconds: first, reason: 'CPUThrottlingHigh', message: `throttled periods above ${ratio * 100} % of periods over ${win / 60} min for ${minutes.toFixed(1)} min` }
    : { value: 0, minutes: 0, firstFiringSeconds: null, reason: 'NotFiring', message: `throttled-period ratio never stayed above ${ratio * 100} % for ${hold / 60} min` };
}
