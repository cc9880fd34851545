/** A failure inside a simulated process, with the simulated time and process name it happened at. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly simTimeMs: number,
    readonly processName: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (at t=${simTimeMs} ms in ${processName})`, options);
    this.name = 'SimulationError';
  }
}

/** A broken invariant: a bug in kube-whatif, never the user's input. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}
