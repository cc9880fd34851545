import { describe, expect, test } from 'vitest';
import { Progress } from '../../src/cli/progress.js';
import type { CommandIo } from '../../src/cli/io.js';

/** A stderr that is (or is not) a terminal, with a clock the test moves by hand. */
function fakeTerminal(isTty: boolean) {
  let written = '';
  let clock = 1_000_000;
  const io: CommandIo = { stdout: () => {}, stderr: (s) => void (written += s), stdoutIsTty: false, stderrIsTty: isTty, env: {} };
  return {
    io,
    now: () => clock,
    advance: (ms: number) => void (clock += ms),
    written: () => written,
    /** The line as the terminal shows it: the text after the last carriage return, without erase codes. */
    lastLine: () => written.split('\r').filter((l) => l.replace('\u001b[K', '') !== '').at(-1)?.replace('\u001b[K', '') ?? '',
  };
}

const HOUR = 3_600_000;

describe('progress line on a terminal', () => {
  test('compare of 2 runs of 24 h: after the first run at 10 s, 24h of 48h simulated, 8,640 sim-s/s, ETA 10s', () => {
    const t = fakeTerminal(true);
    const p = new Progress(t.io, 2, 'simulating', { simulatedMsPerUnit: 24 * HOUR, now: t.now });
    t.advance(10_000);
    p.tick();
    // 86,400 simulated seconds in 10 wall seconds = 8,640 per second; half done in 10 s leaves 10 s.
    expect(t.lastLine()).toBe('simulating [###############...............] 1/2  1d of 2d simulated  8,640 sim-s/s  ETA 10s');
  });

  test('a run reporting its own clock: 6 h of a 7 d run after 30 s is 720 sim-s/s, ETA 810s', () => {
    const t = fakeTerminal(true);
    const p = new Progress(t.io, 1, 'simulating', { simulatedMsPerUnit: 168 * HOUR, now: t.now });
    t.advance(30_000);
    p.simulatedTo(6 * HOUR);
    // 21,600 s / 30 s = 720; done 6/168 of the work in 30 s: 30 * (162/6) = 810 s left.
    expect(t.lastLine()).toBe('simulating [#.............................] 0/1  6h of 7d simulated  720 sim-s/s  ETA 810s');
  });

  test('clock updates closer than 100 ms apart are not redrawn', () => {
    const t = fakeTerminal(true);
    const p = new Progress(t.io, 1, 'simulating', { simulatedMsPerUnit: HOUR, now: t.now });
    t.advance(1_000);
    p.simulatedTo(60_000);
    const once = t.written();
    t.advance(50);
    p.simulatedTo(120_000);
    expect(t.written()).toBe(once);
    t.advance(50);
    p.simulatedTo(180_000);
    expect(t.written().length).toBeGreaterThan(once.length);
  });

  test('the line is erased when the last unit is done', () => {
    const t = fakeTerminal(true);
    const p = new Progress(t.io, 1, 'sweeping', { now: t.now });
    t.advance(2_000);
    p.tick();
    expect(t.written().endsWith('\r\u001b[K')).toBe(true);
  });

  test('without simulated time (a sweep): units and ETA only', () => {
    const t = fakeTerminal(true);
    const p = new Progress(t.io, 4, 'sweeping', { now: t.now });
    t.advance(3_000);
    p.tick();
    // A quarter in 3 s: 9 s left.
    expect(t.lastLine()).toBe('sweeping [########......................] 1/4  ETA 9s');
  });

  test('nothing is written when stderr is not a terminal (CI logs)', () => {
    const t = fakeTerminal(false);
    const p = new Progress(t.io, 2, 'simulating', { simulatedMsPerUnit: HOUR, now: t.now });
    p.tick();
    p.simulatedTo(HOUR + 1);
    p.tick();
    expect(t.written()).toBe('');
  });
});

describe('whatif run reports its simulated clock on a terminal', () => {
  test('a run draws the line with its own simulated time and clears it at the end; the result is the same run', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { main } = await import('../../src/cli/main.js');
    const dir = mkdtempSync(join(tmpdir(), 'whatif-progress-'));
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: progress }
spec:
  duration: 2h
  cluster:
    provider: gke
    nodePools: [{ name: pool, machineType: e2-standard-4, minNodes: 1, maxNodes: 2 }]
  workloads:
    - { name: api, replicas: 2, resources: { requests: { cpu: 200m } }, load: { type: constant, rps: 20 }, cpuPerRequest: 5ms, workerThreads: 4 }
`);
    const outputs: Record<string, string> = {};
    for (const tty of [true, false]) {
      let err = '';
      const json = join(dir, `run-${tty}.json`);
      const io: CommandIo = { stdout: () => {}, stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: tty, env: {} };
      expect(await main(['run', file, '--json', json], io)).toBe(0);
      outputs[String(tty)] = readFileSync(json, 'utf8');
      if (tty) {
        expect(err).toContain('of 2h simulated');
        // The last thing written clears the line.
        expect(err.endsWith('\r\u001b[K')).toBe(true);
      } else {
        expect(err).not.toContain('simulated');
      }
    }
    // Running the clock in slices for the progress line processes the same events: same JSON.
    expect(outputs.true).toBe(outputs.false);
  });
});
