/**
 * PrioritySort (kubernetes pkg/scheduler/framework/plugins/queuesort/priority_sort_test.go TestLess):
 * higher priority first, then the earlier queue timestamp.
 */
import { describe, expect, test } from 'vitest';
import { prioritySort, type QueuedPod } from '../../../src/models/scheduler/queue-sort.js';
import { buildPod } from './builders.js';

const lowPriority = 10, highPriority = 100;
const q = (name: string, priority: number, queuedMs: number): QueuedPod => ({ pod: buildPod(name, { priority }), queuedMs });
// t2 = t1 + 1 s, as upstream.
const t1 = 1000, t2 = 2000;

describe('TestLess', () => {
  test.each([
    { name: 'p1.priority less than p2.priority', p1: q('p1', lowPriority, t1), p2: q('p2', highPriority, t1), expected: false },
    { name: 'p1.priority greater than p2.priority', p1: q('p1', highPriority, t1), p2: q('p2', lowPriority, t1), expected: true },
    { name: 'equal priority. p1 is added to schedulingQ earlier than p2', p1: q('p1', highPriority, t1), p2: q('p2', highPriority, t2), expected: true },
    { name: 'equal priority. p2 is added to schedulingQ earlier than p1', p1: q('p1', highPriority, t2), p2: q('p2', highPriority, t1), expected: false },
  ])('$name', ({ p1, p2, expected }) => {
    expect(prioritySort(p1, p2) < 0).toBe(expected);
  });

  test('sorting a queue: priority, then time, then input order', () => {
    const pods = [q('a', 0, 5), q('b', 100, 9), q('c', 0, 1), q('d', 100, 9), { pod: buildPod('e', { createdMs: 3 }) }];
    // b and d tie on (100, 9) and keep their order; among priority 0: c (1), e (created 3), a (5).
    expect(pods.sort(prioritySort).map((p) => p.pod.name)).toEqual(['b', 'd', 'c', 'e', 'a']);
  });
});
