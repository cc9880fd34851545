/**
 * Burst interference among the containers of a node (docs/models/latency.md#burst-interference): the mean-demand split
 * (§6.4 step 1) hides a neighbour whose mean is moderate but whose bursts take many cores. During
 * such a burst a small service gets only its weight share of the cores, so its requests stretch
 * and queue while its average CPU does not move. This estimates, per container, how often its
 * requests meet a neighbour's burst and the rate it gets then.
 *
 * Two-level demand per container j: it either runs a burst at level ℓ_j = min(threads, cpuset,
 * max(k_j, d_j)) cores (k_j = threads of one burst, the request fan-out) or runs nothing extra. Its mean work is
 * kept: β_j·r_j = a_j, with r_j its burst rate and a_j its received mean, so β_j = a_j / r_j.
 * Containers i and j burst independently, so a request of i meets at least one neighbour burst with
 * probability p_i = 1 − Π_{j≠i}(1 − β_j). Given that at least one bursts, neighbour j is bursting
 * with probability β_j/p_i; the contended what-if caps j at ℓ_j·min(1, β_j/p_i) (its expected
 * runnable cores in that condition, exact with one bursting neighbour) and i at its burst cap.
 */
import type { NodeCpuScratch, NodeCpuState } from './node-cpu-state.js';
import { splitWhatIf } from './split-node-cpu.js';

/** Relative margin below which two rates count as equal (no interference). */
const sameRate = 1e-9;

/**
 * Writes `burstFraction`, `contendedBurstCores`, `expectedBurstCores`, `contentionProb` and `contentionSeconds` for
 * containers 0..containerCount-1. Call after {@link computeBurstCores} with `allContainers` in the
 * same step. At most one extra split per container, only on nodes where the neighbours' bursts
 * do not fit beside it; allocation-free. Never changes `received` (a what-if, not an allocation).
 */
export function computeBurstInterference(s: NodeCpuState, x: NodeCpuScratch): void {
  const n = s.containerCount;
  const level = x.burstLevel;
  const caps = x.burstCap;
  const meanCaps = x.meanCap;
  // Π(1 − β) over bursting containers with β < 1; how many have β = 1; Σβ and Σβτ (finite τ) for
  // the mean burst length met, and how many bursting containers have an unknown length.
  let freeProduct = 1;
  let alwaysBursting = 0;
  let betaSum = 0;
  let betaTau = 0;
  let unknownTau = 0;
  let burstingReceived = 0;
  for (let j = 0; j < n; j++) {
    const podLimit = s.podLimitCores[s.podIndex[j]!]!;
    const threads = Math.min(s.parallelismCap[j]!, s.cpusetCores[j]!);
    const d = s.demandCores[j]!;
    const meanCap = Math.max(0, Math.min(d, threads, s.limitCores[j]!, podLimit));
    // No quota cap on the level: the quota is a budget per period, a burst runs on all its threads
    // until the budget is gone (docs/models/cpu.md#throttling-by-limits), so a throttled neighbour bursts above its limit.
    const l = Math.min(threads, Math.max(s.burstThreads[j]!, d));
    meanCaps[j] = meanCap;
    level[j] = l;
    const a = s.received[j]!;
    let beta = 0;
    if (l > meanCap * (1 + sameRate) && a > 0) {
      const rate = Math.min(l, s.burstCores[j]!);
      beta = rate > 0 ? Math.min(1, a / rate) : 0;
      const tau = s.burstWorkCoreSeconds[j]! / rate;
      betaSum += beta;
      burstingReceived += a;
      if (Number.isFinite(tau)) betaTau += beta * tau;
      else unknownTau++;
    }
    s.burstFraction[j] = beta;
    if (beta >= 1) alwaysBursting++;
    else freeProduct *= 1 - beta;
  }
  for (let i = 0; i < n; i++) {
    s.contendedBurstCores[i] = s.burstCores[i]!;
    s.expectedBurstCores[i] = s.burstCores[i]!;
    s.contentionProb[i] = 0;
    s.contentionSeconds[i] = Infinity;
    const bi = s.burstFraction[i]!;
    const others = alwaysBursting - (bi >= 1 ? 1 : 0);
    const p = others > 0 ? 1 : 1 - freeProduct / (1 - (bi >= 1 ? 0 : bi));
    if (!(p > sameRate) || !(s.demandCores[i]! > 0)) continue;
    const ownCap = Math.min(s.parallelismCap[i]!, s.cpusetCores[i]!);
    let total = Math.min(ownCap, s.nodeCores) + s.systemDemandCores;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const bj = s.burstFraction[j]!;
      const c = bj > 0 ? Math.max(meanCaps[j]!, level[j]! * Math.min(1, bj / p)) : meanCaps[j]!;
      caps[j] = c;
      total += c;
    }
    // Everything fits beside i: the neighbours' bursts take nothing from it.
    if (total <= s.nodeCores * (1 + sameRate)) continue;
    const cont = Math.min(splitWhatIf(s, x, i, ownCap, caps), s.burstCores[i]!);
    if (cont >= s.burstCores[i]! * (1 - sameRate)) continue;
    s.contendedBurstCores[i] = cont;
    s.contentionProb[i] = p;
    // With the bursting neighbours idle, i can also take the cores their mean used (an upper bound
    // of its rate then); the expected rate weighs that against the contended one.
    const idle = Math.min(ownCap, s.burstCores[i]! + burstingReceived - (bi > 0 ? s.received[i]! : 0));
    s.expectedBurstCores[i] = (1 - p) * Math.max(idle, s.burstCores[i]!) + p * cont;
    // Mean burst length met: the β-weighted mean over the neighbours (i's own term removed).
    const own = bi > 0 ? s.burstWorkCoreSeconds[i]! / Math.min(level[i]!, s.burstCores[i]!) : 0;
    const ownKnown = Number.isFinite(own);
    const unknown = unknownTau - (bi > 0 && !ownKnown ? 1 : 0);
    const sumB = betaSum - bi;
    const sumBT = betaTau - (ownKnown ? bi * own : 0);
    s.contentionSeconds[i] = unknown === 0 && sumB > 0 ? Math.max(0, sumBT) / sumB : Infinity;
  }
}
