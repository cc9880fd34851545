import { cpus } from 'node:os';
import { engineBench } from './engine.bench.js';
import { wholeRunBench } from './whole-run.bench.js';

// `npm run bench`: prints the numbers recorded in bench/RESULTS.md, with the machine.
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpus().length} x ${cpu}, node ${process.version}, ${new Date().toISOString()}`);
for (const r of await engineBench()) console.log(`engine  ${r.name.padEnd(40)} ${(r.eventsPerSecond / 1e6).toFixed(2)} M events/s`);
for (const r of wholeRunBench()) {
  console.log(r.ms > 0 ? `run     ${r.label.padEnd(40)} ${(r.ms / 1000).toFixed(2)} s for ${r.simulatedHours} simulated hours` : `run     ${r.label}`);
}
