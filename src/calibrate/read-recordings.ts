import { basename, dirname, resolve } from 'node:path';
import { parsePrometheusRange } from '../models/load/parse-prometheus-range.js';
import { parseCsvSeries } from '../models/load/parse-csv-series.js';
import { medianSpacingMs } from '../models/load/resample-series.js';
import type { TimeSeries } from '../models/load/time-series.js';
import type { ListFiles, ReadText } from '../scenario/import/input-files.js';
import type { Problem } from '../scenario/problem.js';
import { counterRate } from './counter-rate.js';
import { alignSeries } from './align-series.js';
import { GAP_FACTOR } from './defaults.js';
import { latencyQuantiles, parseLatencyHistogram, type LatencyHistogram } from './latency-histogram.js';
import { CLUSTER_PREFIX, SERIES_NAMES, type Recordings, type SeriesName, type WorkloadRecording } from './recording.js';

export type ReadRecordings = { ok: true; recordings: Recordings; warnings: readonly Problem[] } | { ok: false; problems: readonly Problem[] };

const FILE_PATTERN = /^(.+)\.([a-z0-9-]+)\.(json|csv)$/i;

/**
 * Reads a recordings folder (see SERIES_NAMES for the file names). Every problem in every file is
 * reported at once, located in its file; unknown file names are warnings, not errors, so a folder
 * can hold notes and licences.
 */
export function readRecordings(dir: string, readText: ReadText, listFiles: ListFiles): ReadRecordings {
  const files = listFiles(dir);
  if (!files) return { ok: false, problems: [problem(dir, `cannot read the recordings folder ${dir} (does it exist?)`)] };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const notes: string[] = [];
  const byWorkload = new Map<string, Partial<Record<SeriesName, TimeSeries>>>();
  const histograms = new Map<string, LatencyHistogram>();
  let nodes: TimeSeries | null = null;
  // Only the folder's own files: a subfolder may keep the original exports the recording came from.
  for (const file of files.filter((f) => resolve(dirname(f)) === resolve(dir))) {
    const name = basename(file);
    const m = FILE_PATTERN.exec(name);
    if (!m) {
      if (/\.(json|csv)$/i.test(name)) warnings.push({ ...problem(file, `not a recording name: expected <workload>.<series>.json|csv`), severity: 'warning' });
      continue;
    }
    const [, workload, series, ext] = m as unknown as [string, string, string, string];
    const isNodes = workload === CLUSTER_PREFIX && series === 'nodes';
    if (!isNodes && !(series in SERIES_NAMES)) {
      warnings.push({ ...problem(file, `unknown series "${series}"; known: ${Object.keys(SERIES_NAMES).join(', ')}, and ${CLUSTER_PREFIX}.nodes`), severity: 'warning' });
      continue;
    }
    const text = readText(file);
    if (text === undefined) {
      problems.push(problem(file, 'cannot read the file'));
      continue;
    }
    if (series === 'latency-buckets') {
      if (ext.toLowerCase() !== 'json') {
        problems.push(problem(file, 'a latency histogram needs the le label of each bucket: save it as a Prometheus query_range JSON response'));
        continue;
      }
      const h = parseLatencyHistogram(text);
      if (!h.ok) problems.push(...h.issues.map((i) => ({ file, line: i.line, column: i.column, path: i.path, message: i.message, severity: 'error' as const })));
      else {
        for (const note of h.notes) notes.push(`${name}: ${note}`);
        histograms.set(workload, h.histogram);
        if (!byWorkload.has(workload)) byWorkload.set(workload, {});
      }
      continue;
    }
    const parsed = ext.toLowerCase() === 'json' ? parsePrometheusRange(text) : parseCsvSeries(text);
    if (!parsed.ok) {
      problems.push(...parsed.issues.map((i) => ({ file, line: i.line, column: i.column, path: i.path, message: i.message, severity: 'error' as const })));
      continue;
    }
    for (const note of parsed.notes) notes.push(`${name}: ${note}`);
    if (isNodes) nodes = parsed.series;
    else byWorkload.set(workload, { ...byWorkload.get(workload), [series]: parsed.series });
  }
  if (problems.length > 0) return { ok: false, problems };
  const workloads: WorkloadRecording[] = [...byWorkload.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([workload, s]) => toWorkloadRecording(workload, s, histograms.get(workload) ?? null, notes));
  if (workloads.length === 0) return { ok: false, problems: [problem(dir, 'no recordings found: expected files named <workload>.<series>.json|csv')] };
  return { ok: true, recordings: { workloads, nodes, notes }, warnings };
}

function toWorkloadRecording(workload: string, s: Partial<Record<SeriesName, TimeSeries>>, histogram: LatencyHistogram | null, notes: string[]): WorkloadRecording {
  const fromCounter = (counter: TimeSeries | undefined, label: string): TimeSeries | null => {
    if (!counter) return null;
    const r = counterRate(counter, GAP_FACTOR * medianSpacingMs(counter));
    if (r.resets > 0) notes.push(`${workload}.${label}: ${r.resets} counter reset(s) (a restart): the increase after each counts from zero`);
    if (r.gaps > 0) notes.push(`${workload}.${label}: ${r.gaps} gap(s) in the samples: no rate across them`);
    return r.series;
  };
  let throttledRatio = s.throttled ?? null;
  if (!throttledRatio && s['cfs-throttled-total'] && s['cfs-periods-total']) {
    const throttled = fromCounter(s['cfs-throttled-total'], 'cfs-throttled-total')!;
    const periods = fromCounter(s['cfs-periods-total'], 'cfs-periods-total')!;
    const step = medianSpacingMs(periods) || 1;
    const aligned = alignSeries([throttled, periods], step);
    const timesMs: number[] = [];
    const values: number[] = [];
    aligned.timesMs.forEach((t, i) => {
      const th = aligned.columns[0]![i];
      const pe = aligned.columns[1]![i];
      if (th != null && pe != null && pe > 0) {
        timesMs.push(t);
        values.push(Math.min(1, th / pe));
      }
    });
    throttledRatio = { timesMs, values };
  }
  const quantiles = histogram ? latencyQuantiles(histogram) : null;
  if (quantiles && quantiles.p50.timesMs.length === 0) notes.push(`${workload}.latency-buckets: no sample time with every bucket and at least one request: no quantile`);
  return {
    workload,
    rps: s.rps ?? fromCounter(s['requests-total'], 'requests-total'),
    cpuCores: s.cpu ?? fromCounter(s['cpu-total'], 'cpu-total'),
    replicas: s.replicas ?? null,
    throttledRatio,
    latencyP99Ms: s['latency-p99'] ?? (quantiles && quantiles.p99.timesMs.length > 0 ? quantiles.p99 : null),
    latencyQuantiles: quantiles && quantiles.p50.timesMs.length > 0 ? quantiles : null,
    latencyHistogram: histogram,
  };
}

function problem(file: string, message: string): Problem {
  return { file, line: 0, column: 0, path: '', message, severity: 'error' };
}
