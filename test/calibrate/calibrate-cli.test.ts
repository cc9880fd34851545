import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';

const FIXTURE = 'test/fixtures/civicpulse-hpa';
const dir = mkdtempSync(join(tmpdir(), 'calibrate-cli-'));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), stdoutIsTty: false, stderrIsTty: false, env: {} });
  return { code, out, err };
}

describe('whatif calibrate', () => {
  test('fits the real recording and writes an overlay the scenario loader accepts', async () => {
    const overlay = join(dir, 'overlay.yaml');
    const html = join(dir, 'cal.html');
    const r = await run('calibrate', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--settle', '30s', '--out', overlay, '--html', html);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/backend: \d+ points on a 5 s step/);
    const text = readFileSync(overlay, 'utf8');
    // The k6 load varied from idle to ~130 requests/s per pod: the slope is identified.
    expect(text).toMatch(/^ {6}cpuPerRequest: [\d.]+ms$/m);
    expect(readFileSync(html, 'utf8')).toContain('id="whatif-chart-data"');
    // The overlay applies: backtest reads it (and fails only on assertions, not on input).
    const b = await run('backtest', `${FIXTURE}/scenario.yaml`, '--from', FIXTURE, '--overlay', overlay);
    expect(b.code).toBe(0);
  });

  test('a recordings folder that does not exist: exit 2 naming it, no overlay written', async () => {
    const overlay = join(dir, 'never.yaml');
    const r = await run('calibrate', `${FIXTURE}/scenario.yaml`, '--from', join(dir, 'missing'), '--out', overlay);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read the recordings folder .*missing/);
    expect(existsSync(overlay)).toBe(false);
  });

  test('recordings of workloads the scenario does not have: exit 2 listing them', async () => {
    const rec = mkdtempSync(join(dir, 'rec-'));
    writeFileSync(join(rec, 'other.rps.csv'), 'timestamp,value\n0,1\n10,2\n');
    const r = await run('calibrate', `${FIXTURE}/scenario.yaml`, '--from', rec);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no recorded workload is a workload of .* \(recorded: other\)/);
  });
});
