/**
 * Event priorities at equal times: `urgent` first (process starts, interrupts, stop markers), then
 * `normal` (SimPy's URGENT/NORMAL split, house style point 2).
 */
export const Priority = {
  urgent: 0,
  normal: 1,
} as const;
export type Priority = (typeof Priority)[keyof typeof Priority];
