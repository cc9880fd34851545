/** fast-check generators of node descriptions for buildNode (build-node.ts), shared by the split's property tests. */
import fc from 'fast-check';

/** A container: weight, mean demand, threads and maybe a limit. */
export const arbitraryContainer = fc.record({
  shares: fc.integer({ min: 2, max: 4096 }),
  demand: fc.double({ min: 0, max: 3, noNaN: true }),
  threads: fc.integer({ min: 1, max: 8 }),
  limit: fc.option(fc.double({ min: 0.1, max: 4, noNaN: true }), { nil: undefined }),
});

/** A pod of one to three containers, of any QoS class, maybe with a pod-level limit. */
export const arbitraryPod = fc.record({
  qos: fc.constantFrom<'Guaranteed' | 'Burstable' | 'BestEffort'>('Guaranteed', 'Burstable', 'BestEffort'),
  limit: fc.option(fc.double({ min: 0.5, max: 6, noNaN: true }), { nil: undefined }),
  containers: fc.array(arbitraryContainer, { minLength: 1, maxLength: 3 }),
});
