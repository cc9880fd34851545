/**
 * Karpenter inside the running simulation. Allocatable CPU and prices are the fact sheet's
 * (docs/models/allocatable-and-prices.md: EKS m5.large 1930m $0.096/h, m5.xlarge 3920m $0.192/h,
 * m5.2xlarge 7910m $0.384/h); timings are section 2 (batch idle 1 s, disruption poll 10 s,
 * consolidation validation 15 s).
 */
import { describe, expect, test } from 'vitest';
import { idleWorkload, runCapturing, scenarioFrom } from './helpers.js';

const daemonSets = [{ name: 'aws-node', resources: { requests: { cpu: '150m', memory: '150Mi' } } }];

function karpenterScenario(pools: Record<string, unknown>[], workloads: Record<string, unknown>[], duration = '6m', cluster: Record<string, unknown> = {}) {
  return scenarioFrom({
    duration,
    simulation: { step: '5s', sampleInterval: '10s', metricResolution: '15s' },
    cluster: { provider: 'eks', nodeAutoscaler: { type: 'karpenter' }, nodePools: pools, daemonSets, ...cluster },
    workloads,
  });
}

describe('Karpenter provisioning', () => {
  // 3 pods x 600m = 1800m, + 150m DaemonSet = 1950m. m5.large (1930m) is too small; m5.xlarge
  // (3920m, $0.192) is the cheapest that holds the batch; m5.2xlarge ($0.384) also fits but costs
  // more. The types are listed most expensive first so list order cannot explain the choice.
  // The pods are Pending at t = 0, so the batch window opens at 0 and closes after the 1 s idle
  // duration: launch at 1 s, Ready 50 s later (fixed provisioning delay) at 51 s.
  const run = runCapturing(
    karpenterScenario(
      [{ name: 'general', instanceTypes: ['m5.2xlarge', 'm5.xlarge', 'm5.large'], maxNodes: 5, initialNodes: 0, provisioningDelay: '50s' }],
      [idleWorkload('web', 3, '600m', '512Mi')],
      '2m',
    ),
  );

  test('launches one node of the cheapest fitting type after the 1 s batch idle time', () => {
    const added = run.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'requested');
    expect(added.map((e) => [e.timeMs, e.instanceType])).toEqual([[1_000, 'm5.xlarge']]);
    expect(run.result.events.find((e) => e.source === 'karpenter' && e.reason === 'Launched')?.message).toContain('m5.xlarge');
  });

  test('the pods bind when the node is Ready at 51 s', () => {
    expect(run.result.events.filter((e) => e.reason === 'NodeReady').map((e) => e.timeMs)).toEqual([51_000]);
    const series = run.result.series;
    expect(series.workloads.web!.pendingPods[series.timeMs.indexOf(50_000)]).toBe(3);
    expect(series.workloads.web!.pendingPods[series.timeMs.indexOf(60_000)]).toBe(0);
  });
});

/** With no load and no scale-down stabilization, this HPA deletes one of two pods at its first sync. */
const scaleToOneHpa = {
  minReplicas: 1,
  maxReplicas: 2,
  metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  behavior: { scaleDown: { stabilizationWindowSeconds: 0 } },
};

describe('Karpenter disruption', () => {
  const idlePool = (extra: Record<string, unknown>) => ({
    name: 'batch',
    instanceTypes: ['m5.large'],
    maxNodes: 5,
    provisioningDelay: '50s',
    taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
    ...extra,
  });
  const work = { name: 'general', instanceTypes: ['m5.large'], maxNodes: 5, initialNodes: 1, provisioningDelay: '50s', disruption: { consolidateAfter: 'Never' } };
  const app = idleWorkload('web', 1, '500m', '512Mi');

  test.each([
    // The empty nodes were initialized at t = 0 with no pod event since, so they are
    // Consolidatable at 0 + consolidateAfter = 120 s, a poll instant. Emptiness waits the 15 s
    // consolidation TTL and re-validates: deleted at 135 s. After a command the controller
    // re-runs at once, so a node the budget held back is commanded at 135 s and goes at 150 s.
    { name: 'no budget limit (100%): all three go together', budget: '100%', expected: [135_000, 135_000, 135_000] },
    { name: 'budget "2": two at 135 s, the third one command later', budget: '2', expected: [135_000, 135_000, 150_000] },
    // 10% of 3 nodes = 0.3, rounded up to 1 (docs: 20% of 19 -> 4).
    { name: 'default budget 10% of 3 nodes = 1 at a time', budget: '10%', expected: [135_000, 150_000, 165_000] },
  ])('WhenEmpty consolidates empty nodes after consolidateAfter 2m: $name', ({ budget, expected }) => {
    const run = runCapturing(
      karpenterScenario(
        [work, idlePool({ initialNodes: 3, disruption: { consolidationPolicy: 'WhenEmpty', consolidateAfter: '2m', budgets: [{ nodes: budget }] } })],
        [app],
        '4m',
      ),
    );
    const removed = run.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'removed' && e.pool === 'batch');
    expect(removed.map((e) => e.timeMs)).toEqual(expected);
    expect(run.result.events.some((e) => e.source === 'karpenter' && e.reason === 'Empty')).toBe(true);
    // Every empty node the budget holds back at a poll is one pool's budget: said once per poll.
    const blocked = run.result.events.filter((e) => e.reason === 'DisruptionBlocked').map((e) => e.message);
    expect(new Set(blocked)).toEqual(new Set(budget === '100%' ? [] : ['disruption budget of nodepool batch is exhausted']));
  });

  test('WhenEmpty consolidates a node consolidateAfter after its last pod left, on the 10 s poll grid, plus the 15 s TTL', () => {
    // Two 1200m pods need one m5.large each (1930 - 150 = 1780m free). The HPA (no load, min 1,
    // no scale-down stabilization) deletes one pod at its first sync; the pod leaves its node
    // when its 30 s grace period ends, at T. The node is Consolidatable at T + 60 s; the
    // disruption controller polls every 10 s from t = 0, and deletes 15 s after its command.
    const lastPodLeft = new Map<string, number>();
    const run = runCapturing(
      karpenterScenario(
        [{ name: 'general', instanceTypes: ['m5.large'], maxNodes: 5, provisioningDelay: '50s', disruption: { consolidationPolicy: 'WhenEmpty', consolidateAfter: '1m' } }],
        [
          idleWorkload('web', 2, '1200m', '512Mi', { hpa: scaleToOneHpa }),
        ],
        '5m',
      ),
      (sim) => sim.observers.push({ podUnbound: (_p, n) => void lastPodLeft.set(sim.state.nodeName[n]!, sim.env.now) }),
    );
    const removed = run.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'removed');
    expect(removed).toHaveLength(1);
    const t = lastPodLeft.get(removed[0]!.node)!;
    expect(removed[0]!.timeMs).toBe(Math.ceil((t + 60_000) / 10_000) * 10_000 + 15_000);
  });

  test.each([
    // Two m5.xlarge ($0.192) with one 1000m pod each, consolidateAfter 0: Consolidatable at
    // once; first poll at 10 s. The default budget allows ceil(10% x 2) = 1 Underutilized
    // disruption, so multi-node consolidation (>= 2 candidates) cannot run; single-node: general-0
    // (first by name at equal cost) goes because its pod fits general-1 (2 x 1000 + 150 <= 3920).
    // Command at 10 s, executed after the 15 s TTL at 25 s, drained for the 30 s grace: gone at 55 s.
    { name: 'budget 10%: single-node delete', budget: '10%', requested: [], removed: [[55_000, 'general-0']] },
    // With budget 100% both are candidates; multi-node consolidation removes both for one
    // cheaper replacement: 2 x 1000 + 150 = 2150m rules out m5.large (1930m), so m5.xlarge
    // ($0.192 < $0.384). Launched at 25 s, Ready at 75 s, then both drained: gone at 105 s.
    {
      name: 'budget 100%: multi-node replace',
      budget: '100%',
      requested: [[25_000, 'm5.xlarge']],
      removed: [
        [105_000, 'general-0'],
        [105_000, 'general-1'],
      ],
    },
  ])('WhenEmptyOrUnderutilized consolidation: $name', ({ budget, requested, removed }) => {
    const run = runCapturing(
      karpenterScenario(
        [{ name: 'general', instanceTypes: ['m5.xlarge', 'm5.large'], maxNodes: 5, initialNodes: 2, provisioningDelay: '50s', disruption: { budgets: [{ nodes: budget }] } }],
        [idleWorkload('web', 2, '1000m', '512Mi')],
        '3m',
      ),
    );
    const events = run.nodeAutoscaling.nodeEvents;
    expect(events.filter((e) => e.kind === 'requested').map((e) => [e.timeMs, e.instanceType])).toEqual(requested);
    expect(events.filter((e) => e.kind === 'removed').map((e) => [e.timeMs, e.node])).toEqual(removed);
    // Every pod is back on a node at the end.
    expect(run.result.series.workloads.web!.pendingPods.at(-1)).toBe(0);
  });

  test('a node that becomes Consolidatable with no cluster change waits for the 5-minute renewal of the consolidation state', () => {
    // Two m5.xlarge (3920 m), budget 100 %, consolidateAfter 1m, both initialized at 0. big (2800 m)
    // holds one node A alone (970 m left); web's two 1000 m pods share the other, B. The HPA (no
    // load) deletes one web pod at its first sync; it leaves B at T after its 30 s grace period,
    // the last change to the cluster. From 60 s A is a candidate but cannot go (its pod fits
    // nowhere, no cheaper type holds 2950 m), so both gated methods mark themselves consolidated
    // at state T. B becomes a candidate at T + 60 s, with no change since: the methods stay
    // skipped until the state renews at T + 5m. The first poll from then (10 s grid) replaces B by
    // an m5.large (1150 m fits 1930 m, 0.096 < 0.192 $/h); A and B together would need 3950 m, more
    // than one m5.xlarge. The replacement launches after the 15 s validation.
    // The first pod to leave a node: the web pod; the only other is B's last pod, drained at the end.
    let lastPodLeft = NaN;
    const run = runCapturing(
      karpenterScenario(
        [{ name: 'general', instanceTypes: ['m5.xlarge', 'm5.large'], maxNodes: 5, initialNodes: 2, provisioningDelay: '50s', disruption: { consolidateAfter: '1m', budgets: [{ nodes: '100%' }] } }],
        [
          idleWorkload('big', 1, '2800m', '512Mi'),
          idleWorkload('web', 2, '1000m', '512Mi', { hpa: scaleToOneHpa }),
        ],
        '8m',
      ),
      (sim) => sim.observers.push({ podUnbound: () => void (Number.isNaN(lastPodLeft) && (lastPodLeft = sim.env.now)) }),
    );
    expect(lastPodLeft).toBeGreaterThan(0);
    expect(lastPodLeft).toBeLessThan(60_000);
    const renewedPoll = Math.ceil((lastPodLeft + 300_000) / 10_000) * 10_000;
    const requested = run.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'requested');
    expect(requested.map((e) => [e.timeMs, e.instanceType])).toEqual([[renewedPoll + 15_000, 'm5.large']]);
  });

  test.each([
    {
      name: 'without a zone spread: one m5.xlarge takes both pods',
      spread: false,
      launches: ['25000 launching general-2 (m5.xlarge in us-east-1b) to replace general-0, general-1'],
    },
    {
      name: "with a DoNotSchedule zone spread: each node gives way to an m5.large in its own zone",
      spread: true,
      launches: ['25000 launching general-2 (m5.large in us-east-1a) to replace general-0', '90000 launching general-3 (m5.large in us-east-1b) to replace general-1'],
    },
  ])('a consolidation replacement $name', ({ spread, launches }) => {
    // Two m5.xlarge (3920 m; 0.200 $/h in us-east-1a, 0.192 in us-east-1b), general-0 in us-east-1a
    // and general-1 in us-east-1b (nodes take the pool's zones in turn), web's two 1000 m pods one
    // on each; budget 100 %, consolidateAfter 0.
    // Without the spread: at the first poll (10 s) multi-node consolidation finds that one m5.xlarge
    // holds both pods (2000 + 150 m), cheapest in us-east-1b at 0.192 < 0.392 $/h. It launches there
    // after the 15 s validation, at 25 s (in turn, the third node would have gone to us-east-1a).
    // With it (maxSkew 1; Karpenter's domains are the NodePool's two zones): both pods in one zone
    // is skew 2, so the pair would need two new nodes and multi-node gives up. Single-node tries
    // general-0 first (equal costs, then names): its pod may not join general-1 (skew 2 again), so
    // it needs a node in us-east-1a, where an m5.large (1930 − 150 = 1780 m) holds it for
    // 0.096 < 0.192 $/h: launched at 25 s, Ready at 75 s (50 s delay), general-0 deleted and its
    // pod bound to general-2. The controller requeues at once: general-1's pod may not join
    // general-2 (now skew 2 the other way), so it gets an m5.large in us-east-1b, launched after
    // the validation at 75 + 15 = 90 s.
    const constraints = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
    const dearerInA = { name: 'm5.xlarge', vcpu: 4, memory: '16Gi', onDemandHourly: 0.192, zonePrices: { 'us-east-1a': { onDemandHourly: 0.2 } } };
    const run = runCapturing(
      karpenterScenario(
        [{ name: 'general', instanceTypes: ['m5.xlarge', 'm5.large'], maxNodes: 5, initialNodes: 2, provisioningDelay: '50s', zones: ['us-east-1a', 'us-east-1b'], disruption: { budgets: [{ nodes: '100%' }] } }],
        [idleWorkload('web', 2, '1000m', '512Mi', spread ? constraints : {})],
        '3m',
        { instanceTypes: [dearerInA] },
      ),
    );
    expect(run.result.events.filter((e) => e.reason === 'DisruptionLaunching').map((e) => `${e.timeMs} ${e.message}`)).toEqual(launches);
  });

  test('consolidateAfter Never keeps an empty node', () => {
    const run = runCapturing(karpenterScenario([work, idlePool({ initialNodes: 1, disruption: { consolidateAfter: 'Never' } })], [app], '4m'));
    expect(run.nodeAutoscaling.nodeEvents.filter((e) => e.kind === 'removed')).toEqual([]);
  });

  test('expireAfter deletes a node at exactly its age limit and its pods get a new node', () => {
    // general-0 is created at t = 0 with expireAfter 5m: its deletion starts at 300 s regardless
    // of budgets. Its pod is evicted and recreated Pending at 300 s; the batch closes 1 s later:
    // launch at 301 s. The drained node is gone once the pod's 30 s grace period (the
    // terminationGracePeriodSeconds default) has passed: 330 s.
    const run = runCapturing(karpenterScenario([{ ...work, expireAfter: '5m' }], [app], '6m'));
    const events = run.nodeAutoscaling.nodeEvents.map((e) => [e.timeMs, e.kind, e.node]);
    expect(events).toEqual([
      [301_000, 'requested', 'general-1'],
      [330_000, 'removed', 'general-0'],
    ]);
    expect(run.result.events.find((e) => e.reason === 'Expired')?.timeMs).toBe(300_000);
  });
});
