/**
 * Hierarchical weighted water-filling of a node's cores (docs/models/cpu.md#sharing-by-weight-hierarchical-water-filling): root → {kubepods, system} →
 * {Guaranteed pods, burstable, besteffort} → pods → containers. Each level splits its parent's
 * allocation by weight with caps, so capacity a Burstable pod leaves unused goes to its Burstable
 * siblings first. Called every step for every node: allocation-free.
 */
import { QOS_BEST_EFFORT, QOS_BURSTABLE, QOS_GUARANTEED } from './qos-class.js';
import type { NodeCpuScratch, NodeCpuState } from './node-cpu-state.js';
import { waterFill } from './water-fill.js';

/**
 * Cores each container receives this step, from its mean demand capped by threads, cpuset and
 * limit. Writes `state.received`, `state.podReceived`, `state.systemReceived`.
 * Guarantees Σ received ≤ nodeCores and received_i ≤ min(demand, threads, cpuset, limit).
 * @returns total cores received by containers
 */
export function splitNodeCpu(state: NodeCpuState, scratch: NodeCpuScratch): number {
  return splitInto(state, scratch, -1, 0, state.received, state.podReceived, true);
}

/**
 * Core of the split. `override` ≥ 0 replaces that container's cap by `overrideCap` and lifts its
 * own and its pod's quota cap (used for burst-rate what-ifs, written to `out`/`podOut`). With
 * `caps`, every other container is capped at `min(caps[i], cpuset)` instead of its mean demand and
 * pod quotas are lifted too (the caller's caps say what each container runs in the what-if).
 * @internal
 */
export function splitInto(
  s: NodeCpuState,
  x: NodeCpuScratch,
  override: number,
  overrideCap: number,
  out: Float64Array,
  podOut: Float64Array,
  writeSystem: boolean,
  caps?: Float64Array,
): number {
  const nc = s.containerCount;
  const np = s.podCount;
  const { containerCap, podCap, podStart, podFill, byPod, w, u, a, ids, fill } = x;
  const overridePod = override >= 0 ? s.podIndex[override]! : -1;

  // Containers grouped by pod (counting sort) and their caps.
  podStart.fill(0, 0, np + 1);
  for (let i = 0; i < nc; i++) {
    const cap =
      i === override
        ? Math.min(overrideCap, s.cpusetCores[i]!)
        : caps
          ? Math.min(caps[i]!, s.cpusetCores[i]!)
          : Math.min(s.demandCores[i]!, s.parallelismCap[i]!, s.cpusetCores[i]!, s.limitCores[i]!);
    containerCap[i] = cap > 0 ? cap : 0;
    podStart[s.podIndex[i]! + 1]!++;
  }
  for (let p = 0; p < np; p++) {
    podStart[p + 1] = podStart[p + 1]! + podStart[p]!;
    podFill[p] = podStart[p]!;
    podCap[p] = 0;
  }
  for (let i = 0; i < nc; i++) {
    const p = s.podIndex[i]!;
    byPod[podFill[p]!++] = i;
    podCap[p] = podCap[p]! + containerCap[i]!;
  }
  let burstCap = 0;
  let bestCap = 0;
  let topCap = 0;
  for (let p = 0; p < np; p++) {
    const limit = p === overridePod || caps ? Infinity : s.podLimitCores[p]!;
    const cap = Math.min(podCap[p]!, limit, s.nodeCores);
    podCap[p] = cap;
    const q = s.podQos[p]!;
    if (q === QOS_BURSTABLE) burstCap += cap;
    else if (q === QOS_BEST_EFFORT) bestCap += cap;
    topCap += cap;
  }

  // Root: kubepods vs system daemons.
  w[0] = s.kubepodsShares;
  u[0] = topCap;
  w[1] = s.systemShares;
  u[1] = s.systemDemandCores;
  waterFill(w, u, 2, s.nodeCores, a, fill);
  const kubepods = a[0]!;
  if (writeSystem) s.systemReceived = a[1]!;

  // kubepods level: Guaranteed pods, the burstable group, the besteffort group.
  let m = 0;
  for (let p = 0; p < np; p++) {
    if (s.podQos[p] !== QOS_GUARANTEED) continue;
    ids[m] = p;
    w[m] = s.podShares[p]!;
    u[m++] = podCap[p]!;
  }
  const burstSlot = m;
  ids[m] = -1;
  w[m] = s.burstableShares;
  u[m++] = burstCap;
  ids[m] = -2;
  w[m] = s.besteffortShares;
  u[m++] = bestCap;
  waterFill(w, u, m, kubepods, a, fill);
  for (let k = 0; k < burstSlot; k++) podOut[ids[k]!] = a[k]!;
  const burstAlloc = a[burstSlot]!;
  const bestAlloc = a[burstSlot + 1]!;
  splitQosGroup(s, x, QOS_BURSTABLE, burstAlloc, podOut);
  splitQosGroup(s, x, QOS_BEST_EFFORT, bestAlloc, podOut);

  // Pod level: containers.
  let total = 0;
  for (let p = 0; p < np; p++) {
    const from = podStart[p]!;
    const to = podStart[p + 1]!;
    for (let j = from; j < to; j++) {
      const i = byPod[j]!;
      w[j - from] = s.shares[i]!;
      u[j - from] = containerCap[i]!;
    }
    waterFill(w, u, to - from, podOut[p]!, a, fill);
    for (let j = from; j < to; j++) {
      out[byPod[j]!] = a[j - from]!;
      total += a[j - from]!;
    }
  }
  return total;
}

function splitQosGroup(s: NodeCpuState, x: NodeCpuScratch, qos: number, alloc: number, podOut: Float64Array): void {
  const { w, u, a, groupPods, podCap, fill } = x;
  let m = 0;
  for (let p = 0; p < s.podCount; p++) {
    if (s.podQos[p] !== qos) continue;
    groupPods[m] = p;
    w[m] = s.podShares[p]!;
    u[m++] = podCap[p]!;
  }
  waterFill(w, u, m, alloc, a, fill);
  for (let k = 0; k < m; k++) podOut[groupPods[k]!] = a[k]!;
}
