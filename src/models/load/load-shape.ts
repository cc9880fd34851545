/**
 * A request-rate shape: the expected arrival rate (requests per second) at a simulated instant.
 * Shapes are deterministic; randomness (Poisson noise) is applied by the caller from the
 * workload's own stream, so before and after runs see the same arrivals.
 */
export interface LoadShape {
  /** Expected requests per second at `timeMs`. */
  rateAt(timeMs: number): number;
  /** The largest rate the shape ever reaches (for static bounds). */
  readonly peakRps: number;
}
