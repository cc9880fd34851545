/**
 * A changed field of the resolved configuration under the name and in the units a scenario author
 * writes it (upstream Kubernetes names where they exist): `resources.requests.cpu: 200m -> 500m`,
 * not `requests.cpuMilli: 200 -> 500`.
 */
import type { ChangedField } from './config-diff.js';
import { formatBytes, formatCpuMilli } from '../quantities/format-quantity.js';
import { formatDuration } from '../quantities/duration.js';

export interface DisplayedField {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

type Format = (v: unknown) => string;

const asText: Format = (v) => (v === null || v === undefined ? 'not set' : typeof v === 'string' ? v : JSON.stringify(v));
const num = (f: (n: number) => string): Format => (v) => (typeof v === 'number' ? f(v) : asText(v));

/** Renamings of the last path segments, most specific first. */
const RULES: readonly (readonly [RegExp, string, Format])[] = [
  [/\.requests\.cpuMilli$/, '.resources.requests.cpu', num(formatCpuMilli)],
  [/\.requests\.memoryBytes$/, '.resources.requests.memory', num(formatBytes)],
  [/\.limits\.cpuMilli$/, '.resources.limits.cpu', num(formatCpuMilli)],
  [/\.limits\.memoryBytes$/, '.resources.limits.memory', num(formatBytes)],
  [/\.terminationGracePeriodMs$/, '.terminationGracePeriodSeconds', num((n) => String(n / 1000))],
  [/\.nodeAffinity$/, '.affinity.nodeAffinity', asText],
  [/\.(podAffinity|podAntiAffinity)\.required$/, '.affinity.$1.requiredDuringSchedulingIgnoredDuringExecution', asText],
  [/\.(podAffinity|podAntiAffinity)\.preferred$/, '.affinity.$1.preferredDuringSchedulingIgnoredDuringExecution', asText],
  [/\.(podAffinity|podAntiAffinity)$/, '.affinity.$1', asText],
  [/Milli$/, '', num(formatCpuMilli)],
  [/Bytes$/, '', num(formatBytes)],
  [/Ms$/, '', num((n) => formatDuration(n))],
];

export function displayField(f: ChangedField): DisplayedField {
  for (const [pattern, replacement, format] of RULES) {
    if (pattern.test(f.path)) return { path: f.path.replace(pattern, replacement), before: format(f.before), after: format(f.after) };
  }
  return { path: f.path, before: asText(f.before), after: asText(f.after) };
}
