import { describe, expect, test } from 'vitest';
import { Environment, Periodic, Priority, Timer, type EventHandler, type ProcessBody } from '../../src/engine/index.js';

function recorder(log: string[], env: Environment, label: string): EventHandler {
  return { fire: () => log.push(`${env.now}:${label}`) };
}

describe('event order', () => {
  test('events fire in time order whatever order they were scheduled in', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(30, recorder(log, env, 'c'));
    env.schedule(10, recorder(log, env, 'a'));
    env.schedule(20, recorder(log, env, 'b'));
    env.run(100);
    expect(log).toEqual(['10:a', '20:b', '30:c']);
    expect(env.now).toBe(100);
  });

  test('ties at the same time and priority fire in scheduling order', () => {
    const env = new Environment();
    const log: string[] = [];
    for (const label of ['first', 'second', 'third', 'fourth']) env.schedule(5, recorder(log, env, label));
    env.run(5);
    expect(log).toEqual(['5:first', '5:second', '5:third', '5:fourth']);
  });

  test('urgent events fire before normal ones at the same time even when scheduled later', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(5, recorder(log, env, 'normal'), Priority.normal);
    env.schedule(5, recorder(log, env, 'urgent'), Priority.urgent);
    env.run(10);
    expect(log).toEqual(['5:urgent', '5:normal']);
  });

  test('order survives heap growth past its initial capacity', () => {
    const env = new Environment();
    const fired: number[] = [];
    // 1000 events at 7 distinct times, scheduled in a scrambled order.
    for (let i = 0; i < 1000; i++) {
      const id = i;
      env.schedule(((i * 37) % 7) * 10, { fire: () => fired.push(id) });
    }
    env.run(1000);
    const expected = [...Array(1000).keys()].sort((a, b) => ((a * 37) % 7) - ((b * 37) % 7) || a - b);
    expect(fired).toEqual(expected);
  });

  test('run stops at the horizon and fires events scheduled exactly at it', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(50, recorder(log, env, 'at'));
    env.schedule(51, recorder(log, env, 'after'));
    env.run(50);
    expect(log).toEqual(['50:at']);
    env.run(60);
    expect(log).toEqual(['50:at', '51:after']);
  });

  test('a non-integer delay is a bug and throws', () => {
    const env = new Environment();
    expect(() => env.schedule(1.5, { fire() {} })).toThrow(/integer/);
  });
});

describe('processes', () => {
  test('a controller loop wakes every period', () => {
    const env = new Environment();
    const wakes: number[] = [];
    env.process('loop', (function* (): ProcessBody {
      for (;;) {
        wakes.push(env.now);
        yield 15_000;
      }
    })());
    env.run(60_000);
    expect(wakes).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
  });

  test('a process waits on a signal and on another process', () => {
    const env = new Environment();
    const log: string[] = [];
    const ready = env.signal();
    const worker = env.process('worker', (function* (): ProcessBody {
      yield ready;
      log.push(`worker resumed at ${env.now}`);
      yield 100;
    })());
    env.process('watcher', (function* (): ProcessBody {
      yield worker.done;
      log.push(`watcher saw worker end at ${env.now}`);
    })());
    env.schedule(40, { fire: () => ready.trigger() });
    env.run(1000);
    expect(log).toEqual(['worker resumed at 40', 'watcher saw worker end at 140']);
  });

  test('a stopped process does not wake again', () => {
    const env = new Environment();
    let wakes = 0;
    const p = env.process('p', (function* (): ProcessBody {
      for (;;) {
        wakes++;
        yield 10;
      }
    })());
    env.run(25); // wakes at 0, 10, 20
    p.stop();
    env.run(100);
    expect(wakes).toBe(3);
  });

  test('an exception inside a process names the process and the time', () => {
    const env = new Environment();
    env.process('broken-controller', (function* (): ProcessBody {
      yield 70;
      throw new Error('boom');
    })());
    expect(() => env.run(100)).toThrow(/boom \(at t=70 ms in broken-controller\)/);
  });
});

describe('periodic and timer', () => {
  test('periodic ticks every period until stopped', () => {
    const env = new Environment();
    const ticks: number[] = [];
    const periodic = new Periodic(env, 'tick', 5000, (now) => ticks.push(now)).start(5000);
    env.run(20_000);
    periodic.stop();
    env.run(40_000);
    expect(ticks).toEqual([5000, 10_000, 15_000, 20_000]);
  });

  test('a re-armed timer fires once, at its last due time', () => {
    const env = new Environment();
    const fired: number[] = [];
    const timer = new Timer(env, (now) => fired.push(now));
    timer.arm(100);
    timer.arm(300); // supersedes the first arming
    env.run(1000);
    expect(fired).toEqual([300]);
  });

  test('a cancelled timer does not fire', () => {
    const env = new Environment();
    const fired: number[] = [];
    const timer = new Timer(env, (now) => fired.push(now));
    timer.arm(100);
    timer.cancel();
    env.run(1000);
    expect(fired).toEqual([]);
    expect(timer.isArmed).toBe(false);
  });
});

describe('determinism', () => {
  test('the same program gives the same trace twice', () => {
    function trace(): string {
      const env = new Environment();
      const log: string[] = [];
      for (let i = 0; i < 50; i++) {
        const id = i;
        env.process(`p${id}`, (function* (): ProcessBody {
          for (let k = 0; k < 5; k++) {
            log.push(`${env.now}:${id}`);
            yield (id % 3) * 1000 + 500;
          }
        })());
      }
      env.run(100_000);
      return log.join(',');
    }
    expect(trace()).toBe(trace());
  });
});
