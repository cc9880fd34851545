import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';

const fixture = 'test/fixtures/scenarios/small-change.yaml';

/** An io whose stdout fails as given: the way to reach main's error mapping from outside. */
function io(stdout: (s: string) => void): CommandIo & { err: () => string } {
  let err = '';
  return { stdout, stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env: {}, err: () => err };
}

describe('exit codes: 0 pass, 1 policy, 2 input, 3 environment, 4 bug', () => {
  test('whatif --help lists every exit code', async () => {
    let out = '';
    expect(await main(['--help'], io((s) => void (out += s)))).toBe(0);
    for (const line of [/^\s+0\s+pass/m, /^\s+1\s+a policy is violated/m, /^\s+2\s+bad input/m, /^\s+3\s+environment/m, /^\s+4\s+internal error: a bug in kube-whatif; please report it/m]) expect(out).toMatch(line);
  });

  test('a full disk while printing is an environment error (3) naming the reason', async () => {
    const full = io(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    });
    expect(await main(['explain', fixture], full)).toBe(3);
    expect(full.err()).toMatch(/no space left on device \(ENOSPC\)/);
    expect(full.err()).not.toMatch(/internal error/);
  });

  test('running out of memory is an environment error (3) that says how to give more', async () => {
    const oom = io(() => {
      throw new RangeError('Invalid string length');
    });
    expect(await main(['explain', fixture], oom)).toBe(3);
    expect(oom.err()).toMatch(/out of memory.*--max-old-space-size/);
  });

  test('an unexpected exception is a bug (4), with the request to report it and no stack trace', async () => {
    const buggy = io(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    expect(await main(['explain', fixture], buggy)).toBe(4);
    expect(buggy.err()).toMatch(/internal error: Cannot read properties/);
    expect(buggy.err()).toMatch(/bug in kube-whatif.*please report it/);
    expect(buggy.err()).not.toMatch(/\n\s+at /);
  });

  test('bad input stays 2 and a usage error stays 2', async () => {
    const bad = io(() => {});
    expect(await main(['explain', 'test/fixtures/does-not-exist.yaml'], bad)).toBe(2);
    expect(await main(['compare', fixture, '--seeds', 'x'], io(() => {}))).toBe(2);
  });
});
