import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readRecordings } from '../../src/calibrate/read-recordings.js';
import { fitWorkload } from '../../src/calibrate/fit-workload.js';
import { listFromDisk, readFromDisk } from '../../src/scenario/import/input-files.js';
import { DEFAULT_BUCKETS, FINE_BUCKETS, histogramResponse, seriesResponse } from './latency-fixture.js';

// A service of 20 ms CPU per request (mean) with a known spread, 30 ms idle CPU per pod, 4 pods of
// 8 worker threads; the load per pod moves between 10 and 60 requests/s, so the chance of waiting
// for a worker stays below 1e-4 (Erlang C(8, 1.2)) and latency is the service time alone.
const CPR_S = 0.02;
const STEP_S = 30;
const N = 120;
const T0 = 1_780_000_000;
const times = Array.from({ length: N }, (_, i) => T0 + i * STEP_S);
const rps = times.map((_, i) => 4 * (35 + 25 * Math.sin(i / 9)));

function recordingFolder(cv: number, bounds: readonly number[], extraSeconds = 0, load = rps, meanSeconds = CPR_S, pods = 4): string {
  const dir = mkdtempSync(join(tmpdir(), 'cv-fit-'));
  writeFileSync(join(dir, 'api.rps.json'), seriesResponse(times, load));
  writeFileSync(join(dir, 'api.replicas.json'), seriesResponse(times, times.map(() => pods)));
  writeFileSync(join(dir, 'api.cpu.json'), seriesResponse(times, load.map((r) => pods * 0.03 + r * CPR_S)));
  writeFileSync(join(dir, 'api.latency-buckets.json'), histogramResponse(times, (i) => Math.round(load[i]! * STEP_S), { meanSeconds, cv, extraSeconds }, bounds, STEP_S, `cv-${cv}`));
  return dir;
}

function fit(dir: string, workerThreads = 8, limitCores = Infinity) {
  const read = readRecordings(dir, readFromDisk, listFromDisk);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return fitWorkload(read.recordings.workloads[0]!, { maxLagMs: 0, workerThreads, fallbackCpuPerRequestMs: 20, limitCores });
}

describe('cpuPerRequestCv from a latency histogram', () => {
  test.each([
    { name: 'cv 0.6, fine buckets', cv: 0.6, bounds: FINE_BUCKETS },
    { name: 'cv 0.6, Prometheus default buckets', cv: 0.6, bounds: DEFAULT_BUCKETS },
    { name: 'cv 1.5, default buckets', cv: 1.5, bounds: DEFAULT_BUCKETS },
    { name: 'cv 0.3, fine buckets', cv: 0.3, bounds: FINE_BUCKETS },
  ])('$name: recovered inside its interval', ({ cv, bounds }) => {
    const f = fit(recordingFolder(cv, bounds));
    const e = f.cpuPerRequestCv!;
    expect(e.identified).toBe(true);
    expect(e.low).toBeLessThanOrEqual(cv);
    expect(e.high).toBeGreaterThanOrEqual(cv);
    // Not vacuous: within ±20 % of the value.
    expect(e.high - e.low).toBeLessThan(0.4 * cv);
    // The log-normal's mean from the histograms is the CPU per request (20 ms) within 10 %.
    expect(Math.abs(f.latency!.impliedServiceMs! - 20)).toBeLessThan(2);
  });

  test('the recorded quantiles are reported: a log-normal of mean 20 ms and cv 0.6 has p50 17.1 ms', () => {
    // p50 = mean / sqrt(1 + cv²) = 20 / 1.166 = 17.15 ms; p99 = p50 · e^(2.326 σ), σ = √ln 1.36 = 0.5545: 62.4 ms.
    const f = fit(recordingFolder(0.6, FINE_BUCKETS));
    expect(f.latency!.recorded.p50Ms).toBeGreaterThan(17.15 * 0.95);
    expect(f.latency!.recorded.p50Ms).toBeLessThan(17.15 * 1.05);
    expect(f.latency!.recorded.p99Ms).toBeGreaterThan(62.4 * 0.9);
    expect(f.latency!.recorded.p99Ms).toBeLessThan(62.4 * 1.1);
  });

  test('latency with 80 ms of non-CPU time is not CPU time: cv not identified, and it says why', () => {
    const f = fit(recordingFolder(0.6, FINE_BUCKETS, 0.08));
    expect(f.cpuPerRequestCv!.identified).toBe(false);
    expect(f.warnings.join('\n')).toMatch(/latency holds more than CPU time/);
  });

  test('under a 250m limit a lone request runs 4x slower: 80 ms latencies agree with 20 ms of CPU', () => {
    // 250m: one server at a quarter of a core, so 20 ms of CPU take 80 ms. At 1-4 requests/s per
    // pod the chance of waiting, Erlang C(1, λ x 0.08 s) = λ x 0.08, stays below 5 % only under
    // 0.6 requests/s: the light load leaves queue-free points at its troughs, enough of them.
    // 40 pods, so that each 30 s histogram still holds about 500 requests.
    const light = times.map((_, i) => 40 * (0.45 + 0.15 * Math.sin(i / 9)));
    const dir = recordingFolder(0.6, FINE_BUCKETS, 0, light, 0.08, 40);
    expect(fit(dir, 8, 0.25).cpuPerRequestCv!.identified).toBe(true);
    expect(fit(dir, 8, Infinity).cpuPerRequestCv!.identified).toBe(false);
  });

  test('a load that keeps every worker busy leaves no queue-free point: not fitted, and it says why', () => {
    // 1 worker at 40 requests/s per pod of 20 ms: 0.8 erlang, Erlang C(1, 0.8) = 0.8.
    const f = fit(recordingFolder(0.6, FINE_BUCKETS, 0, times.map(() => 160)), 1);
    expect(f.cpuPerRequestCv).toBeNull();
    expect(f.warnings.join('\n')).toMatch(/cpuPerRequestCv not fitted: 0 queue-free.*with queueing/);
  });

  test('no histogram: no latency fit, nothing invented', () => {
    const dir = recordingFolder(0.6, FINE_BUCKETS);
    writeFileSync(join(dir, 'api.latency-buckets.json'), seriesResponse(times, times.map(() => 1)).replace('"metric":{}', '"metric":{"le":"+Inf"}'));
    const read = readRecordings(dir, readFromDisk, listFromDisk);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]!.message).toMatch(/at least one finite bucket/);
  });

  test('the histogram\'s p99 is the latency series the backtest compares, and a latency-p99 file takes precedence', () => {
    const dir = recordingFolder(0.6, FINE_BUCKETS);
    const read = readRecordings(dir, readFromDisk, listFromDisk);
    if (!read.ok) throw new Error('unreadable');
    const w = read.recordings.workloads[0]!;
    expect(w.latencyP99Ms).toBe(w.latencyQuantiles!.p99);
    writeFileSync(join(dir, 'api.latency-p99.json'), seriesResponse(times, times.map(() => 42)));
    const again = readRecordings(dir, readFromDisk, listFromDisk);
    if (!again.ok) throw new Error('unreadable');
    expect(again.recordings.workloads[0]!.latencyP99Ms!.values.every((v) => v === 42)).toBe(true);
  });

  test('a histogram as CSV is refused: the le label would be lost', () => {
    const dir = recordingFolder(0.6, FINE_BUCKETS);
    writeFileSync(join(dir, 'api.latency-buckets.csv'), 'timestamp,value\n1780000000,1\n');
    const read = readRecordings(dir, readFromDisk, listFromDisk);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems.map((p) => p.message).join('\n')).toMatch(/needs the le label/);
  });

  test('a bucket without an le label is an error at its position', () => {
    const dir = recordingFolder(0.6, FINE_BUCKETS);
    writeFileSync(join(dir, 'api.latency-buckets.json'), seriesResponse(times, times.map(() => 1)));
    const read = readRecordings(dir, readFromDisk, listFromDisk);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]!.path).toBe('data.result[0].metric.le');
  });
});
