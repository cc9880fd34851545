/** Plain words for a static explanation (see explain.ts): what the change means before simulating. */
import { displayField } from '../scenario/upstream-field.js';
import type { ChangedField } from '../scenario/config-diff.js';
import type { ConfigBounds, Explanation, PoolBounds, WorkloadBounds } from '../explain/explain-change.js';
import { formatValue } from './format-value.js';
import { terminalSafe } from './escape.js';

/** The explanation as terminal text: one block per changed workload and per pool whose bounds move. */
export function renderExplanation(explanation: Explanation): string {
  // Names come from the scenario: no control sequence reaches the terminal.
  const e = terminalSafe(explanation);
  const out: string[] = [`whatif explain: ${e.scenario}`, `change: ${e.description || '(none)'}`, ''];
  if (!e.after) {
    out.push('The scenario has no change; bounds of its one configuration:', '');
    for (const p of e.before.pools) out.push(...poolBlock(p, p));
    return `${out.join('\n')}\n`;
  }
  for (const name of e.changed) out.push(...workloadBlock(name, e));
  const other = e.fields.filter((f) => !/^workloads\./.test(f.path));
  if (other.length > 0) out.push('other changes', ...other.map(displayField).map((d) => `  - ${d.path}: ${d.before} -> ${d.after}`), '');
  const after = e.after;
  const touched = new Set(e.changed.flatMap((n) => [...(find(e.before, n)?.pools ?? []), ...(find(after, n)?.pools ?? [])]));
  for (const p of after.pools) {
    const b = e.before.pools.find((x) => x.name === p.name);
    const moved = b && (b.nodesAtMax !== p.nodesAtMax || b.nodesAtMin !== p.nodesAtMin || b.pendingAtMax !== p.pendingAtMax);
    if (b && (moved || touched.has(p.name))) out.push(...poolBlock(b, p));
  }
  out.push('These are bounds from the configuration alone; `whatif compare` simulates what the load actually does.');
  return `${out.join('\n')}\n`;
}

function workloadBlock(name: string, e: Explanation): string[] {
  const before = find(e.before, name);
  const after = find(e.after!, name);
  const fields = e.fields.filter((f) => f.path.startsWith(`workloads.${name}.`));
  const parts = phrases(fields, name);
  const changes = joinAnd(parts);
  const lines = [name];
  if (before && after) {
    const base = after.maxCpuMilli > before.maxCpuMilli ? 'raise' : after.maxCpuMilli < before.maxCpuMilli ? 'lower' : 'keep';
    const verb = parts.length === 1 ? `${base}s` : base;
    const cpu = base === 'keep' ? `at ${cores(after.maxCpuMilli)} cores` : `from ${cores(before.maxCpuMilli)} to ${cores(after.maxCpuMilli)} cores`;
    const mem = before.maxMemoryBytes !== after.maxMemoryBytes ? ` and its maximum memory requests from ${gib(before.maxMemoryBytes)} to ${gib(after.maxMemoryBytes)} GiB` : '';
    const ceiling = (v: number | null) => (v === null ? 'unlimited' : `${cores(v)} cores`);
    const cap = before.maxCpuLimitMilli !== after.maxCpuLimitMilli ? `; its CPU ceiling (maxReplicas x limits.cpu) goes from ${ceiling(before.maxCpuLimitMilli)} to ${ceiling(after.maxCpuLimitMilli)}` : '';
    lines.push(`  - ${changes} ${verb} ${possessive(name)} maximum CPU requests ${cpu} (maxReplicas x requests.cpu)${mem}${cap}.`);
    if (before.peak || after.peak) lines.push(`  - ${peakSentence(before, after)}`);
  } else {
    lines.push(`  - ${after ? 'added' : 'removed'} by the change${changes ? `: ${changes}` : ''}.`);
  }
  const b = after ?? before!;
  if (b.pools.length === 0) {
    lines.push(`  - It cannot land on any pool${b.tooBigFor.length ? ` (a pod is bigger than an empty node of ${b.tooBigFor.join(', ')})` : ' (taints, node selector or affinity)'}: its pods stay Pending.`);
  } else {
    const others = (e.after ?? e.before).workloads.filter((w) => w.name !== name && w.pools.some((p) => b.pools.includes(p))).map((w) => w.name);
    const where = b.pools.length === 1 ? `pool ${b.pools[0]}` : `pools ${b.pools.join(', ')}`;
    lines.push(`  - It can land on ${where}; ${others.length ? `these workloads share ${b.pools.length === 1 ? 'that pool' : 'them'}: ${others.join(', ')}` : 'no other workload shares it'}.`);
  }
  lines.push('');
  return lines;
}

function peakSentence(before: WorkloadBounds, after: WorkloadBounds): string {
  const p = after.peak ?? before.peak!;
  const wants = (b: WorkloadBounds): string => {
    const n = b.peak!.wantedReplicas;
    if (n === null) return `every replica it may have (idle CPU alone exceeds ${b.peak!.targetPercent}% of the request), so maxReplicas ${b.maxReplicas}`;
    const bound = n > b.maxReplicas ? `above maxReplicas ${b.maxReplicas}: it runs at ${b.maxReplicas}, each pod over its target` : n < b.minReplicas ? `below minReplicas ${b.minReplicas}` : `within maxReplicas ${b.maxReplicas}`;
    return `${n} pods (${b.peak!.targetPercent}% of ${milli(b.requestCpuMilli)}; ${bound})`;
  };
  const load = `At its peak load (${round(p.rps)} rps = ${round(p.cpuCores)} cores of CPU)`;
  if (before.peak && after.peak) return `${load} its HPA wants ${wants(before)} before and ${wants(after)} after.`;
  if (after.peak) return `${load} the new HPA wants ${wants(after)}; before, ${before.minReplicas} replica${before.minReplicas === 1 ? '' : 's'} served it.`;
  return `${load} its HPA wanted ${wants(before)}; after, ${after.minReplicas} fixed replica${after.minReplicas === 1 ? '' : 's'} serve it.`;
}

function poolBlock(b: PoolBounds, a: PoolBounds): string[] {
  const delta = a.nodesAtMax - b.nodesAtMax;
  const cost = a.monthlyUsdAtMax - b.monthlyUsdAtMax;
  const lines = [`pool ${a.name} (${a.instanceType}, ${formatValue(a.hourlyUsd, 'usd')}/h per node, ${a.minNodes}..${a.maxNodes} nodes)`];
  const more = delta > 0 ? `up to ${delta} more ${a.instanceType} node${delta === 1 ? '' : 's'}, up to ${formatValue(cost, 'usd')} more per month` : delta < 0 ? `up to ${-delta} fewer node${delta === -1 ? '' : 's'}, up to ${formatValue(-cost, 'usd')} less per month` : 'no change in nodes';
  const needs = (p: PoolBounds) => Math.max(p.minNodes, p.neededAtMax);
  const capped = [b, a].some((p) => p.pendingAtMax > 0) ? ` (the pool stops at maxNodes ${a.maxNodes}: about ${a.pendingAtMax} pods would not fit${b !== a ? `, ${b.pendingAtMax} before` : ''})` : '';
  const need = b === a ? `${needs(a)}` : `${needs(b)} -> ${needs(a)}`;
  lines.push(`  - With every workload at maxReplicas it needs ${need} nodes${capped}${b === a ? ` (${formatValue(a.monthlyUsdAtMax, 'usd')} per month)` : `: ${more}`}.`);
  lines.push(`  - At minReplicas: ${b === a ? '' : `${b.nodesAtMin} -> `}${a.nodesAtMin} nodes (${b === a ? '' : `${formatValue(b.monthlyUsdAtMin, 'usd')} -> `}${formatValue(a.monthlyUsdAtMin, 'usd')} per month).`);
  lines.push(`  - Workloads placed here: ${a.workloads.join(', ') || 'none'}.`, '');
  return lines;
}

/**
 * The workload's changed fields as people state them, replicas first; an HPA that appears or
 * goes away is one phrase, and fields that only moved from none to none are left out.
 */
function phrases(fields: readonly ChangedField[], name: string): string[] {
  const rest = (f: ChangedField) => f.path.slice(`workloads.${name}.`.length);
  const real = fields.filter((f) => !(f.before === null && f.after === null));
  const max = real.find((f) => rest(f) === 'hpa.maxReplicas');
  const hpaToggled = max !== undefined && (max.before === null || max.after === null);
  const out: { order: number; text: string }[] = [];
  if (hpaToggled) {
    const metrics = real.find((f) => rest(f) === 'hpa.metrics');
    const min = real.find((f) => rest(f) === 'hpa.minReplicas');
    const added = max.before === null;
    const range = `${show(added ? min?.after : min?.before)}..${show(added ? max.after : max.before)}`;
    out.push({ order: 0, text: `${added ? 'a new HPA' : 'removing the HPA'} (${range}${metrics ? `, ${metricText(added ? metrics.after : metrics.before)}` : ''})` });
  }
  for (const f of real) {
    const r = rest(f);
    if (hpaToggled && r.startsWith('hpa')) continue;
    const order = ORDER.findIndex((o) => r.startsWith(o));
    out.push({ order: order < 0 ? ORDER.length : order, text: changePhrase(r, f) });
  }
  return out.sort((a, b) => a.order - b.order).map((x) => x.text);
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "maxReplicas 10 -> 30", "requests.cpu 200m -> 500m" from a resolved-field change. */
function changePhrase(rest: string, f: ChangedField): string {
  const num = (v: unknown, fmt: (n: number) => string) => (typeof v === 'number' ? fmt(v) : 'none');
  switch (rest) {
    case 'hpa.maxReplicas':
      return `maxReplicas ${show(f.before)} -> ${show(f.after)}`;
    case 'hpa.minReplicas':
      return `minReplicas ${show(f.before)} -> ${show(f.after)}`;
    case 'requests.cpuMilli':
    case 'limits.cpuMilli':
      return `${rest.split('.')[0]}.cpu ${num(f.before, milli)} -> ${num(f.after, milli)}`;
    case 'requests.memoryBytes':
    case 'limits.memoryBytes':
      return `${rest.split('.')[0]}.memory ${num(f.before, mem)} -> ${num(f.after, mem)}`;
    case 'hpa.metrics':
      return `the HPA metrics (${metricText(f.before)} -> ${metricText(f.after)})`;
    default: {
      const d = displayField({ ...f, path: rest });
      return `${d.path} ${d.before} -> ${d.after}`;
    }
  }
}

function metricText(v: unknown): string {
  if (!Array.isArray(v)) return show(v);
  return v
    .map((m: { type?: string; resource?: { name?: string; target?: { averageUtilization?: number } } }) =>
      m.type === 'Resource' && m.resource?.target?.averageUtilization !== undefined ? `${m.resource.name} ${m.resource.target.averageUtilization}%` : String(m.type),
    )
    .join(', ');
}

/** Phrases in the order people state a scaling change: replicas, then requests, then limits. */
const ORDER = ['hpa.maxReplicas', 'hpa.minReplicas', 'replicas', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'hpa'];

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function find(c: ConfigBounds, name: string): WorkloadBounds | undefined {
  return c.workloads.find((w) => w.name === name);
}

function show(v: unknown): string {
  return v === null || v === undefined ? 'none' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const round = (x: number): string => String(Math.round(x * 100) / 100);
const cores = (m: number): string => round(m / 1000);
const gib = (b: number): string => round(b / 2 ** 30);
const milli = (m: number): string => (m % 1000 === 0 && m > 0 ? String(m / 1000) : `${m}m`);
const mem = (b: number): string => (b % 2 ** 30 === 0 && b > 0 ? `${b / 2 ** 30}Gi` : b % 2 ** 20 === 0 ? `${b / 2 ** 20}Mi` : String(b));
