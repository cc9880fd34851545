/** A workload's request load as resolved from the scenario: a named shape plus its noise. */
export type LoadConfig =
  | { readonly type: 'constant'; readonly rps: number; readonly noise: LoadNoise }
  | { readonly type: 'diurnal'; readonly minRps: number; readonly maxRps: number; readonly peakAtMs: number; readonly noise: LoadNoise }
  | { readonly type: 'step'; readonly steps: readonly { readonly atMs: number; readonly rps: number }[]; readonly noise: LoadNoise }
  | { readonly type: 'ramp'; readonly fromRps: number; readonly toRps: number; readonly startMs: number; readonly endMs: number; readonly noise: LoadNoise }
  | { readonly type: 'spike'; readonly baseRps: number; readonly peakRps: number; readonly atMs: number; readonly durationMs: number; readonly noise: LoadNoise };
export type LoadNoise = 'poisson' | 'none';
