import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What one child process cost. */
export interface Measured {
  /** user + system CPU seconds of the child (every thread). */
  readonly cpuSeconds: number;
  readonly maxRssBytes: number;
  readonly wallSeconds: number;
  /** Bytes of the `--json` file the child wrote (0 when none). */
  readonly jsonBytes: number;
}

export type Outcome = { readonly ok: true; readonly measured: Measured } | { readonly ok: false; readonly overBudget: boolean; readonly cpuSeconds: number; readonly message: string };

const PRELOAD = fileURLToPath(new URL('./report-usage.mjs', import.meta.url));
// WHATIF_BENCH_CLI measures another build (a copy of dist/ taken before a change) with this bench.
const CLI = process.env.WHATIF_BENCH_CLI ?? fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
let ticks: number | null = null;

/** CPU seconds used so far by a running process (Linux /proc; null elsewhere or once it is gone). */
function cpuSoFar(pid: number): number | null {
  try {
    ticks ??= Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return null;
  }
}

/**
 * Runs `whatif <args>` from dist/ in a child process and measures it; the child is killed once it
 * has used `budgetCpuSeconds` of CPU (or, where /proc is missing, of wall time). `jsonArgs` adds
 * `--json <temporary file>` and reports its size.
 */
export async function measureCli(args: readonly string[], budgetCpuSeconds: number, options: { json?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-bench-'));
  const usage = join(dir, 'usage.json');
  const json = join(dir, 'out.json');
  const full = [...args, ...(options.json ? ['--json', json] : [])];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', PRELOAD, CLI, ...full], { env: { ...process.env, ...options.env, WHATIF_BENCH_USAGE: usage }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const killed: { at: number | null } = { at: null };
  const timer = setInterval(() => {
    const cpu = child.pid === undefined ? null : cpuSoFar(child.pid);
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if ((cpu ?? wall) > budgetCpuSeconds && killed.at === null) {
      killed.at = cpu ?? wall;
      child.kill('SIGKILL');
    }
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearInterval(timer);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  try {
    if (killed.at !== null) return { ok: false, overBudget: true, cpuSeconds: killed.at, message: `killed after ${killed.at.toFixed(0)} CPU s (budget ${budgetCpuSeconds} s)` };
    // Exit 1 is a run whose policies failed: still a complete run.
    if (code !== 0 && code !== 1) return { ok: false, overBudget: false, cpuSeconds: 0, message: `exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
    const u = JSON.parse(readFileSync(usage, 'utf8')) as { userSeconds: number; systemSeconds: number; maxRssBytes: number };
    let jsonBytes = 0;
    if (options.json) {
      jsonBytes = statSync(json).size;
      // A bench that posts a time for output nobody can read would be wrong: check the JSON parses.
      if (jsonBytes < 400_000_000) JSON.parse(readFileSync(json, 'utf8'));
    }
    return { ok: true, measured: { cpuSeconds: u.userSeconds + u.systemSeconds, maxRssBytes: u.maxRssBytes, wallSeconds, jsonBytes } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median of the values (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
