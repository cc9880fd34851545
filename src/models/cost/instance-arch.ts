/**
 * The CPU architecture of an instance type, for the kubelet's `kubernetes.io/arch` label. Clouds
 * do not publish it beside the price, so it follows their naming rules for Arm machine families:
 * - AWS: a `g` right after the generation digit marks Graviton (m7g, c7gn, r6gd, t4g) and the
 *   first-generation `a1` family is Arm too (EC2 instance-type naming conventions).
 * - GCP: the Tau T2A (`t2a-`) and Axion C4A/N4A (`c4a-`, `n4a-`) series are Arm.
 * - Azure: a `p` among the size's feature letters marks an Ampere Altra or Cobalt CPU
 *   (Standard_D4ps_v5, Standard_E8pds_v6; Azure VM size naming conventions).
 * Everything else is amd64. A scenario's `cluster.instanceTypes[].arch` overrides the rule.
 */
import type { CpuArchitecture, InstanceTypeInfo } from './types.js';

const AWS_ARM = /^(a1|[a-z]+\d+g[a-z]*)\./;
const GCP_ARM = /^(t2a|c4a|n4a)-/;
const AZURE_ARM = /^Standard_[A-Z]+\d+[a-oq-z]*p[a-z]*_v\d+$/;

export function instanceArch(info: Pick<InstanceTypeInfo, 'name' | 'arch'>): CpuArchitecture {
  if (info.arch !== undefined) return info.arch;
  const n = info.name;
  return AWS_ARM.test(n) || GCP_ARM.test(n) || AZURE_ARM.test(n) ? 'arm64' : 'amd64';
}
