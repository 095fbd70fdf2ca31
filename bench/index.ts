// `npm run bench`: prints figures; never a pass/fail test. Ratios compare against a baseline
// measured in the same run on the same machine, so they travel better than absolute times.
import os from 'node:os';
import { benchCore } from './core.js';

console.log(`factdesk benchmarks — Node ${process.version}, ${os.cpus().length} cores, ${os.platform()}`);
await benchCore();
