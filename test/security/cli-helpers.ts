import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';

/** Runs the CLI in-process with the given environment. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), stdoutIsTty: false, stderrIsTty: false, env };
  const code = await main(args, io);
  return { code, out, err };
}

/** A fresh folder with the given files (paths relative to it); returns its path. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whatif-sec-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** A small valid scenario; `workload` and `extra` are spliced into its spec as YAML text. */
export function scenario(opts: { workload?: string; spec?: string; pool?: string } = {}): string {
  return `apiVersion: kube-whatif/v1
kind: Scenario
metadata: { name: sec }
spec:
  duration: 10m
  seeds: 1
${opts.spec ?? ''}  cluster:
    nodePools:
      - { name: pool, machineType: e2-standard-4, minNodes: 1, maxNodes: 3${opts.pool ?? ''} }
  workloads:
    - name: api
      replicas: 2
      resources: { requests: { cpu: 200m, memory: 128Mi } }
      load: { type: constant, rps: 10 }
      cpuPerRequest: 10ms
      workerThreads: 4
${opts.workload ?? ''}`;
}
