import { describe, expect, test } from 'vitest';
import { ClusterChangeWatch } from '../../src/simulation/cluster-change-watch.js';
import { ClusterState } from '../../src/simulation/cluster-state.js';
import { PodPhase } from '../../src/simulation/pod-phase.js';
import { buildNode } from '../models/scheduler/builders.js';

function setup() {
  const s = new ClusterState(4, 2, 1, 1);
  for (let i = 0; i < 3; i++) s.podPhase[s.allocatePod(0)] = PodPhase.ready;
  const nodes = [buildNode('a'), buildNode('b')];
  const watch = new ClusterChangeWatch();
  expect(watch.unchanged(nodes, s, [1])).toBe(false);
  return { s, nodes, watch };
}

describe('ClusterChangeWatch', () => {
  test('nothing changed: unchanged, again and again', () => {
    const { s, nodes, watch } = setup();
    expect(watch.unchanged(nodes, s, [1])).toBe(true);
    expect(watch.unchanged([...nodes], s, [1])).toBe(true);
  });

  test.each([
    ['a pod goes Terminating (its node view stays as it is)', (s: ClusterState) => { s.podPhase[1] = PodPhase.terminating; }],
    ['a pod becomes Ready', (s: ClusterState) => { s.podPhase[2] = PodPhase.running; }],
    ['a new pod slot', (s: ClusterState) => { s.allocatePod(0); }],
  ])('%s: changed once, then unchanged', (_name, change) => {
    const { s, nodes, watch } = setup();
    change(s);
    expect(watch.unchanged(nodes, s, [1])).toBe(false);
    expect(watch.unchanged(nodes, s, [1])).toBe(true);
  });

  test('a node view rebuilt, a node gone, a PDB budget moved: changed', () => {
    const { s, nodes, watch } = setup();
    expect(watch.unchanged([nodes[0]!, buildNode('b')], s, [1])).toBe(false);
    expect(watch.unchanged([nodes[0]!], s, [1])).toBe(false);
    expect(watch.unchanged([nodes[0]!], s, [0])).toBe(false);
    expect(watch.unchanged([nodes[0]!], s, [undefined])).toBe(false);
    expect(watch.unchanged([nodes[0]!], s, [undefined])).toBe(true);
  });

  test('the pod phases are copied, not aliased, when the state grows', () => {
    const { s, nodes, watch } = setup();
    for (let i = 0; i < 40; i++) s.podPhase[s.allocatePod(0)] = PodPhase.pending;
    expect(watch.unchanged(nodes, s, [1])).toBe(false);
    s.podPhase[30] = PodPhase.starting;
    expect(watch.unchanged(nodes, s, [1])).toBe(false);
  });
});
