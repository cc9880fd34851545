/**
 * Weighted max-min fair allocation with caps ("water-filling", docs/models/cpu.md#sharing-by-weight-hierarchical-water-filling): each entity k gets
 * min(u_k, λ·w_k) with λ chosen so the total equals the capacity, or its cap if all caps fit.
 * This is what CFS/EEVDF converges to among runnable groups: idle groups (cap 0) reserve nothing.
 */

/** Scratch for {@link waterFill}; create once per maximum entity count. */
export interface WaterFillScratch {
  /** 1 while entity k is still uncapped. */
  readonly active: Uint8Array;
  /**
   * [capacity] of {@link fillLevel}: a number passed to a call V8 does not inline is a heap
   * allocation, and the CPU split fills levels for every node, step and what-if.
   */
  readonly capacity: Float64Array;
}

/** Scratch large enough for `maxEntities` entities. */
export function createWaterFillScratch(maxEntities: number): WaterFillScratch {
  return { active: new Uint8Array(Math.max(1, maxEntities)), capacity: new Float64Array(1) };
}

/**
 * Weighted max-min fair split of `capacity` among `n` entities. Allocation-free.
 *
 * Progressive filling: with λ = R_left / W_left, every entity whose cap is ≤ λ·w gets its cap and
 * leaves; λ only grows when capped entities leave, so an entity capped once stays capped. At most n
 * rounds of O(n); n is a node's pods or containers.
 *
 * @param weights weight per entity (shares; > 0 for entities that may receive CPU)
 * @param caps cap per entity in cores (≤ 0 = idle: receives 0)
 * @param n number of entities (prefix of the arrays)
 * @param capacity cores to share
 * @param out received cores per entity (written for 0..n-1)
 * @param scratch from {@link createWaterFillScratch}
 */
export function waterFill(
  weights: Float64Array,
  caps: Float64Array,
  n: number,
  capacity: number,
  out: Float64Array,
  scratch: WaterFillScratch,
): void {
  scratch.capacity[0] = capacity;
  fillLevel(weights, caps, n, out, scratch);
}

/** {@link waterFill} of `scratch.capacity[0]` cores. */
export function fillLevel(weights: Float64Array, caps: Float64Array, n: number, out: Float64Array, scratch: WaterFillScratch): void {
  const capacity = scratch.capacity[0]!;
  const active = scratch.active;
  let activeCount = 0;
  for (let k = 0; k < n; k++) {
    out[k] = 0;
    const on = caps[k]! > 0 && weights[k]! > 0 ? 1 : 0;
    active[k] = on;
    activeCount += on;
  }
  let left = capacity > 0 ? capacity : 0;
  while (activeCount > 0 && left > 0) {
    let w = 0;
    for (let k = 0; k < n; k++) if (active[k] === 1) w += weights[k]!;
    const lambda = left / w;
    let cappedAny = false;
    for (let k = 0; k < n; k++) {
      if (active[k] === 1 && caps[k]! <= lambda * weights[k]!) {
        out[k] = caps[k]!;
        left -= caps[k]!;
        active[k] = 0;
        activeCount--;
        cappedAny = true;
      }
    }
    if (!cappedAny) {
      for (let k = 0; k < n; k++) if (active[k] === 1) out[k] = lambda * weights[k]!;
      left = 0;
      break;
    }
    if (left < 0) left = 0;
  }
}
