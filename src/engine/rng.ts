import seedrandom from 'seedrandom';

/** A seeded stream of uniform numbers in [0, 1). */
export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
}

/**
 * Independent named random streams from one seed. Each consumer (a workload's load, a node's boot
 * delay) draws from its own stream keyed by a stable name, so adding a workload or changing a
 * config does not shift any other stream, and the before and after runs of a comparison see the
 * same random load (common random numbers).
 */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  /** The stream named `name`, created on first use. */
  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      // Alea: fast, with a 2^116 period, seeded from the string (seedrandom's recommended fast PRNG).
      const prng = seedrandom.alea(`${this.seed}\u0000${name}`);
      stream = { next: () => prng() };
      this.streams.set(name, stream);
    }
    return stream;
  }
}
