/**
 * Scale scenarios for the performance bench: a shared cluster of N nodes running about 10 N pods
 * of a few dozen to a few hundred workloads. Deterministic (a fixed seed per size), so the
 * checked-in files in bench/scale/scenarios/ are what this script writes; `--check` only compares.
 *
 *   node --import tsx bench/scale/generate.ts [--check]
 *
 * The shape follows what capacity planning meets on a real cluster:
 * - two Cluster Autoscaler pools: a general one of e2-standard-8 (about 80 % of the nodes) and an
 *   n2-standard-8 pool that a fifth of the workloads select with a nodeSelector;
 * - two DaemonSets on every node (node agents 200m, a log shipper 100m);
 * - requests from 100m to 1 CPU, limits 2 to 3 times the request (a tenth without a CPU limit);
 * - an HPA on every other workload (CPU utilization 60 to 80 %, maxReplicas about 1.6 times the
 *   starting replicas, so that the pod total stays within the default input limits);
 * - load sized so that the peak demand is about 70 % of the requested CPU: daily (diurnal) for most,
 *   weekly with a quieter weekend for a quarter, constant for a tenth.
 * The duration in the files is one hour; the bench passes --duration 24h or 7d. The `-steady` file
 * is the 1,000-node cluster with every load held at 80 % of its peak and no noise (a load test).
 * The `-karpenter` file runs the same workloads on EKS under Karpenter: two NodePools labelled as
 * the two pools above (general m5.2xlarge or m5.xlarge, n2 c5.2xlarge or c5.xlarge), with
 * Karpenter's defaults for consolidation and budgets.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { stringify } from 'yaml';

/** One scale case: nodes at the start, workload pods at the start, workloads. */
export interface ScaleSize {
  readonly name: string;
  readonly nodes: number;
  readonly pods: number;
  readonly workloads: number;
  /**
   * Every load held at 80 % of its peak without noise, on the same cluster and workloads as the
   * size of this name: a load test, whose quiet steps the CPU step replays. @default false
   */
  readonly steady?: boolean;
  /** Karpenter on EKS instead of the Cluster Autoscaler on GKE, same workloads. @default false */
  readonly karpenter?: boolean;
}

export const SCALE_SIZES: readonly ScaleSize[] = [
  { name: 'scale-10-nodes', nodes: 10, pods: 100, workloads: 20 },
  { name: 'scale-100-nodes', nodes: 100, pods: 1_000, workloads: 100 },
  { name: 'scale-1000-nodes', nodes: 1_000, pods: 10_000, workloads: 400 },
];

/** The quiet case: the 1,000-node cluster under a held load (bench part `quiet`). */
export const QUIET_SIZES: readonly ScaleSize[] = [{ name: 'scale-1000-nodes', nodes: 1_000, pods: 10_000, workloads: 400, steady: true }];

/** The 1,000-node cluster under Karpenter (bench part `karpenter`). */
export const KARPENTER_SIZES: readonly ScaleSize[] = [{ name: 'scale-1000-nodes', nodes: 1_000, pods: 10_000, workloads: 400, karpenter: true }];

export const SCENARIO_DIR = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');

/** The scenario document of one size, as a plain object ready for YAML. */
export function scaleScenario(size: ScaleSize): Record<string, unknown> {
  const random = seedrandom.alea(`kube-whatif scale ${size.name}`);
  const between = (low: number, high: number): number => low + (high - low) * random();
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

  const replicas = splitPods(size.pods, size.workloads, random);
  const workloads = replicas.map((n, i) => {
    const name = `${pick(PREFIXES)}-${String(i).padStart(3, '0')}`;
    const requestMilli = Math.round(between(100, 1000) / 50) * 50;
    const limitMilli = random() < 0.1 ? null : Math.round((requestMilli * between(2, 3)) / 50) * 50;
    const cpuPerRequestMs = Math.round(between(2, 40));
    // Peak demand 70 % of the requested CPU: rps * cpuPerRequest = 0.7 * replicas * request.
    const peakRps = round2((0.7 * n * requestMilli) / cpuPerRequestMs);
    const kind = random();
    const shaped =
      kind < 0.1
        ? { type: 'constant', rps: round2(peakRps * 0.6) }
        : kind < 0.35
          ? { type: 'weekly', minRps: round2(peakRps * 0.25), maxRps: peakRps, peakAt: pick(PEAKS), weekendFactor: 0.5, startDay: 'Monday' }
          : { type: 'diurnal', minRps: round2(peakRps * 0.3), maxRps: peakRps, peakAt: pick(PEAKS) };
    const load = size.steady ? { type: 'constant', rps: round2(peakRps * 0.8), noise: 'none' } : shaped;
    const hpa =
      i % 2 === 0
        ? {
            minReplicas: Math.max(1, Math.ceil(n / 2)),
            maxReplicas: Math.max(2, Math.ceil(n * 1.6)),
            metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: pick([60, 70, 75, 80]) } } }],
          }
        : undefined;
    return {
      name,
      replicas: n,
      resources: {
        requests: { cpu: `${requestMilli}m`, memory: `${pick([128, 256, 512, 1024])}Mi` },
        ...(limitMilli === null ? {} : { limits: { cpu: `${limitMilli}m`, memory: '2Gi' } }),
      },
      ...(i % 5 === 4 ? { nodeSelector: { pool: 'n2' } } : {}),
      ...(hpa ? { hpa } : {}),
      load,
      cpuPerRequest: `${cpuPerRequestMs}ms`,
      workerThreads: pick([2, 4, 8]),
    };
  });

  const n2Nodes = Math.max(2, Math.round(size.nodes * 0.2));
  const generalNodes = size.nodes - n2Nodes;
  const pool = (name: string, machineType: string, nodes: number, labels: Record<string, string>) => ({
    name,
    machineType,
    minNodes: Math.max(1, Math.floor(nodes / 2)),
    maxNodes: Math.min(1_000, Math.ceil(nodes * 1.3)),
    initialNodes: nodes,
    labels,
  });
  const nodePool = (name: string, instanceTypes: readonly string[], nodes: number) => ({
    name,
    instanceTypes,
    maxNodes: Math.min(1_000, Math.ceil(nodes * 1.3)),
    initialNodes: nodes,
    labels: { pool: name },
  });
  const variant = size.steady ? ', every load held at 80 % of its peak without noise' : size.karpenter ? ', under Karpenter on EKS' : '';
  return {
    apiVersion: 'kube-whatif/v1',
    kind: 'Scenario',
    metadata: {
      name: scaleScenarioName(size),
      description: `${size.nodes} nodes, ${size.pods} pods of ${size.workloads} workloads${variant} (bench/scale/generate.ts)`,
    },
    spec: {
      duration: '1h',
      seed: 1,
      cluster: {
        ...(size.karpenter
          ? {
              provider: 'eks',
              nodeAutoscaler: { type: 'karpenter' },
              nodePools: [nodePool('general', ['m5.2xlarge', 'm5.xlarge'], generalNodes), nodePool('n2', ['c5.2xlarge', 'c5.xlarge'], n2Nodes)],
            }
          : {
              provider: 'gke',
              nodeAutoscaler: { type: 'cluster-autoscaler', expander: 'least-waste' },
              nodePools: [pool('general', 'e2-standard-8', generalNodes, { pool: 'general' }), pool('n2', 'n2-standard-8', n2Nodes, { pool: 'n2' })],
            }),
        daemonSets: [
          { name: 'node-agents', resources: { requests: { cpu: '200m', memory: '300Mi' } } },
          { name: 'log-shipper', resources: { requests: { cpu: '100m', memory: '200Mi' } } },
        ],
      },
      workloads,
    },
  };
}

const PREFIXES = ['api', 'web', 'checkout', 'search', 'auth', 'catalog', 'orders', 'billing', 'events', 'media', 'profile', 'reports'] as const;
const PEAKS = ['09:00', '11:00', '13:00', '15:00', '20:00'] as const;

/** `total` pods over `count` workloads, each at least 1, varied about the mean, summing exactly. */
function splitPods(total: number, count: number, random: () => number): number[] {
  const mean = total / count;
  const raw = Array.from({ length: count }, () => Math.max(1, Math.round(mean * (0.4 + 1.2 * random()))));
  let diff = total - raw.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % count) {
    if (diff > 0) {
      raw[i]!++;
      diff--;
    } else if (raw[i]! > 1) {
      raw[i]!--;
      diff++;
    }
  }
  return raw;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The scenario's name and file name: the size's, `-steady` for a held load, `-karpenter` under Karpenter. */
export function scaleScenarioName(size: ScaleSize): string {
  return size.steady ? `${size.name}-steady` : size.karpenter ? `${size.name}-karpenter` : size.name;
}

export function scaleScenarioPath(size: ScaleSize): string {
  return join(SCENARIO_DIR, `${scaleScenarioName(size)}.yaml`);
}

export function scaleScenarioText(size: ScaleSize): string {
  return `# Generated by bench/scale/generate.ts; do not edit (run it again).\n${stringify(scaleScenario(size), { lineWidth: 0 })}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const size of [...SCALE_SIZES, ...QUIET_SIZES, ...KARPENTER_SIZES]) {
    const path = scaleScenarioPath(size);
    const text = scaleScenarioText(size);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // Missing counts as stale.
      }
      if (current !== text) {
        console.error(`${path} is not what the generator writes; run node --import tsx bench/scale/generate.ts`);
        stale++;
      }
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      console.log(`${path}: ${size.nodes} nodes, ${size.pods} pods, ${size.workloads} workloads${size.steady ? ', held load' : size.karpenter ? ', Karpenter' : ''}`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
