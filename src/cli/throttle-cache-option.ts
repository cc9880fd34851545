import type { Command } from 'commander';
import type { CommandIo } from './io.js';
import { describeSystemError, isSystemError } from './environment-error.js';

/** The environment variable CI jobs set instead of the flag. */
export const THROTTLE_CACHE_ENV = 'WHATIF_THROTTLE_CACHE';

/**
 * Adds `--throttle-cache FILE` to a command that simulates: the process-wide throttle cache
 * (simulation/cpu-step.ts) starts with the file's results and the file gets the process's at the
 * end (throttle-cache-file.ts). The flag, else the environment variable, names the file; the
 * scenario cannot, so a merge request does not choose what the job reads or writes.
 */
export function addThrottleCacheOption(command: Command, io: CommandIo, version: string): Command {
  let session: { path: string; header: string; read: number } | null = null;
  return command
    .option('--throttle-cache <file>', `keep the throttle Monte Carlo's results in FILE between runs, read at the start and written at the end (default: $${THROTTLE_CACHE_ENV}); the output is the same, only sooner`)
    .hook('preAction', async (cmd) => {
      const flag = (cmd.opts() as { throttleCache?: string }).throttleCache;
      const path = flag ?? io.env[THROTTLE_CACHE_ENV];
      if (!path) return;
      const [{ sharedThrottleCache }, file] = await Promise.all([import('../simulation/cpu-step.js'), import('./throttle-cache-file.js')]);
      const cache = sharedThrottleCache();
      const placed = file.untrustedPlace(path);
      if (placed) {
        // Neither read nor replaced: replacing a committed file would change the work tree.
        io.stderr(`whatif: warning: throttle cache ${path} not used: ${placed}\n`);
        return;
      }
      const header = file.throttleCacheHeader(cache, version);
      const read = file.readThrottleCacheFile(path, cache, header);
      if (read.used) io.stderr(`whatif: throttle cache ${path}: ${read.results} results read\n`);
      else if (read.reason) io.stderr(`whatif: warning: throttle cache ${path} not used: ${read.reason}; it is written anew at the end\n`);
      session = { path, header, read: read.used ? read.results : 0 };
    })
    .hook('postAction', async () => {
      if (!session) return;
      const { path, header, read } = session;
      session = null;
      const [{ sharedThrottleCache }, file, { forEachThrottleResult }] = await Promise.all([
        import('../simulation/cpu-step.js'),
        import('./throttle-cache-file.js'),
        import('../models/cpu/throttle-cache.js'),
      ]);
      const cache = sharedThrottleCache();
      let held = 0;
      forEachThrottleResult(cache, () => held++);
      // Nothing simulated (bad input, or nothing throttled) or nothing the file lacks: leave it as it is.
      if (held === 0 || held <= read) return;
      try {
        const written = file.writeThrottleCacheFile(path, cache, header);
        if (written > read) io.stderr(`whatif: throttle cache ${path}: ${written} results written\n`);
      } catch (error) {
        // A cache only saves time: a job whose cache cannot be written still has its verdict.
        io.stderr(`whatif: warning: throttle cache ${path} not written: ${isSystemError(error) ? describeSystemError(error) : error instanceof Error ? error.message : String(error)}\n`);
      }
    });
}
