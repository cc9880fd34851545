import type { MetricUnit } from './metric-catalog.js';

/** A metric value as people read it: "$372", "52.6%", "121 ms", "3.8", "12 min". */
export function formatValue(v: number | null, unit: MetricUnit, signed = false): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const sign = signed && v > 0 ? '+' : signed && v < 0 ? '-' : '';
  const a = signed ? Math.abs(v) : v;
  switch (unit) {
    case 'usd':
      return `${sign}$${a >= 100 ? a.toFixed(0) : a.toFixed(2)}`;
    case 'ratio':
      return `${sign}${(a * 100).toFixed(1)}%`;
    case 'ms':
      return a >= 10_000 ? `${sign}${(a / 1000).toFixed(1)} s` : `${sign}${a >= 100 ? a.toFixed(0) : a.toFixed(1)} ms`;
    case 'minutes':
      return `${sign}${a >= 100 ? a.toFixed(0) : a.toFixed(1)} min`;
    case 'cores':
      return `${sign}${a.toFixed(2)}`;
    case 'count':
      return `${sign}${Number.isInteger(a) ? a.toFixed(0) : a.toFixed(1)}`;
  }
}
