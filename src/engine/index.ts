export { Environment } from './environment.js';
export { type EventHandler } from './event-queue.js';
export { Priority } from './priority.js';
export { type ProcessBody } from './process.js';
export { Signal } from './signal.js';
export { Periodic } from './periodic.js';
export { Timer } from './timer.js';
export { RandomStreams, type RandomStream } from './rng.js';
export { exponential, poisson, standardNormal } from './distributions.js';
