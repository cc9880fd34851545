/** A workload's request load as resolved from the scenario: a named shape plus its noise. */
export type LoadConfig =
  | { readonly type: 'constant'; readonly rps: number; readonly noise: LoadNoise }
  | { readonly type: 'diurnal'; readonly minRps: number; readonly maxRps: number; readonly peakAtMs: number; readonly noise: LoadNoise }
  | WeeklyLoadConfig
  | { readonly type: 'step'; readonly steps: readonly { readonly atMs: number; readonly rps: number }[]; readonly noise: LoadNoise }
  | { readonly type: 'ramp'; readonly fromRps: number; readonly toRps: number; readonly startMs: number; readonly endMs: number; readonly noise: LoadNoise }
  | { readonly type: 'spike'; readonly baseRps: number; readonly peakRps: number; readonly atMs: number; readonly durationMs: number; readonly noise: LoadNoise }
  | RandomWalkLoadConfig
  | ReplayLoadConfig;

export type LoadNoise = 'poisson' | 'none';

/** The diurnal cosine, multiplied by `weekendFactor` on Saturdays and Sundays. */
export interface WeeklyLoadConfig {
  readonly type: 'weekly';
  readonly minRps: number;
  readonly maxRps: number;
  /** Time of day of the daily peak, ms after midnight. */
  readonly peakAtMs: number;
  /** Rate multiplier on Saturday and Sunday (1 = no weekly pattern). */
  readonly weekendFactor: number;
  /** Day of the week at simulated time 0: 0 = Monday ... 6 = Sunday. */
  readonly startDay: number;
  readonly noise: LoadNoise;
}

/**
 * A geometric random walk between `minRps` and `maxRps`: every `intervalMs` the log of the rate
 * moves by `volatility` x sqrt(interval / 1 h) standard normal steps, reflected at the bounds.
 * The path depends only on `seed`, so the before and after runs see the same walk.
 */
export interface RandomWalkLoadConfig {
  readonly type: 'randomWalk';
  readonly startRps: number;
  readonly minRps: number;
  readonly maxRps: number;
  /** Standard deviation of the log-rate change over one hour. */
  readonly volatility: number;
  readonly intervalMs: number;
  readonly seed: number;
  readonly noise: LoadNoise;
}

/**
 * A recorded rate replayed on a regular grid: `rps[i]` is the rate at `i * intervalMs` of the
 * recording (already resampled, scaled and, for a CPU-usage trace, converted to requests/s),
 * linearly interpolated between grid points, shifted later by `shiftMs` and repeated when `loop`.
 */
export interface ReplayLoadConfig {
  readonly type: 'replay';
  readonly intervalMs: number;
  readonly rps: readonly number[];
  readonly shiftMs: number;
  readonly loop: boolean;
  /** Where the recording came from (file name), for reports. */
  readonly source: string;
  readonly noise: LoadNoise;
}
