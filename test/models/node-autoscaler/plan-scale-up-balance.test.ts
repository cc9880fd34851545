/**
 * planScaleUp with balanceSimilarNodeGroups: the chosen option's node count is spread over the
 * similar groups (here the zonal groups of one GKE node pool), smallest first. Counts derived by
 * hand: 1500m pods on 3920m-allocatable nodes go two per node, so n pods need ceil(n / 2) nodes.
 */
import { describe, expect, test } from 'vitest';
import { resolveClusterAutoscalerOptions } from '../../../src/models/node-autoscaler/defaults.js';
import { planScaleUp, type ScaleUpInput } from '../../../src/models/node-autoscaler/plan-scale-up.js';
import type { NodeGroup } from '../../../src/models/node-autoscaler/types.js';
import { buildPod, MiB } from '../scheduler/builders.js';
import { buildGroup, type GroupOpts } from './builders.js';

const pods = (n: number) => Array.from({ length: n }, (_, i) => buildPod(`p${i}`, { cpuMilli: 1500, memoryBytes: 100 * MiB }));
const zonal = (pool: string, zone: string, o: GroupOpts = {}): NodeGroup =>
  buildGroup(`${pool}-${zone}`, { labels: { 'cloud.google.com/gke-nodepool': pool, 'topology.kubernetes.io/zone': zone }, ...o });

function plan(groups: NodeGroup[], pending: number, balance: boolean, expanders: readonly string[] = ['least-waste']): ReturnType<typeof planScaleUp> {
  const input: ScaleUpInput = {
    nowMs: 0,
    nodes: [],
    pendingPods: pods(pending),
    nodeGroups: groups,
    options: resolveClusterAutoscalerOptions({ balanceSimilarNodeGroups: balance, expanders }),
    // Every option wastes the same; the tie-break takes the first (web-a).
    tieBreak: () => 0,
  };
  return planScaleUp(input);
}
const counts = (p: ReturnType<typeof planScaleUp>) => Object.fromEntries((p.balanced ?? []).map((r) => [r.nodeGroup, r.nodeCount]));

describe('planScaleUp with balanceSimilarNodeGroups', () => {
  const groups = () => [zonal('web', 'a'), zonal('web', 'b'), zonal('web', 'c'), zonal('batch', 'a')];

  test('off (the default): the chosen group takes all 4 nodes and there is no balanced plan', () => {
    const p = plan(groups(), 7, false);
    expect([p.scaleUp?.nodeGroup, p.scaleUp?.nodeCount, p.balanced]).toEqual(['web-a', 4, undefined]);
  });

  test('on: 4 nodes over web-a, web-b, web-c (sizes 0) go 2, 1, 1; the batch pool is not similar', () => {
    const p = plan(groups(), 7, true);
    expect(counts(p)).toEqual({ 'web-a': 2, 'web-b': 1, 'web-c': 1 });
    expect(p.message).toBe(
      'Scale-up: setting group web-a size to 2 instead of 0 (max: 10); Scale-up: setting group web-b size to 1 instead of 0 (max: 10); Scale-up: setting group web-c size to 1 instead of 0 (max: 10)',
    );
    expect(p.podReasons['p0']?.message).toBe('pod triggered scale-up: [{web-a 0->2 (max: 10)} {web-b 0->1 (max: 10)} {web-c 0->1 (max: 10)}]');
  });

  test('a similar group in backoff takes no share: 4 nodes over web-a and web-b go 2, 2', () => {
    const g = groups();
    g[2] = zonal('web', 'c', { backoffUntilMs: 60_000 });
    expect(counts(plan(g, 7, true))).toEqual({ 'web-a': 2, 'web-b': 2 });
  });

  test('a similar group at its maximum stops there: 7 nodes with web-b max 1 go 3, 1, 3', () => {
    const g = groups();
    g[1] = zonal('web', 'b', { maxNodes: 1 });
    // 13 pods need ceil(13 / 2) = 7 nodes; web-b holds 1, web-a and web-c share 6. most-pods picks
    // web-a's 7-node option (least-waste would pick web-b's single node: 920/3920 waste < 7940/27440).
    expect(counts(plan(g, 13, true, ['most-pods']))).toEqual({ 'web-a': 3, 'web-b': 1, 'web-c': 3 });
  });

  test('groups already larger get fewer: web-a 0, web-b 2, web-c 2 plus 4 nodes end 3, 3, 2', () => {
    const g = [zonal('web', 'a'), zonal('web', 'b', { targetSize: 2 }), zonal('web', 'c', { targetSize: 2 })];
    // The upcoming 4 nodes of web-b and web-c hold 8 pods; 16 pods leave 8 for 4 new nodes.
    const p = plan(g, 16, true);
    expect([p.scaleUp?.nodeGroup, p.scaleUp?.nodeCount]).toEqual(['web-a', 4]);
    // Upstream's loop: web-a 1, 2 (not above web-b's 2, so stay), 3 (now above: move on), web-b 3.
    expect(counts(p)).toEqual({ 'web-a': 3, 'web-b': 1 });
  });
});
