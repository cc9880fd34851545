import { describe, expect, test } from 'vitest';
import { busyCores, parseProcStat } from './machine-load.js';

// Two /proc/stat samples one second apart (USER_HZ 100) on a 2-CPU machine.
const before = 'cpu  1000 0 200 5000 100 0 0 0 0 0\ncpu0 500 0 100 2500 50 0 0 0 0 0\ncpu1 500 0 100 2500 50 0 0 0 0 0\nintr 1\n';

describe('the quiet-machine check of the calibration', () => {
  test('parses the aggregate line and counts the CPUs', () => {
    expect(parseProcStat(before)).toEqual({ total: 6300, idle: 5100, cpus: 2 });
  });

  test.each([
    // 200 jiffies passed (2 CPUs x 100); all of them idle: nothing else runs.
    { name: 'an idle machine has 0 busy cores', after: 'cpu  1000 0 200 5200 100 0 0 0 0 0\ncpu0 x\ncpu1 x\n', cores: 0 },
    // 100 of 200 jiffies in user time: one core's worth, as `yes > /dev/null` on one core.
    { name: 'one core kept busy is 1 busy core', after: 'cpu  1100 0 200 5100 100 0 0 0 0 0\ncpu0 x\ncpu1 x\n', cores: 1 },
    // iowait counts as idle: the CPU could have run the measured loads.
    { name: 'iowait is not load', after: 'cpu  1000 0 200 5100 200 0 0 0 0 0\ncpu0 x\ncpu1 x\n', cores: 0 },
  ])('$name', ({ after, cores }) => {
    expect(busyCores(parseProcStat(before)!, parseProcStat(after)!)).toBeCloseTo(cores, 9);
  });
});
