import { describe, expect, it } from 'vitest';
import { parseStepAllocation } from '../../bench/scale/step-allocation-bench.js';

describe('step allocation report', () => {
  it('reads the steps, the pods, the bytes per pod-step and the places that allocated', () => {
    const report = [
      'dist: scenarios/payments-maxreplicas.yaml after, 14 h, then 18000 CPU steps of 45 pods: 14.4 MB sampled, 17.8 bytes per pod-step',
      '     14.3 MB  podLatencyStep request-latency.js:99',
      '      0.0 MB  Alea alea.js:30',
      '',
    ].join('\n');
    expect(parseStepAllocation(report)).toEqual({ steps: 18000, pods: 45, bytesPerPodStep: 17.8, top: ['14.3 MB  podLatencyStep request-latency.js:99'] });
  });

  it('reads an allocation-free step, with nothing listed', () => {
    const report = 'dist: x.yaml, 1 h, then 1200 CPU steps of 7849 pods: 0.1 MB sampled, 0.0 bytes per pod-step\n      0.0 MB  Alea alea.js:30\n';
    expect(parseStepAllocation(report)).toEqual({ steps: 1200, pods: 7849, bytesPerPodStep: 0, top: [] });
  });

  it('is null for anything else (an error, an older report without the numbers)', () => {
    expect(parseStepAllocation('cannot load x.yaml\n')).toBeNull();
    expect(parseStepAllocation('')).toBeNull();
  });
});
