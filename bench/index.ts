// `npm run bench`: prints figures; never a pass/fail test. Ratios compare against a baseline
// measured in the same run on the same machine, so they travel better than absolute times.
// `npm run bench -- core|telegram|discord|web|scale|store|commands` runs one section.
import os from 'node:os';
import { benchCommands } from './commands-at-scale.js';
import { benchCore } from './core.js';
import { benchDiscord, benchTelegram } from './platforms.js';
import { benchScale } from './scale.js';
import { benchStore } from './store.js';
import { benchWeb } from './web.js';

const sections: Record<string, () => Promise<void>> = {
  core: benchCore,
  telegram: benchTelegram,
  discord: benchDiscord,
  web: benchWeb,
  scale: benchScale,
  store: benchStore,
  commands: benchCommands,
};
const wanted = process.argv.slice(2).filter((s) => s in sections);
console.log(`factdesk benchmarks — Node ${process.version}, ${os.cpus().length} cores, ${os.platform()}`);
for (const name of wanted.length > 0 ? wanted : Object.keys(sections)) await sections[name]?.();
