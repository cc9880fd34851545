import { beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeThrottleResults,
  encodeThrottleResults,
  readThrottleCacheFile,
  untrustedPlace,
  resultsReproduce,
  resultsToKeep,
  THROTTLE_CACHE_FILE_MAX_RESULTS,
  throttleCacheHeader,
  writeThrottleCacheFile,
  type ThrottleResults,
} from '../../src/cli/throttle-cache-file.js';
import { createThrottleCache, lookupThrottle, shareThrottleTable, type ThrottleCache } from '../../src/models/cpu/throttle-cache.js';
import { createThrottleTableBuffer, throttleTable } from '../../src/models/cpu/throttle-table.js';
import type { ThrottleMcParams } from '../../src/models/cpu/throttle-monte-carlo.js';
import { builtCli, ensureDist, root } from '../sweep/ensure-dist.js';

const dir = mkdtempSync(join(tmpdir(), 'whatif-throttle-cache-'));
const header = 'kube-whatif test; throttle-monte-carlo periods=300 warmup=20';

/** Two results by hand: keys of 9 words, values of 9 (ratio, counted, stall, cpu, used, unstable, p50, p90, p99). */
const twoResults: ThrottleResults = {
  count: 2,
  keys: Int32Array.from([10, 400, 1, 0, 20, 30, 1, 2, 2, -100_000, 20, 0, 0, 5, 5, 1, 1, 1]),
  values: Float64Array.from([0.25, 0.9, 0.1, 0.3, 0.5, 0, 1.5, 3, 7, 1, 1, 0, 0, 0, 1, Infinity, Infinity, Infinity]),
};

/** A bursty container whose burst exceeds its limit: the Monte Carlo's case (throttle-step.ts). */
function params(arrivalsPerPeriod: number): ThrottleMcParams {
  return { arrivalsPerPeriod, meanCpuQuotas: 0.2, dist: 'exp', cv: 1, burstQuotas: 2, jobRateQuotas: 2, fanout: 1, threadsCap: 2, slots: 2 };
}

/** A small cache that has simulated the keys of `rates`. */
function cacheWith(rates: readonly number[]): ThrottleCache {
  const cache = createThrottleCache(300, 20, 1024);
  for (const r of rates) lookupThrottle(cache, params(r));
  return cache;
}

describe('the throttle cache file format', () => {
  test('what is encoded decodes to the same keys and values, Infinity included', () => {
    const decoded = decodeThrottleResults(encodeThrottleResults(twoResults, header), header);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.results.count).toBe(2);
    expect([...decoded.results.keys]).toEqual([...twoResults.keys]);
    expect([...decoded.results.values]).toEqual([...twoResults.values]);
  });

  test('the length is the header, the count and 9 x 4 + 9 x 8 bytes per result, then the digest', () => {
    // 8 magic + 4 header length + header + 4 count + 2 x 108 + 32.
    expect(encodeThrottleResults(twoResults, header).length).toBe(8 + 4 + Buffer.byteLength(header) + 4 + 2 * 108 + 32);
  });

  const good = encodeThrottleResults(twoResults, header);
  const withValue = (index: number, value: number): Uint8Array => {
    const values = Float64Array.from(twoResults.values);
    values[index] = value;
    return encodeThrottleResults({ ...twoResults, values }, header);
  };
  const flipped = Uint8Array.from(good);
  flipped[good.length - 40] = flipped[good.length - 40]! ^ 1;
  const cases: { name: string; bytes: Uint8Array; reason: RegExp }[] = [
    { name: 'another file', bytes: Buffer.from('apiVersion: v1\nkind: ConfigMap\n'.repeat(3)), reason: /not a kube-whatif throttle cache/ },
    { name: 'one bit flipped', bytes: flipped, reason: /checksum/ },
    { name: 'cut short', bytes: good.subarray(0, good.length - 9), reason: /checksum/ },
    { name: 'another version or model', bytes: encodeThrottleResults(twoResults, `${header} changed`), reason: /another version/ },
    { name: 'a NaN', bytes: withValue(2, NaN), reason: /result 1 holds a value out of range/ },
    { name: 'a negative stall', bytes: withValue(9 + 2, -1), reason: /result 2 holds a value out of range/ },
    { name: 'a throttled ratio above 1', bytes: withValue(0, 1.5), reason: /out of range/ },
    { name: 'an unstable flag of 0.5', bytes: withValue(5, 0.5), reason: /out of range/ },
  ];
  test.each(cases)('$name is refused', ({ bytes, reason }) => {
    const decoded = decodeThrottleResults(bytes, header);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });

  test('a file keeps at most three quarters of a thread table of 131,072 slots', () => {
    expect(THROTTLE_CACHE_FILE_MAX_RESULTS).toBe(98_304);
  });
});

describe('results from another process are used only when this model reproduces them', () => {
  test('the results of a cache, simulated again by a fresh one, are the same to the bit', () => {
    const results = resultsToKeep(cacheWith([0.5, 1, 2]), null);
    expect(results.count).toBe(3);
    expect(resultsReproduce(createThrottleCache(300, 20, 1024), results)).toBe(true);
  });

  test('the last bit of one value changed is caught, and so is a model with other periods', () => {
    const results = resultsToKeep(cacheWith([0.5, 1, 2]), null);
    const values = Float64Array.from(results.values);
    const bits = new BigInt64Array(values.buffer);
    bits[9 + 0] = bits[9 + 0]! ^ 1n;
    expect(resultsReproduce(createThrottleCache(300, 20, 1024), { ...results, values })).toBe(false);
    expect(resultsReproduce(createThrottleCache(301, 20, 1024), results)).toBe(false);
  });

  test('a key above a million arrivals per period is not simulated again, even with the right values', () => {
    // Drawing a period's arrivals costs in proportion to their mean: bin 100,000 (1.025^100000
    // arrivals, beyond any double) would never end. Two million per period is drawn in tens of
    // milliseconds, so the genuine values can be made here; the check still refuses the key.
    const results = resultsToKeep(cacheWith([2e6]), null);
    expect(results.count).toBe(1);
    expect(resultsReproduce(createThrottleCache(300, 20, 1024), results)).toBe(false);
    // Just below the bound the same check passes.
    expect(resultsReproduce(createThrottleCache(300, 20, 1024), resultsToKeep(cacheWith([5e5]), null))).toBe(true);
  });

  test('the header names the version and the Monte Carlo\'s periods, warm-up and bins', () => {
    const h = throttleCacheHeader(createThrottleCache(1000, 100, 1024), '9.9.9');
    expect(h).toContain('kube-whatif 9.9.9');
    expect(h).toContain('periods=1000 warmup=100 bin-ratio=1.025');
  });
});

describe('reading and writing the file', () => {
  test('a fresh cache that read the file answers those keys without simulating', () => {
    const path = join(dir, 'round-trip.bin');
    expect(writeThrottleCacheFile(path, cacheWith([0.5, 1, 2]), header)).toBe(3);
    const fresh = createThrottleCache(300, 20, 1024);
    expect(readThrottleCacheFile(path, fresh, header)).toEqual({ used: true, results: 3 });
    for (const r of [0.5, 1, 2]) lookupThrottle(fresh, params(r));
    expect(fresh.misses).toBe(0);
    expect(fresh.hits).toBe(3);
  });

  test('writing keeps what the file held: 3 results there and 2 new ones make 5', () => {
    const path = join(dir, 'merge.bin');
    writeThrottleCacheFile(path, cacheWith([0.5, 1, 2]), header);
    expect(writeThrottleCacheFile(path, cacheWith([4, 8]), header)).toBe(5);
    expect(readThrottleCacheFile(path, createThrottleCache(300, 20, 1024), header)).toEqual({ used: true, results: 5 });
  });

  test('results read before a worker pool starts reach its workers through the shared table', () => {
    const path = join(dir, 'for-workers.bin');
    writeThrottleCacheFile(path, cacheWith([0.5, 1]), header);
    const main = createThrottleCache(300, 20, 1024);
    readThrottleCacheFile(path, main, header);
    const buffer = createThrottleTableBuffer(1024, true);
    shareThrottleTable(main, throttleTable(buffer));
    // A worker: its own table empty, the process's shared table given.
    const worker = createThrottleCache(300, 20, 1024);
    worker.shared = throttleTable(buffer);
    for (const r of [0.5, 1]) lookupThrottle(worker, params(r));
    expect(worker.sharedHits).toBe(2);
    expect(worker.misses).toBe(0);
  });

  test('a missing file is the first run: not used, and no warning', () => {
    expect(readThrottleCacheFile(join(dir, 'absent.bin'), createThrottleCache(300, 20, 1024), header)).toEqual({ used: false, reason: null });
  });

  test('a symbolic link in its place is not followed', () => {
    const target = join(dir, 'target.bin');
    writeThrottleCacheFile(target, cacheWith([1]), header);
    const link = join(dir, 'link.bin');
    symlinkSync(target, link);
    expect(untrustedPlace(link)).toMatch(/is a symbolic link/);
    expect(untrustedPlace(target)).toBeNull();
  });

  test('a file committed to the repository is refused: a merge request could bring forged results', () => {
    const repo = mkdtempSync(join(tmpdir(), 'whatif-throttle-repo-'));
    expect(spawnSync('git', ['init', '-q', repo]).status).toBe(0);
    writeThrottleCacheFile(join(repo, 'committed.bin'), cacheWith([1]), header);
    writeThrottleCacheFile(join(repo, 'restored.bin'), cacheWith([1]), header);
    expect(spawnSync('git', ['-C', repo, 'add', 'committed.bin']).status).toBe(0);
    expect(untrustedPlace(join(repo, 'committed.bin'))).toBe('it is committed to the repository, so a merge request could forge it: keep it out of git and let the job restore it');
    // The same file not in git (restored by the job) is fine.
    expect(untrustedPlace(join(repo, 'restored.bin'))).toBeNull();
  });
});

describe('whatif --throttle-cache', () => {
  const fixture = 'test/fixtures/scenarios/small-change.yaml';
  const whatif = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [builtCli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, WHATIF_THROTTLE_CACHE: '', ...env } });
    return { code: r.status, err: r.stderr };
  };
  const file = (name: string): string => join(dir, name);
  let plain: ReturnType<typeof whatif>;
  let cold: ReturnType<typeof whatif>;
  let warm: ReturnType<typeof whatif>;
  beforeAll(() => {
    ensureDist();
    plain = whatif(['run', fixture, '--json', file('plain.json')]);
    cold = whatif(['run', fixture, '--json', file('cold.json'), '--throttle-cache', file('run.bin')]);
    warm = whatif(['run', fixture, '--json', file('warm.json')], { WHATIF_THROTTLE_CACHE: file('run.bin') });
  }, 120_000);

  test('the first run writes the file, the second reads it (through the environment variable) and simulates nothing new', () => {
    expect([plain.code, cold.code, warm.code]).toEqual([0, 0, 0]);
    const written = /throttle cache \S+: (\d+) results written/.exec(cold.err);
    expect(written).not.toBeNull();
    expect(Number(written![1])).toBeGreaterThan(0);
    expect(warm.err).toContain(`${written![1]} results read`);
    // Nothing simulated that the file lacked: it is left as it was.
    expect(warm.err).not.toContain('written');
  });

  test('with and without the cache, cold and warm, the JSON is the same to the byte', () => {
    const expected = readFileSync(file('plain.json'), 'utf8');
    expect(readFileSync(file('cold.json'), 'utf8')).toBe(expected);
    expect(readFileSync(file('warm.json'), 'utf8')).toBe(expected);
  });

  test('a damaged file is a warning, not a failure, and is written anew', () => {
    const bad = file('damaged.bin');
    writeFileSync(bad, 'not a cache');
    const r = whatif(['run', fixture, '--json', file('damaged.json'), '--throttle-cache', bad]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: throttle cache ${bad} not used: it is not a kube-whatif throttle cache; it is written anew at the end`);
    expect(readFileSync(file('damaged.json'), 'utf8')).toBe(readFileSync(file('plain.json'), 'utf8'));
    expect(whatif(['run', fixture, '--json', file('damaged2.json'), '--throttle-cache', bad]).err).toMatch(/results read/);
  });

  test('a cache file git tracks is neither read nor replaced, and the run is the same', () => {
    const repo = mkdtempSync(join(tmpdir(), 'whatif-throttle-e2e-'));
    spawnSync('git', ['init', '-q', repo]);
    const committed = join(repo, 'throttle.bin');
    writeFileSync(committed, readFileSync(file('run.bin')));
    spawnSync('git', ['-C', repo, 'add', 'throttle.bin']);
    const before = readFileSync(committed);
    const r = whatif(['run', fixture, '--json', file('committed.json'), '--throttle-cache', committed]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('not used: it is committed to the repository');
    expect(r.err).not.toMatch(/results (read|written)/);
    expect(readFileSync(committed).equals(before)).toBe(true);
    expect(readFileSync(file('committed.json'), 'utf8')).toBe(readFileSync(file('plain.json'), 'utf8'));
  });

  test('a run that simulates nothing (bad input) leaves no cache file behind', () => {
    const path = file('never.bin');
    const r = whatif(['run', 'test/fixtures/scenarios/does-not-exist.yaml', '--throttle-cache', path]);
    expect(r.code).toBe(2);
    expect(existsSync(path)).toBe(false);
  });

  test('a sweep on two workers puts its workers\' results in the file and prints the same JSON', () => {
    const sweep = (json: string, extra: string[]) => whatif(['sweep', fixture, '--param', 'workloads.api.hpa.maxReplicas=4..5', '--workers', '2', '--json', file(json), ...extra]);
    const withoutCache = sweep('sweep-plain.json', []);
    const withCache = sweep('sweep-cache.json', ['--throttle-cache', file('sweep.bin')]);
    // Some points break a policy (exit 1): the verdict is the same with the cache.
    expect(withCache.code).toBe(withoutCache.code);
    expect(withCache.err).toMatch(/results written/);
    expect(readFileSync(file('sweep-cache.json'), 'utf8')).toBe(readFileSync(file('sweep-plain.json'), 'utf8'));
    const again = sweep('sweep-again.json', ['--throttle-cache', file('sweep.bin')]);
    expect(again.err).toMatch(/results read/);
    expect(again.err).not.toMatch(/written/);
  }, 60_000);
});
