import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

// explain's static bounds and a short run read the same resolved scenario: the pools explain says
// a workload may land on are the pools its pods do land on, and the nodes of a pool in the run stay
// within explain's [nodes at minReplicas, nodes at maxReplicas].
const scenarios = ['scenarios/payments-maxreplicas.yaml', 'scenarios/helm-payments/scenario.yaml', 'scenarios/online-boutique/scenario.yaml', 'scenarios/linkerd-ha/scenario.yaml'];

type Bounds = { workloads: { name: string; pools: string[] }[]; pools: { name: string; nodesAtMin: number; nodesAtMax: number; neededAtMax: number }[] };

describe.each(scenarios)('%s: explain agrees with a 2 h run', (file) => {
  test('pools and node bounds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whatif-agree-'));
    const ex = await runCli('explain', '--json', file);
    expect(ex.code, ex.err).toBe(0);
    const before = (JSON.parse(ex.out) as { before: Bounds }).before;
    const out = join(dir, 'run.json');
    const run = await runCli('run', file, '--duration', '2h', '--window', 'peak', '--json', out);
    expect(run.code, run.err).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8')).run as {
      pools: Record<string, { peakNodes: number }>;
      workloads: Record<string, { pending: { podSeconds: number } }>;
      series: { pools: Record<string, { nodes: number[] }> };
    };
    for (const w of before.workloads) {
      // Eligible somewhere per explain <=> its pods were placed (no pod-second Pending beyond provisioning).
      if (w.pools.length === 0) expect(r.workloads[w.name]!.pending.podSeconds).toBeGreaterThan(0);
    }
    for (const p of before.pools) {
      const nodes = r.series.pools[p.name]!.nodes;
      expect(Math.min(...nodes)).toBeGreaterThanOrEqual(p.nodesAtMin);
      expect(Math.max(...nodes)).toBeLessThanOrEqual(p.nodesAtMax);
    }
  });
});
