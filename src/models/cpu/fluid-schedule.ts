/** The schedule of one resolved container's load (arrivals or thread offsets). */
import { periodicOffsets, poissonSchedule } from './load-schedule.js';
import type { NodeCaseContainer } from './node-case.js';

/** Schedule arrays of a container; fields unused by its load type are undefined. */
export interface ContainerSchedule {
  readonly arrivals?: Float64Array;
  readonly cpuSeconds?: Float64Array;
  readonly offsets?: Float64Array;
}

/** Poisson arrivals/CPU or periodic thread offsets for container `c`, from its resolved seed. */
export function loadScheduleFor(c: NodeCaseContainer, durationSeconds: number): ContainerSchedule {
  if (c.load.type === 'poisson') return poissonSchedule(c.load, c.seed, durationSeconds);
  if (c.load.type === 'periodic') return { offsets: periodicOffsets(c.load, c.seed) };
  return {};
}
