/**
 * Hierarchical weighted water-filling of a node's cores (docs/models/cpu.md#sharing-by-weight-hierarchical-water-filling): root → {kubepods, system} →
 * {Guaranteed pods, burstable, besteffort} → pods → containers. Each level splits its parent's
 * allocation by weight with caps, so capacity a Burstable pod leaves unused goes to its Burstable
 * siblings first. Called every step for every node: allocation-free.
 */
import { QOS_BEST_EFFORT, QOS_BURSTABLE, QOS_GUARANTEED } from './qos-class.js';
import type { NodeCpuScratch, NodeCpuState } from './node-cpu-state.js';
import { fillLevel } from './water-fill.js';

/**
 * Cores each container receives this step, from its mean demand capped by threads, cpuset and
 * limit. Writes `state.received`, `state.podReceived`, `state.systemReceived`.
 * Guarantees Σ received ≤ nodeCores and received_i ≤ min(demand, threads, cpuset, limit).
 * @returns total cores received by containers
 */
export function splitNodeCpu(state: NodeCpuState, scratch: NodeCpuScratch): number {
  splitInto(state, scratch, -1, state.received, state.podReceived, true);
  return scratch.io[1]!;
}

/**
 * What container i can take in the mean split: its demand within its threads, its cpuset and its
 * limit (negative when nothing; callers clamp at 0).
 */
function meanContainerCap(s: NodeCpuState, i: number): number {
  return Math.min(s.demandCores[i]!, s.parallelismCap[i]!, s.cpusetCores[i]!, s.limitCores[i]!);
}

/**
 * Cores container `override` would receive if its cap were `overrideCap` with its own and its
 * pod's quota cap lifted (burst-rate what-ifs). With `caps`, every other container is capped at
 * `min(caps[i], cpuset)` instead of its mean demand and pod quotas are lifted too (the caller's caps
 * say what each container runs in the what-if). Uses `scratch.alt` and `scratch.altPod`; only the
 * override's pod is split among its containers, as the callers read nothing else. Call after
 * {@link splitNodeCpu} of the same state with the same scratch: a what-if reuses that split's
 * grouping of containers by pod and, without `caps`, its mean caps.
 */
export function splitWhatIf(s: NodeCpuState, x: NodeCpuScratch, override: number, overrideCap: number, caps?: Float64Array): number {
  x.io[0] = overrideCap;
  splitInto(s, x, override, x.alt, x.altPod, false, caps);
  return x.io[1]!;
}

/**
 * Core of the split: writes to `x.io[1]` the total received, or with `override` ≥ 0 (its cap in
 * `x.io[0]`) the override's cores for {@link splitWhatIf}, filling `podOut` and `out` only for the
 * override's pod and QoS group (the other pods' shares are work nobody reads, O(containers) of it
 * per what-if, run O(containers) times per node and step).
 */
function splitInto(
  s: NodeCpuState,
  x: NodeCpuScratch,
  override: number,
  out: Float64Array,
  podOut: Float64Array,
  writeSystem: boolean,
  caps?: Float64Array,
): void {
  const nc = s.containerCount;
  const np = s.podCount;
  const { containerCap, podCap, podStart, byPod, w, u, a, ids, fill } = x;
  const overridePod = override >= 0 ? s.podIndex[override]! : -1;

  capsOf(s, x, override, overridePod, caps);
  let burstCap = 0;
  let bestCap = 0;
  let topCap = 0;
  for (let p = 0; p < np; p++) {
    const limit = p === overridePod || caps ? Infinity : s.podLimitCores[p]!;
    const cap = Math.min(podCap[p]!, limit, s.nodeCores);
    podCap[p] = cap;
    if (overridePod < 0) x.fitPodCap[p] = cap;
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
  if (overridePod < 0) x.fitTop[0] = topCap;
  fill.capacity[0] = s.nodeCores;
  fillLevel(w, u, 2, a, fill);
  const kubepods = a[0]!;
  if (writeSystem) s.systemReceived = a[1]!;

  // kubepods level: Guaranteed pods, the burstable group, the besteffort group.
  let m = gather(s.podQos, np, QOS_GUARANTEED, s.podShares, podCap, ids, w, u);
  const burstSlot = m;
  ids[m] = -1;
  w[m] = s.burstableShares;
  u[m++] = burstCap;
  ids[m] = -2;
  w[m] = s.besteffortShares;
  u[m++] = bestCap;
  fill.capacity[0] = kubepods;
  fillLevel(w, u, m, a, fill);
  for (let k = 0; k < burstSlot; k++) podOut[ids[k]!] = a[k]!;
  const burstAlloc = a[burstSlot]!;
  const bestAlloc = a[burstSlot + 1]!;
  const overrideQos = overridePod >= 0 ? s.podQos[overridePod]! : -1;
  if (overrideQos < 0 || overrideQos === QOS_BURSTABLE) {
    fill.capacity[0] = burstAlloc;
    splitQosGroup(s, x, QOS_BURSTABLE, podOut);
  }
  if (overrideQos < 0 || overrideQos === QOS_BEST_EFFORT) {
    fill.capacity[0] = bestAlloc;
    splitQosGroup(s, x, QOS_BEST_EFFORT, podOut);
  }

  // Pod level: containers.
  if (overridePod >= 0) {
    // The pod's containers in container order, from the full split's grouping.
    let n = 0;
    for (let j = podStart[overridePod]!; j < podStart[overridePod + 1]!; j++) {
      const i = byPod[j]!;
      ids[n] = i;
      w[n] = s.shares[i]!;
      u[n++] = containerCap[i]!;
    }
    fill.capacity[0] = podOut[overridePod]!;
    fillLevel(w, u, n, a, fill);
    for (let k = 0; k < n; k++) out[ids[k]!] = a[k]!;
    x.io[1] = out[override]!;
    return;
  }
  let total = 0;
  for (let p = 0; p < np; p++) {
    const from = podStart[p]!;
    const to = podStart[p + 1]!;
    if (to - from === 1) {
      // One container: fillLevel's own arithmetic for a single entity, without its rounds.
      const i = byPod[from]!;
      const weight = s.shares[i]!;
      const cap = containerCap[i]!;
      const left = podOut[p]! > 0 ? podOut[p]! : 0;
      let got = 0;
      if (cap > 0 && weight > 0 && left > 0) {
        const level = (left / weight) * weight;
        got = cap <= level ? cap : level;
      }
      out[i] = got;
      total += got;
      continue;
    }
    for (let j = from; j < to; j++) {
      const i = byPod[j]!;
      w[j - from] = s.shares[i]!;
      u[j - from] = containerCap[i]!;
    }
    fill.capacity[0] = podOut[p]!;
    fillLevel(w, u, to - from, a, fill);
    for (let j = from; j < to; j++) {
      out[byPod[j]!] = a[j - from]!;
      total += a[j - from]!;
    }
  }
  x.io[1] = total;
}

/**
 * The split's caps into the scratch: per container (`containerCap`) and summed per pod in
 * container order (`podCap`, before the pods' limits). The full split (no override) also groups
 * containers by pod and keeps its caps for the what-ifs (`fitCap`, `fitPodSum`). Apart from
 * splitInto so that V8 keeps both small enough to inline their helpers: a number returned from a
 * call that is not inlined is a heap allocation, per container and what-if.
 */
function capsOf(s: NodeCpuState, x: NodeCpuScratch, override: number, overridePod: number, caps: Float64Array | undefined): void {
  const nc = s.containerCount;
  const np = s.podCount;
  const { containerCap, podCap, podStart, podFill, byPod, fitCap, fitPodSum } = x;
  const overrideCap = x.io[0]!;
  if (overridePod >= 0 && !caps) {
    // A burst what-if: every other container keeps its cap of the full split, which that split
    // left in fitCap and fitPodSum; only the override's pod is summed again, in container order.
    for (let p = 0; p < np; p++) podCap[p] = fitPodSum[p]!;
    let sum = 0;
    for (let j = podStart[overridePod]!; j < podStart[overridePod + 1]!; j++) {
      const i = byPod[j]!;
      const cap = i === override ? Math.min(overrideCap, s.cpusetCores[i]!) : fitCap[i]!;
      const c = cap > 0 ? cap : 0;
      containerCap[i] = c;
      sum += c;
    }
    podCap[overridePod] = sum;
  } else {
    // Caps, summed per pod in container order; the full split also groups containers by pod
    // (counting sort), which a what-if does not need. Callers add a pod's containers one after
    // the other, so the groups are usually runs already: then byPod stays the identity. Plain
    // loops, not fill(): these ranges are a node's few pods.
    if (overridePod < 0) for (let p = 0; p <= np; p++) podStart[p] = 0;
    for (let p = 0; p < np; p++) podCap[p] = 0;
    let grouped = true;
    for (let i = 0; i < nc; i++) {
      const cap = i === override ? Math.min(overrideCap, s.cpusetCores[i]!) : caps ? Math.min(caps[i]!, s.cpusetCores[i]!) : meanContainerCap(s, i);
      const c = cap > 0 ? cap : 0;
      containerCap[i] = c;
      const p = s.podIndex[i]!;
      podCap[p] = podCap[p]! + c;
      if (overridePod < 0) {
        podStart[p + 1]!++;
        if (i > 0 && p !== s.podIndex[i - 1]! && p !== s.podIndex[i - 1]! + 1) grouped = false;
      }
    }
    if (overridePod < 0) {
      if (nc > 0 && s.podIndex[0] !== 0) grouped = false;
      for (let p = 0; p < np; p++) {
        podStart[p + 1] = podStart[p + 1]! + podStart[p]!;
        podFill[p] = podStart[p]!;
      }
      if (grouped) for (let i = 0; i < nc; i++) byPod[i] = i;
      else for (let i = 0; i < nc; i++) byPod[podFill[s.podIndex[i]!]!++] = i;
      // The mean caps, for the burst what-ifs and their fit test (burst-cores.ts).
      for (let i = 0; i < nc; i++) fitCap[i] = containerCap[i]!;
      for (let p = 0; p < np; p++) fitPodSum[p] = podCap[p]!;
    }
  }
}

/** Splits `x.fill.capacity[0]` cores among the pods of QoS group `qos`. */
function splitQosGroup(s: NodeCpuState, x: NodeCpuScratch, qos: number, podOut: Float64Array): void {
  const { w, u, a, groupPods, podCap, fill } = x;
  const m = gather(s.podQos, s.podCount, qos, s.podShares, podCap, groupPods, w, u);
  fillLevel(w, u, m, a, fill);
  for (let k = 0; k < m; k++) podOut[groupPods[k]!] = a[k]!;
}

/** Entities k < n with keys[k] = key, in order, into `into` with their weights and caps; returns how many. */
function gather(keys: Int32Array, n: number, key: number, weights: Float64Array, caps: Float64Array, into: Int32Array, w: Float64Array, u: Float64Array): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (keys[k] !== key) continue;
    into[m] = k;
    w[m] = weights[k]!;
    u[m++] = caps[k]!;
  }
  return m;
}
