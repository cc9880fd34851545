import { sharesToWeightV2 } from '../models/cpu/kubelet-mapping.js';
import type { ClusterConfig } from '../scenario/types.js';

/**
 * The scheduling weight the kernel sees for a cgroup with v1 `cpu.shares` = `shares`: the shares
 * themselves on cgroup v1 nodes, or the runtime's `cpu.weight` conversion on cgroup v2 nodes
 * (legacy affine, or the newer log-quadratic one of runc #4785; docs/models/cpu.md#from-requests-and-limits-to-cgroup-settings).
 * Only ratios matter to the split, so every level uses the same conversion.
 */
export function cgroupWeight(shares: number, conversion: ClusterConfig['cpuWeightConversion']): number {
  switch (conversion) {
    case 'cgroup-v1-shares':
      return shares;
    case 'v2-legacy':
      return sharesToWeightV2(shares, 'legacy');
    case 'v2-new':
      return sharesToWeightV2(shares, 'runc-4785');
  }
}
