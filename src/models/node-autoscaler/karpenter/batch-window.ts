/**
 * Provisioning batch window (pkg/controllers/provisioning/batcher.go): the window opens with the
 * first pending pod; each new pending pod restarts the idle timer; the batch closes when no pod
 * arrived for batchIdle or when batchMax has passed since the window opened.
 */
import { max as maxOf, min as minOf } from 'd3-array';
import { karpenterDefaults } from './defaults.js';

export interface BatchWindowInput {
  readonly nowMs: number;
  /** Times pending pods were first seen since the window opened (any order). */
  readonly pendingSeenMs: readonly number[];
  /** @default karpenterDefaults.batchIdleMs */
  readonly batchIdleMs?: number;
  /** @default karpenterDefaults.batchMaxMs */
  readonly batchMaxMs?: number;
}

export interface BatchWindowDecision {
  readonly launch: boolean;
  /** When the window will close if no more pods arrive; null without pending pods. */
  readonly closesAtMs: number | null;
  readonly reason: 'NoPendingPods' | 'BatchIdleElapsed' | 'BatchMaxElapsed' | 'BatchWindowOpen';
  readonly message: string;
}

/** Decides whether the batch closes (and provisioning runs) at `nowMs`. */
export function decideBatchWindow(input: BatchWindowInput): BatchWindowDecision {
  if (input.pendingSeenMs.length === 0) {
    return { launch: false, closesAtMs: null, reason: 'NoPendingPods', message: 'no pending pods' };
  }
  const idle = input.batchIdleMs ?? karpenterDefaults.batchIdleMs;
  const max = input.batchMaxMs ?? karpenterDefaults.batchMaxMs;
  // Not Math.min(...): a spread of a large pending list overflows the stack.
  const first = minOf(input.pendingSeenMs)!;
  const last = maxOf(input.pendingSeenMs)!;
  const idleAt = last + idle;
  const maxAt = first + max;
  const closesAtMs = Math.min(idleAt, maxAt);
  if (input.nowMs < closesAtMs) {
    return { launch: false, closesAtMs, reason: 'BatchWindowOpen', message: `batch window open until ${closesAtMs} ms` };
  }
  return idleAt <= maxAt
    ? { launch: true, closesAtMs, reason: 'BatchIdleElapsed', message: `no new pending pod for ${idle} ms` }
    : { launch: true, closesAtMs, reason: 'BatchMaxElapsed', message: `batch open for ${max} ms` };
}
