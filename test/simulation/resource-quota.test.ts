/**
 * Namespace guardrails: ResourceQuota admission and LimitRange defaults/limits, as pure checks
 * (messages in the apiserver's words) and in the running simulation, where a quota caps the HPA.
 */
import { describe, expect, test } from 'vitest';
import { Periodic, Priority } from '../../src/engine/index.js';
import { checkQuota, ZERO_USAGE, type QuotaAmounts } from '../../src/simulation/resource-quota.js';
import { limitRangeViolations } from '../../src/simulation/limit-range.js';
import { applyLimitRange } from '../../src/scenario/apply-limit-range.js';
import { PodPhase } from '../../src/simulation/pod-phase.js';
import type { WorkloadConfig } from '../../src/scenario/types.js';
import type { ResourceQuotaConfig } from '../../src/scenario/resolve-namespaces.js';
import { idleWorkload, runCapturing, scenarioFrom, withNamespaces } from './helpers.js';

const Mi = 2 ** 20;
const Gi = 2 ** 30;
const pool = { name: 'pool', machineType: 'big-16', minNodes: 1, maxNodes: 1, initialNodes: 1 };
const cluster = {
  provider: 'generic',
  nodeAutoscaler: { type: 'none' },
  instanceTypes: [{ name: 'big-16', provider: 'generic', vcpu: 16, memory: '64Gi', onDemandHourly: 0.8 }],
  nodePools: [pool],
};

function workload(written: Record<string, unknown>): WorkloadConfig {
  return scenarioFrom({ duration: '1m', cluster, workloads: [idleWorkload('app', 1, '0', '0', written)] }).workloads[0]!;
}

const quota = (hard: Partial<ResourceQuotaConfig['hard']>): ResourceQuotaConfig => ({
  name: 'compute',
  hard: { requestsCpuMilli: null, requestsMemoryBytes: null, limitsCpuMilli: null, limitsMemoryBytes: null, pods: null, ...hard },
});
const used = (u: Partial<QuotaAmounts>): QuotaAmounts => ({ ...ZERO_USAGE, ...u });
const app = workload({ resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } });

describe('ResourceQuota admission (plugin/pkg/admission/resourcequota)', () => {
  test.each([
    { name: 'TestAdmitBelowQuotaLimit', q: quota({ requestsCpuMilli: 3000, pods: 5 }), u: used({ requestsCpuMilli: 1000, pods: 3 }), allowed: true, message: 'within quota compute' },
    {
      // 1600m used + 500m requested = 2100m > 2 cores.
      name: 'TestAdmitExceedQuotaLimit',
      q: quota({ requestsCpuMilli: 2000 }),
      u: used({ requestsCpuMilli: 1600 }),
      allowed: false,
      message: 'exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=1600m, limited: requests.cpu=2',
    },
    {
      // Only the exceeded resources are printed, sorted by name (prettyPrint); memory still fits.
      name: 'exceeded pods and limits.cpu, memory within quota',
      q: quota({ pods: 3, limitsCpuMilli: 3000, requestsMemoryBytes: 4 * Gi }),
      u: used({ pods: 3, limitsCpuMilli: 2500, requestsMemoryBytes: 768 * Mi }),
      allowed: false,
      message: 'exceeded quota: compute, requested: limits.cpu=1,pods=1, used: limits.cpu=2500m,pods=3, limited: limits.cpu=3,pods=3',
    },
    {
      // At exactly hard the pod is admitted (LessThanOrEqual).
      name: 'usage may reach hard exactly',
      q: quota({ requestsCpuMilli: 2000 }),
      u: used({ requestsCpuMilli: 1500 }),
      allowed: true,
      message: 'within quota compute',
    },
  ])('$name', ({ q, u, allowed, message }) => {
    expect(checkQuota(q, u, app)).toMatchObject({ allowed, message });
  });

  test('TestAdmitEnforceQuotaConstraints: a tracked resource the pod does not set is refused', () => {
    const noLimits = workload({ resources: { requests: { cpu: '500m', memory: '256Mi' } } });
    expect(checkQuota(quota({ limitsCpuMilli: 4000, limitsMemoryBytes: 8 * Gi }), ZERO_USAGE, noLimits)).toEqual({
      allowed: false,
      reason: 'MissingQuotaResource',
      message: 'failed quota: compute: must specify limits.cpu,limits.memory',
    });
  });
});

describe('LimitRange (plugin/pkg/admission/limitranger)', () => {
  const limitRange = withNamespaces(scenarioFrom({ duration: '1m', cluster, workloads: [idleWorkload('app', 1, '0', '0')] }), [
    {
      name: 'default',
      limitRange: { limits: [{ type: 'Container', max: { cpu: '2' }, default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' }, min: { cpu: '100m' } }] },
    },
  ]).namespaces[0]!.limitRange;

  test('an unset limit gets default (cpu: max, as API defaulting fills default from max); an unset request gets defaultRequest', () => {
    // cpu: default <- max 2, then defaultRequest <- default 2 (SetDefaults_LimitRangeItem).
    const bare = workload({});
    expect(applyLimitRange(bare, limitRange)).toMatchObject({
      requests: { cpuMilli: 2000, memoryBytes: 256 * Mi },
      limits: { cpuMilli: 2000, memoryBytes: 512 * Mi },
    });
  });

  test('a request set by the workload is kept; only the missing limit is defaulted', () => {
    const requestOnly = workload({ resources: { requests: { cpu: '300m', memory: '128Mi' } } });
    expect(applyLimitRange(requestOnly, limitRange)).toMatchObject({ requests: { cpuMilli: 300, memoryBytes: 128 * Mi }, limits: { cpuMilli: 2000, memoryBytes: 512 * Mi } });
  });

  test.each([
    { name: 'limit above max', written: { resources: { requests: { cpu: '500m' }, limits: { cpu: '4' } } }, message: 'maximum cpu usage per Container is 2, but limit is 4' },
    { name: 'request below min', written: { resources: { requests: { cpu: '50m' }, limits: { cpu: '1' } } }, message: 'minimum cpu usage per Container is 100m, but request is 50m' },
  ])('$name is refused with the upstream message', ({ written, message }) => {
    expect(limitRangeViolations(workload(written), limitRange)).toEqual([message]);
  });
});

describe('a ResourceQuota caps the HPA in the running simulation', () => {
  // payments (namespace payments): request 500m, no limit, HPA target 50% (250m per pod), load
  // 200 rps x 10 ms = 2 cores. Quota requests.cpu = 2 admits floor(2000 / 500) = 4 pods.
  // With 4 pods each uses 2000 / 4 = 500m = 100% of its request, so the HPA wants
  // ceil(4 x 100 / 50) = 8 replicas; 8 - 4 = 4 pods are refused.
  const scenario = withNamespaces(
    scenarioFrom({
      duration: '4m',
      simulation: { step: '5s', sampleInterval: '10s', metricResolution: '15s' },
      cluster,
      workloads: [
        {
          ...idleWorkload('payments', 1, '500m', '256Mi'),
          namespace: 'payments',
          load: { type: 'constant', rps: 200, noise: 'none' },
          cpuPerRequestCv: 0,
          workerThreads: 4,
          hpa: { minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
        },
      ],
    }),
    [{ name: 'payments', resourceQuota: { name: 'payments-quota', hard: { 'requests.cpu': '2' } } }],
  );
  let maxPods = 0;
  const run = runCapturing(scenario, (sim) => {
    new Periodic(sim.env, 'check', 1000, () => {
      let n = 0;
      for (let p = 0; p < sim.state.podHighWater; p++) if (sim.state.podPhase[p] !== PodPhase.free) n++;
      maxPods = Math.max(maxPods, n);
    }, Priority.late).start(0);
  });

  test('never more pods than the quota admits (4), terminating ones included', () => {
    expect(maxPods).toBe(4);
  });

  test('the HPA asks for 8 and the shortfall of 4 is visible', () => {
    expect(Math.max(...run.result.hpaDecisions.payments!.map((d) => d.to))).toBe(8);
    expect(run.nodeAutoscaling.quota?.workloads.payments).toMatchObject({ namespace: 'payments', peakShortfall: 4 });
    expect(run.nodeAutoscaling.quota?.workloads.payments?.blockedSeconds).toBeGreaterThan(0);
    expect(run.nodeAutoscaling.quota?.peakUsed.payments).toMatchObject({ requestsCpuMilli: 2000, pods: 4 });
  });

  test('refusals are ReplicaSet FailedCreate events with the apiserver message', () => {
    const failed = run.result.events.find((e) => e.reason === 'FailedCreate');
    expect(failed?.source).toBe('replicaset');
    expect(failed?.message).toMatch(
      /^Error creating: pods "payments-\d+" is forbidden: exceeded quota: payments-quota, requested: requests.cpu=500m, used: requests.cpu=2, limited: requests.cpu=2$/,
    );
  });
});
