// Child process of the `scale` benchmark: starts the product as `npm start` does (createApp: knowledge,
// store, core) on one knowledge directory, answers a stream of questions, and reports start time,
// answer times and memory. A fresh process per run, so that memory figures are honest.
import pino from 'pino';
import { createApp } from '../src/app.js';
import { percentile } from './stats.js';

const [dir = 'knowledge', dataDir = 'data', answersArg = '2000'] = process.argv.slice(2);
const answers = Number(answersArg);
const started = process.hrtime.bigint();
const app = await createApp({
  knowledgeDir: dir,
  dataDir,
  storeUrl: undefined,
  defaultLocale: 'en',
  logger: pino({ level: 'silent' }),
});
const startMs = Number(process.hrtime.bigint() - started) / 1e6;
const startPeakMb = process.resourceUsage().maxRSS / 1024;

const kb = app.core.knowledge();
const entities = kb.entities.length;
const actor = { platform: 'console' as const, userId: 'bench' };
// Different subjects every time, so caches see a realistic spread rather than one warm answer.
const line = (i: number) => {
  const e = (i * 7919) % entities;
  switch (i % 4) {
    case 0:
      return `/cost m${e}`;
    case 1:
      return `/chips model number ${e}`;
    case 2:
      return `/fact m${e} training cost`;
    default:
      return '/cost zzz-unknown';
  }
};
const firstAnswer = process.hrtime.bigint();
await app.core.dispatchLine(line(0), actor);
const firstAnswerMs = Number(process.hrtime.bigint() - firstAnswer) / 1e6;
for (let i = 1; i <= 200; i++) await app.core.dispatchLine(line(i), actor);
const samples: number[] = [];
for (let i = 0; i < answers; i++) {
  const t = process.hrtime.bigint();
  await app.core.dispatchLine(line(i + 201), actor);
  samples.push(Number(process.hrtime.bigint() - t) / 1e6);
}
samples.sort((a, b) => a - b);
const rssMb = process.memoryUsage().rss / 2 ** 20;
await app.close();
process.stdout.write(
  JSON.stringify({
    startMs,
    startPeakMb,
    firstAnswerMs,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    rssMb,
    peakMb: process.resourceUsage().maxRSS / 1024,
    figures: kb.figures.length,
  }),
);
