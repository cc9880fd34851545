import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';

/** Runs the CLI in-process, as a terminal-less CI job would, and collects its output. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env: {} };
  const code = await main(args, io);
  return { code, out, err };
}
