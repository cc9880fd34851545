/**
 * Self time per function of a V8 CPU profile, largest first: where a run's time goes.
 *
 *   node --cpu-prof --cpu-prof-dir out/prof dist/cli/main.js run bench/scale/scenarios/scale-100-nodes.yaml --duration 1h
 *   node --import tsx bench/scale/profile-summary.ts out/prof/*.cpuprofile [--top 15]
 *
 * (garbage collector) and (program) are V8's own entries.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

export function selfTimeShares(profile: { nodes: readonly ProfileNode[]; samples?: readonly number[] }): { name: string; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  if (profile.samples?.length) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const n of profile.nodes) hits.set(n.id, n.hitCount ?? 0);
  const total = [...hits.values()].reduce((a, b) => a + b, 0) || 1;
  const byName = new Map<string, number>();
  for (const [id, count] of hits) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const where = f.url ? ` (${basename(f.url)}:${f.lineNumber + 1})` : '';
    const name = `${f.functionName || '(anonymous)'}${where}`;
    byName.set(name, (byName.get(name) ?? 0) + count);
  }
  return [...byName].map(([name, count]) => ({ name, share: count / total })).sort((a, b) => b.share - a.share);
}

if (process.argv[1] && process.argv[1].endsWith('profile-summary.ts')) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
  const files = args.filter((a, i) => a !== '--top' && i !== topAt + 1);
  for (const file of files) {
    console.log(`| share | function (${basename(file)}) |\n| --- | --- |`);
    for (const { name, share } of selfTimeShares(JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples?: number[] }).slice(0, top)) {
      console.log(`| ${(share * 100).toFixed(1)} % | \`${name.replace(/\|/g, '\\|')}\` |`);
    }
  }
}
