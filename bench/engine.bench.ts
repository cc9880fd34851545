import { Bench } from 'tinybench';
import { Environment, Periodic, type EventHandler } from '../src/engine/index.js';

/**
 * Engine core throughput: events per second through the (time, priority, sequence) queue, with
 * 1,000 periodic handlers at co-prime periods (a busy heap) and with one tight periodic loop.
 * Each task checks its result so that a fast-but-wrong engine cannot pass.
 */
export async function engineBench(): Promise<{ name: string; eventsPerSecond: number }[]> {
  const results: { name: string; eventsPerSecond: number }[] = [];
  const bench = new Bench({ time: 1000, warmupTime: 200 });
  let fired = 0;
  bench.add('1,000 periodic handlers, 200k events', () => {
    const env = new Environment();
    fired = 0;
    for (let i = 0; i < 1000; i++) {
      const period = 1000 + ((i * 7919) % 997);
      new Periodic(env, `p${i}`, period, () => void fired++).start(i);
    }
    while (fired < 200_000) env.step();
    if (fired !== 200_000) throw new Error(`expected 200000 events, got ${fired}`);
  });
  bench.add('one timer re-armed 200k times', () => {
    const env = new Environment();
    let count = 0;
    const handler: EventHandler = {
      fire: () => {
        count++;
        if (count < 200_000) env.schedule(5, handler);
      },
    };
    env.schedule(0, handler);
    while (env.step());
    if (count !== 200_000 || env.now !== 5 * 199_999) throw new Error('wrong event count or clock');
  });
  await bench.run();
  for (const task of bench.tasks) {
    const r = task.result as { latency?: { mean: number }; mean?: number } | undefined;
    const meanMs = r?.latency?.mean ?? r?.mean ?? NaN;
    results.push({ name: task.name, eventsPerSecond: 200_000 / (meanMs / 1000) });
  }
  return results;
}
