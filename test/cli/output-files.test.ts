import { describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';
import { writeOutputs } from '../../src/cli/write-outputs.js';
import { EnvironmentError } from '../../src/cli/environment-error.js';

const fixture = 'test/fixtures/scenarios/small-change.yaml';

function fakeIo(): CommandIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env: {}, out: () => out, err: () => err };
}

async function cli(...args: string[]) {
  const io = fakeIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'whatif-out-'));

describe('output files are written safely', () => {
  test('a planted symbolic link at the target is refused and its target is untouched (exit 3)', async () => {
    const dir = scratch();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'report.json'));
    const r = await cli('run', fixture, '--json', join(dir, 'report.json'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/--json: .*report\.json exists and is a symbolic link, not a regular file/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  test('a symbolic link to a folder inside the working directory is refused (exit 3); the linked folder stays empty', async () => {
    const outside = scratch();
    mkdirSync(join(process.cwd(), 'out'), { recursive: true });
    const inside = mkdtempSync(join(process.cwd(), 'out', 'whatif-link-'));
    try {
      symlinkSync(outside, join(inside, 'reports'));
      const target = join(inside, 'reports', 'r.json').slice(process.cwd().length + 1);
      const r = await cli('run', fixture, '--json', target);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/reports on the way to .* is a symbolic link/);
      expect(readdirSync(outside)).toEqual([]);
    } finally {
      rmSync(inside, { recursive: true, force: true });
    }
  });

  test('a device file as target is refused before any simulation (exit 3)', async () => {
    const r = await cli('run', fixture, '--json', '/dev/null');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/\/dev\/null exists and is a device file/);
    expect(r.out).toBe('');
  });

  test('a directory as target is an environment error naming the path (exit 3), not an internal error', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'out.json'));
    const r = await cli('run', fixture, '--json', join(dir, 'out.json'));
    expect(r.code).toBe(3);
    expect(r.err).toContain(join(dir, 'out.json'));
    expect(r.err).not.toMatch(/internal error/);
  });

  test('two options naming the same file, even spelled differently, are bad input (exit 2)', async () => {
    const dir = scratch();
    const r = await cli('compare', fixture, '--json', join(dir, 'r.out'), '--markdown', join(dir, '.', 'x', '..', 'r.out'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--json and --markdown both write/);
    expect((await cli('compare', fixture, '--json', '-', '--junit', '-')).code).toBe(2);
  });

  test('a file the old predictable temporary name points to is not written through', async () => {
    const dir = scratch();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    // The name the previous writer used: .<file>.<pid>.tmp
    symlinkSync(victim, join(dir, `.r.json.${process.pid}.tmp`));
    const r = await cli('run', fixture, '--json', join(dir, 'r.json'));
    expect(r.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).schemaVersion).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') && !f.includes(String(process.pid)))).toEqual([]);
  });

  test('"-" writes the output to standard output and the terminal report to stderr', async () => {
    const r = await cli('run', fixture, '--json', '-');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).schemaVersion).toBe(1);
    expect(r.err).toMatch(/nodes|replicas/i);
  });

  test('when one output cannot be written, none of the run is kept (exit 3, the path named)', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const good = join(dir, 'good.json');
    const bad = join(dir, 'not-a-folder', 'report.md');
    const r = await cli('compare', fixture, '--seeds', '1', '--json', good, '--markdown', bad);
    expect(r.code).toBe(3);
    expect(r.err).toContain(bad);
    expect(r.err).toMatch(/no output of this run was kept/);
    expect(existsSync(good)).toBe(false);
    expect(readdirSync(dir)).toEqual(['not-a-folder']);
  });

  test('a failing renderer writes nothing: every output is rendered before the first is written', () => {
    const dir = scratch();
    const first = join(dir, 'first.txt');
    expect(() =>
      writeOutputs(
        [
          { option: '--a', path: first, render: () => 'a' },
          { option: '--b', path: join(dir, 'b.txt'), render: () => { throw new Error('renderer bug'); } },
        ],
        fakeIo(),
      ),
    ).toThrow('renderer bug');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a write error is an EnvironmentError naming path and reason', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'file'), '');
    let caught: unknown;
    try {
      writeOutputs([{ option: '--a', path: join(dir, 'file', 'x.txt'), render: () => 'a' }], fakeIo());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvironmentError);
    expect((caught as Error).message).toMatch(/cannot write .*file\/x\.txt: .*\((ENOTDIR|EEXIST)\)/);
  });
});
