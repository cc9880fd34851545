import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = resolve(fileURLToPath(import.meta.url), '../../..');

/** The built CLI entry that child processes run. */
export const builtCli = join(root, 'dist/cli/main.js');

/**
 * Worker threads load dist/sweep/worker.js (Node 20 cannot run TypeScript in a worker), so
 * these tests need a build no older than the sources: `npm ci` makes one through `prepare`; when
 * src/ has changed since, build again (tsc writes its output even when it reports type errors).
 */
export function ensureDist(): void {
  const targets = [builtCli, join(root, 'dist/sweep/worker.js'), join(root, 'dist/sweep/worker-entry.cjs')];
  const built = Math.min(...targets.map((t) => (existsSync(t) ? statSync(t).mtimeMs : 0)));
  if (built >= newestMtime(join(root, 'src'))) return;
  spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  for (const t of targets) if (!existsSync(t)) throw new Error(`${t} is missing after the build: run npm run build and read its errors`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
