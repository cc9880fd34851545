/**
 * The few cases that need a real process: resource exhaustion (an alias bomb, nesting deeper than
 * the parser's stack) and an unwritable output, run through the built CLI with a small heap, each
 * within a time bound, never exit 4 and never a stack trace.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCli, ensureDist } from '../sweep/ensure-dist.js';

const fixture = 'test/fixtures/scenarios/small-change.yaml';

function whatif(...args: string[]): { code: number | null; err: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', builtCli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, err: r.stderr };
}

describe('resource exhaustion and unwritable outputs in a real process', () => {
  beforeAll(() => ensureDist(), 120_000);
  const dir = mkdtempSync(join(tmpdir(), 'whatif-proc-'));

  test('a YAML alias bomb ("billion laughs") is bad input at its line (2), not a crash', () => {
    const lines = ['apiVersion: kube-whatif/v1', 'kind: Scenario', 'metadata:', '  name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('spec: *a11');
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = whatif('explain', file);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/bomb\.yaml:\d+:\d+: error/);
  });

  test('nesting deeper than the parser can follow is bad input (2)', () => {
    const file = join(dir, 'deep.yaml');
    writeFileSync(file, `a: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    const r = whatif('explain', file);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/deep\.yaml:\d+:\d+: error/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('an output where the process may not write is an environment error (3) naming it; no other output is kept', () => {
    const md = join(dir, 'kept.md');
    const r = whatif('compare', fixture, '--seeds', '1', '--workers', '1', '--markdown', md, '--json', '/sys/whatif-report.json');
    expect(r.code, r.err).toBe(3);
    expect(r.err).toContain('/sys/whatif-report.json');
    expect(existsSync(md)).toBe(false);
  });
});
