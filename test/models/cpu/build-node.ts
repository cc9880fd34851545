/** Test builder: a NodeCpuState from a readable description. */
import { createNodeCpuScratch, createNodeCpuState, type NodeCpuState } from '../../../src/models/cpu/node-cpu-state.js';
import { QOS_BEST_EFFORT, QOS_BURSTABLE, QOS_GUARANTEED } from '../../../src/models/cpu/qos-class.js';

export interface BuildContainer {
  shares: number;
  demand: number;
  threads?: number;
  limit?: number;
  cpuset?: number;
}
export interface BuildPod {
  qos?: 'Guaranteed' | 'Burstable' | 'BestEffort';
  shares?: number;
  limit?: number;
  containers: BuildContainer[];
}
export interface BuildNode {
  cores: number;
  burstableShares?: number;
  systemDemand?: number;
  pods: BuildPod[];
}

export function buildNode(d: BuildNode): { state: NodeCpuState; scratch: ReturnType<typeof createNodeCpuScratch> } {
  const nc = d.pods.reduce((n, p) => n + p.containers.length, 0);
  const state = createNodeCpuState(nc + 2, d.pods.length + 1, d.cores);
  state.kubepodsShares = d.cores * 1024;
  state.systemDemandCores = d.systemDemand ?? 0;
  let burstReq = 0;
  let i = 0;
  d.pods.forEach((p, pi) => {
    const qos = p.qos ?? 'Burstable';
    state.podQos[pi] = qos === 'Guaranteed' ? QOS_GUARANTEED : qos === 'BestEffort' ? QOS_BEST_EFFORT : QOS_BURSTABLE;
    const podShares = p.shares ?? p.containers.reduce((s, c) => s + c.shares, 0);
    state.podShares[pi] = podShares;
    if (qos === 'Burstable') burstReq += podShares;
    state.podLimitCores[pi] = p.limit ?? Infinity;
    for (const c of p.containers) {
      state.podIndex[i] = pi;
      state.shares[i] = c.shares;
      state.demandCores[i] = c.demand;
      state.parallelismCap[i] = c.threads ?? c.demand;
      state.cpusetCores[i] = c.cpuset ?? d.cores;
      state.limitCores[i] = c.limit ?? Infinity;
      i++;
    }
  });
  state.burstableShares = d.burstableShares ?? Math.max(2, burstReq);
  state.containerCount = i;
  state.podCount = d.pods.length;
  return { state, scratch: createNodeCpuScratch(state) };
}
