import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

// The second real recording (test/fixtures/civicpulse-kind-hpa/README.md): its load is the CPU the
// HPA saw, so the simulation's metrics pipeline comes on top of the real one. These cases pin
// what docs/calibrate-and-backtest.md reports about it; a model change that moves them must
// update that page.
const FIXTURE = 'test/fixtures/civicpulse-kind-hpa';

async function backtest(): Promise<{ code: number; json: { workloads: { replicas: { name: string; errors: { mae: number }; episodes: { timingScoreMs: number; matched: { delayMs: number }[]; missed: unknown[]; extra: unknown[] } }[] }[] } }> {
  const file = join(mkdtempSync(join(tmpdir(), 'kind-fixture-')), 'bt.json');
  const io = { stdout: () => undefined, stderr: () => undefined, stdoutIsTty: false, stderrIsTty: false, env: {} };
  const code = await main(['backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--json', file], io);
  return { code, json: JSON.parse(readFileSync(file, 'utf8')) };
}

describe('backtest on the second real recording (kind)', () => {
  test('the simulation matches the one scale-up and beats the constant reference on error and timing', async () => {
    const { code, json } = await backtest();
    expect(code).toBe(0);
    const [sim, constant] = json.workloads[0]!.replicas;
    expect(sim!.episodes.matched.length).toBe(1);
    expect(sim!.episodes.missed.length + sim!.episodes.extra.length).toBe(0);
    expect(sim!.errors.mae).toBeLessThan(constant!.errors.mae);
    expect(sim!.episodes.timingScoreMs).toBeLessThan(constant!.episodes.timingScoreMs);
  });

  test('the simulated scale-up comes late and the steady-state formula is ahead on timing: the load is already delayed by the real pipeline', async () => {
    const { json } = await backtest();
    const [sim, , steady] = json.workloads[0]!.replicas;
    expect(steady!.name).toBe('steady-state formula');
    expect(sim!.episodes.matched[0]!.delayMs).toBeGreaterThan(0);
    expect(steady!.episodes.timingScoreMs).toBeLessThan(sim!.episodes.timingScoreMs);
  });
});
