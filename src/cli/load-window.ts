import type { LoadedScenario, LoadOptions } from '../scenario/load-scenario.js';
import { peakWindowStartMs } from '../scenario/simulation-window.js';
import { loadOrReport } from './load-or-report.js';
import type { CommandIo } from './io.js';
import type { InputFlags } from './input-options.js';

/** `--duration`, `--window` and `--sample-interval` of run and compare. */
export interface WindowOptions {
  /** Overrides spec.duration ("2h"). */
  readonly duration?: string;
  /** "start" (the default: simulated time 0 is the load's time 0) or "peak" (centred on the load's peak). */
  readonly window?: string;
  /** Overrides spec.simulation.sampleInterval ("5m"): checked, and defaulted, as the scenario's own. */
  readonly sampleInterval?: string;
}

/**
 * Loads the scenario with the run's span overridden: `--duration` replaces spec.duration, and
 * `--window peak` starts the run half a duration before the peak of the offered CPU demand (the
 * scenario is loaded once to find the peak, then again with spec.simulation.start set).
 */
export function loadWithWindow(file: string, io: CommandIo, window: WindowOptions, options: LoadOptions, git?: string, flags: InputFlags = {}): LoadedScenario | null {
  const patches: Record<string, unknown>[] = [...(options.specPatches ?? [])];
  if (window.duration !== undefined) patches.push({ duration: window.duration });
  if (window.sampleInterval !== undefined) patches.push({ simulation: { sampleInterval: window.sampleInterval } });
  if (window.window === undefined || window.window === 'start') return loadOrReport(file, io, { ...options, specPatches: patches }, git, flags);
  if (window.window !== 'peak') {
    io.stderr(`whatif: --window must be "start" or "peak" (got "${window.window}")\n`);
    return null;
  }
  const first = loadOrReport(file, { ...io, stderr: () => {} }, { ...options, specPatches: patches }, git, flags);
  if (!first) return loadOrReport(file, io, { ...options, specPatches: patches }, git, flags);
  const startMs = peakWindowStartMs(first.before, first.before.durationMs);
  return loadOrReport(file, io, { ...options, specPatches: [...patches, { simulation: { start: `${startMs}ms` } }] }, git, flags);
}
