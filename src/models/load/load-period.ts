import type { LoadConfig } from './types.js';

const DAY_MS = 86_400_000;

/**
 * The span after which a load repeats itself, or the span a recording covers: what a run must
 * cover to see every part of it. A daily cosine repeats every day, a weekly load every week (a
 * day when weekends are no different), a replay after its recording. Constant, step, ramp, spike
 * and random-walk loads have none (null): their horizon is the scenario's own.
 */
export function loadPeriodMs(load: LoadConfig): number | null {
  switch (load.type) {
    case 'diurnal':
      return DAY_MS;
    case 'weekly':
      return load.weekendFactor === 1 ? DAY_MS : 7 * DAY_MS;
    case 'replay':
      return load.rps.length > 1 ? load.intervalMs * (load.rps.length - (load.loop ? 0 : 1)) : null;
    case 'constant':
    case 'step':
    case 'ramp':
    case 'spike':
    case 'randomWalk':
      return null;
  }
}
