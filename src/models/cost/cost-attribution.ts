/**
 * Node cost over time and its attribution to workloads.
 *
 * Attribution follows OpenCost's allocation model restricted to requests: a node's hourly price is
 * split into a CPU part and a RAM part in the ratio of OpenCost's default unit prices
 * (`costDefaults.attribution*`), and each workload is charged
 *   cpuShare × cpuCost + memShare × ramCost,  share = Σ requests / node capacity,
 * i.e. a weighted blend of CPU and memory shares (OpenCost charges max(request, usage); the
 * simulator attributes requests only). Whatever is not charged, including kube-reserved room, is idle.
 */
import { costDefaults } from './defaults.js';

const MS_PER_HOUR = 3_600_000;
const GiB = 2 ** 30;

/** Cost of one node for [startMs, endMs): node-hours × hourly price, USD. */
export function nodeCostUsd(hourlyPriceUsd: number, startMs: number, endMs: number): number {
  return (Math.max(0, endMs - startMs) / MS_PER_HOUR) * hourlyPriceUsd;
}

/** Monthly projection of an hourly spend, USD/month: × 730 h (`costDefaults.hoursPerMonth`). */
export function projectMonthlyCostUsd(hourlyUsd: number, hoursPerMonth: number = costDefaults.hoursPerMonth): number {
  return hourlyUsd * hoursPerMonth;
}

/** A node's hourly price split into CPU and memory parts, USD/h; the parts sum to the price. */
export function splitNodePrice(
  hourlyPriceUsd: number,
  capacityCpuMilli: number,
  capacityMemoryBytes: number,
): { readonly cpuUsdPerHour: number; readonly memoryUsdPerHour: number } {
  const cpuWeight = (capacityCpuMilli / 1000) * costDefaults.attributionCpuUsdPerVcpuHour;
  const memWeight = (capacityMemoryBytes / GiB) * costDefaults.attributionRamUsdPerGiBHour;
  const total = cpuWeight + memWeight;
  const cpuFraction = total > 0 ? cpuWeight / total : 0.5;
  return { cpuUsdPerHour: hourlyPriceUsd * cpuFraction, memoryUsdPerHour: hourlyPriceUsd * (1 - cpuFraction) };
}

/** Requests of one pod held on a node during a segment. */
export interface CostPodRequests {
  readonly workload: string;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

/** A node and the pods it held, unchanged during [startMs, endMs). */
export interface CostNodeSegment {
  readonly nodeName: string;
  readonly hourlyPriceUsd: number;
  readonly capacityCpuMilli: number;
  readonly capacityMemoryBytes: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly pods: readonly CostPodRequests[];
}

/** Result of {@link attributeCost}; `Σ byWorkloadUsd + idleUsd = totalUsd`. */
export interface CostAttribution {
  readonly totalUsd: number;
  readonly idleUsd: number;
  readonly nodeHours: number;
  readonly byWorkloadUsd: Readonly<Record<string, number>>;
}

/** Adds each segment's node cost and charges it to the workloads by their requested share. */
export function attributeCost(segments: readonly CostNodeSegment[]): CostAttribution {
  let totalUsd = 0;
  let nodeHours = 0;
  const byWorkload: Record<string, number> = {};
  for (const seg of segments) {
    const hours = Math.max(0, seg.endMs - seg.startMs) / MS_PER_HOUR;
    nodeHours += hours;
    totalUsd += hours * seg.hourlyPriceUsd;
    const { cpuUsdPerHour, memoryUsdPerHour } = splitNodePrice(seg.hourlyPriceUsd, seg.capacityCpuMilli, seg.capacityMemoryBytes);
    let cpuSum = 0;
    let memSum = 0;
    for (const p of seg.pods) {
      cpuSum += p.cpuMilli;
      memSum += p.memoryBytes;
    }
    // Requests cannot exceed capacity on a real node; scale down if a caller over-commits so the
    // charged amount never exceeds the node cost.
    const cpuScale = cpuSum > seg.capacityCpuMilli ? seg.capacityCpuMilli / cpuSum : 1;
    const memScale = memSum > seg.capacityMemoryBytes ? seg.capacityMemoryBytes / memSum : 1;
    for (const p of seg.pods) {
      const cpuShare = seg.capacityCpuMilli > 0 ? (p.cpuMilli * cpuScale) / seg.capacityCpuMilli : 0;
      const memShare = seg.capacityMemoryBytes > 0 ? (p.memoryBytes * memScale) / seg.capacityMemoryBytes : 0;
      const usd = hours * (cpuShare * cpuUsdPerHour + memShare * memoryUsdPerHour);
      byWorkload[p.workload] = (byWorkload[p.workload] ?? 0) + usd;
    }
  }
  let charged = 0;
  for (const v of Object.values(byWorkload)) charged += v;
  return { totalUsd, idleUsd: Math.max(0, totalUsd - charged), nodeHours, byWorkloadUsd: byWorkload };
}
