/**
 * Event priorities at equal times: `urgent` first (process starts, interrupts, stop markers), then
 * `normal` (SimPy's URGENT/NORMAL split, house style point 2), then `late` (samplers).
 */
export const Priority = {
  urgent: 0,
  normal: 1,
  /** Observers that must see the state after everything else due at the same instant. */
  late: 2,
} as const;
export type Priority = (typeof Priority)[keyof typeof Priority];
