import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

const FIXTURE = 'test/fixtures/civicpulse-hpa';
const dir = mkdtempSync(join(tmpdir(), 'backtest-cli-'));
const overlay = join(dir, 'overlay.yaml');

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), stdoutIsTty: false, stderrIsTty: false, env: {} });
  return { code, out, err };
}

beforeAll(async () => {
  expect((await run('calibrate', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--settle', '30s', '--out', overlay)).code).toBe(0);
});

describe('whatif backtest on the real CivicPulse recording', () => {
  test('the calibrated simulation beats both naive references on replica error and on scale-event timing', async () => {
    const json = join(dir, 'bt.json');
    const r = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay, '--json', json);
    expect(r.code).toBe(0);
    const b = JSON.parse(readFileSync(json, 'utf8'));
    const [sim, constant, steady] = b.workloads[0].replicas;
    expect([sim.name, constant.name, steady.name]).toEqual(['simulation', 'constant at the recorded mean', 'steady-state formula']);
    expect(sim.errors.mae).toBeLessThan(constant.errors.mae);
    expect(sim.errors.mae).toBeLessThan(steady.errors.mae);
    expect(sim.episodes.timingScoreMs).toBeLessThan(constant.episodes.timingScoreMs);
    expect(sim.episodes.timingScoreMs).toBeLessThan(steady.episodes.timingScoreMs);
  });

  test('--assert that holds: exit 0; one that fails: exit 1 with FAIL in the report', async () => {
    const ok = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay, '--assert', 'replicas.mae <= 5');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('PASS backend: replicas.mae <= 5');
    const bad = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay, '--assert', 'events.missed <= 0');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('FAIL backend: events.missed <= 0 (events.missed = 1 episodes)');
  });

  test('--until before the manual 10 -> 2 step: one recorded episode, and the simulation beats both references on it', async () => {
    // 22:32:17 (+05:00) is the kubectl apply, not the HPA (civicpulse-scale-down.test.ts).
    const json = join(dir, 'until.json');
    const r = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay, '--until', '2026-09-25T22:32:10+05:00', '--json', json);
    expect(r.code).toBe(0);
    const b = JSON.parse(readFileSync(json, 'utf8'));
    const [sim, constant, steady] = b.workloads[0].replicas;
    expect(sim.episodes.matched.length + sim.episodes.missed.length).toBe(1);
    expect(sim.episodes.matched[0].recorded.direction).toBe('up');
    expect(sim.errors.mae).toBeLessThan(Math.min(constant.errors.mae, steady.errors.mae));
    expect(sim.episodes.timingScoreMs).toBeLessThan(Math.min(constant.episodes.timingScoreMs, steady.episodes.timingScoreMs));
    expect(r.out).toContain('not scored');
  });

  test('--until that is not a time: exit 2', async () => {
    const r = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--until', 'yesterday');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--until: not a time: "yesterday"');
  });

  test('an assertion that does not parse: exit 2 with the syntax', async () => {
    const r = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--assert', 'replicas.mea < 1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read --assert "replicas.mea < 1": expected <metric> <= <number>/);
  });

  test('an overlay that is not YAML: exit 2 with its line and column', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'spec:\n  workloads: [\n');
    const r = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+: error: not YAML/);
  });

  test('the HTML report escapes what it shows and carries the charts', async () => {
    const html = join(dir, 'bt.html');
    expect((await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay, '--html', html)).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Ready replicas');
    expect(page).toContain('steady-state formula');
  });
});

describe('whatif backtest determinism', () => {
  test('same scenario, recording and seed: byte-identical JSON', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay, '--json', a);
    await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay, '--json', b);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });
});
