/**
 * Fuzz properties of the whole CLI: valid scenarios, manifests, Helm values, recordings and node
 * cases, mutated (deleted, duplicated and retyped fields, huge and tiny numbers, random
 * characters), must end every run with exit 0, 1, 2 or 3, a location for 2, and never 4 (a bug),
 * within a time and memory bound. The CLI runs in-process through `main(argv, io)`; fast-check's
 * seed is fixed, so a failure replays (and prints its counterexample).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';
import { fieldMutation, hugeValue, mutate, mutateText, textMutation } from './mutate.js';

// Huge numbers (replicas, nodes, durations far beyond any cluster) are bounded by the input limits
// of src/scenario/limits.ts; without that module the property has nothing to hold it to.
const limitsModule = '../../src/scenario/limits.js';
const haveLimits = await import(/* @vite-ignore */ limitsModule).then(
  () => true,
  () => false,
);

const SEED = 20261204;
/** A hang detector, not a timing assertion: a run of a few ms ending after this is stuck. */
const RUN_BOUND_MS = 20_000;
/** Heap after a run: a mutated number must not make the simulator allocate without bound. */
const HEAP_BOUND_BYTES = 1.5 * 2 ** 30;

interface Outcome {
  readonly code: number;
  readonly err: string;
}

async function cli(argv: string[]): Promise<Outcome> {
  let err = '';
  const io: CommandIo = { stdout: () => {}, stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env: {} };
  const started = performance.now();
  const code = await main(argv, io);
  const ms = performance.now() - started;
  expect(ms, `${argv.join(' ')} ran ${ms.toFixed(0)} ms`).toBeLessThan(RUN_BOUND_MS);
  expect(process.memoryUsage().heapUsed).toBeLessThan(HEAP_BOUND_BYTES);
  return { code, err };
}

/** 0-3, never 4; exit 2 names the file (of the mutated ones), with line and column where the file has a place for it. */
function expectHonest(r: Outcome, files: readonly string[]): void {
  expect([0, 1, 2, 3], r.err).toContain(r.code);
  if (r.code === 2) {
    const located = files.some((f) => new RegExp(`${basename(f).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+)?: error`).test(r.err));
    expect(located, `exit 2 without the file of the problem:\n${r.err}`).toBe(true);
    // Never a stack trace.
    expect(r.err).not.toMatch(/\n\s+at /);
  }
}

const scratch = () => mkdtempSync(join(tmpdir(), 'whatif-fuzz-'));
const SMALL = readFileSync('test/fixtures/scenarios/small-change.yaml', 'utf8');

/** Mutates the fields of `base`, writes it to `file` and runs the command on `target` (default: the file). */
async function fieldProperty(o: { base: unknown; file: string; serialize: (v: unknown) => string; command: string[]; target?: string; numRuns: number }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(fieldMutation(), { minLength: 1, maxLength: 3 }), async (mutations) => {
      writeFileSync(o.file, o.serialize(mutate(o.base, mutations)));
      expectHonest(await cli([o.command[0]!, o.target ?? o.file, ...o.command.slice(1)]), [o.file, 'scenario.yaml']);
    }),
    { seed: SEED, numRuns: o.numRuns },
  );
}

describe('fuzz: every mutated input ends with 0-3, never an internal error', () => {
  test('scenario fields (explain)', async () => {
    const dir = scratch();
    const file = join(dir, 'scenario.yaml');
    await fieldProperty({ base: parse(SMALL), file, serialize: (v) => stringify(v), command: ['explain'], numRuns: 150 });
    rmSync(dir, { recursive: true, force: true });
  });

  test.skipIf(!haveLimits)('huge numbers in scenarios and node cases stop at the input limits (explain, node)', async () => {
    const dir = scratch();
    const file = join(dir, 'scenario.yaml');
    const caseFile = join(dir, 'case.json');
    const base = parse(SMALL) as unknown;
    const nodeCase = JSON.parse(readFileSync('scenarios/node-cases/bursty-under-limit.json', 'utf8')) as unknown;
    await fc.assert(
      fc.asyncProperty(fc.array(fieldMutation(hugeValue), { minLength: 1, maxLength: 2 }), async (mutations) => {
        writeFileSync(file, stringify(mutate(base, mutations)));
        expectHonest(await cli(['explain', file]), [file]);
        writeFileSync(caseFile, JSON.stringify(mutate(nodeCase, mutations)));
        expectHonest(await cli(['node', caseFile, '--json']), [caseFile]);
      }),
      { seed: SEED, numRuns: 60 },
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test('scenario text: random characters, deleted spans, duplicated lines (explain)', async () => {
    const dir = scratch();
    const file = join(dir, 'scenario.yaml');
    await fc.assert(
      fc.asyncProperty(fc.array(textMutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        writeFileSync(file, mutateText(SMALL, mutations));
        expectHonest(await cli(['explain', file]), [file]);
      }),
      { seed: SEED, numRuns: 150 },
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test('scenario fields, simulated (run, 10 minutes)', async () => {
    const dir = scratch();
    const file = join(dir, 'scenario.yaml');
    const base = parse(SMALL) as { spec: { duration: string } };
    await fc.assert(
      fc.asyncProperty(fc.array(fieldMutation(), { minLength: 1, maxLength: 2 }), async (mutations) => {
        const m = mutate(base, mutations) as { spec?: { duration?: unknown } };
        // The simulated time stays short so that the property measures robustness, not speed.
        if (m && typeof m === 'object' && m.spec && typeof m.spec === 'object') m.spec.duration = '10m';
        writeFileSync(file, stringify(m));
        expectHonest(await cli(['run', file]), [file]);
      }),
      { seed: SEED, numRuns: 25 },
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test.each(['shares-split.json', 'bursty-under-limit.json'])('node case fields: %s', async (name) => {
    const dir = scratch();
    const file = join(dir, name);
    const base = JSON.parse(readFileSync(join('scenarios/node-cases', name), 'utf8')) as unknown;
    await fieldProperty({ base, file, serialize: (v) => JSON.stringify(v), command: ['node', '--json'], numRuns: 60 });
    rmSync(dir, { recursive: true, force: true });
  });

  test('manifests and the recorded load of Online Boutique (explain)', async () => {
    const dir = scratch();
    cpSync('scenarios/online-boutique', dir, { recursive: true });
    const manifests = join(dir, 'kubernetes-manifests.yaml');
    const recording = join(dir, 'frontend-rps.json');
    const manifestText = readFileSync(manifests, 'utf8');
    const recorded = JSON.parse(readFileSync(recording, 'utf8')) as unknown;
    await fc.assert(
      fc.asyncProperty(fc.array(textMutation, { maxLength: 3 }), fc.array(fieldMutation(), { maxLength: 2 }), async (textMutations, fieldMutations) => {
        writeFileSync(manifests, mutateText(manifestText, textMutations));
        writeFileSync(recording, JSON.stringify(mutate(recorded, fieldMutations)));
        expectHonest(await cli(['explain', join(dir, 'scenario.yaml')]), [manifests, recording, 'scenario.yaml']);
      }),
      { seed: SEED, numRuns: 12 },
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test('Helm values of the payments chart (explain)', async () => {
    const dir = scratch();
    cpSync('scenarios/helm-payments', dir, { recursive: true });
    const values = join(dir, 'charts/payments/values.yaml');
    await fieldProperty({ base: parse(readFileSync(values, 'utf8')), file: values, serialize: (v) => stringify(v), command: ['explain'], target: join(dir, 'scenario.yaml'), numRuns: 40 });
    rmSync(dir, { recursive: true, force: true });
  });
});
