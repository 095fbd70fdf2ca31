// `npm run bench -- store`: answer time of the compiled app while Redis is up and after it is stopped,
// against the in-memory store in the same run. Every request comes from a user never seen before, so
// with Redis up each answer reads the user's language once; stopped, the answer must not wait on it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../src/app.js';
import { freePort, startRedisServer } from '../test/fakes/redis-server.js';
import { ROOT } from './paths.js';
import { measure } from './stats.js';

const ITERATIONS = 2000;
const REPEATS = 3;

async function openApp(storeUrl: string, dataDir: string): Promise<App> {
  return createApp({
    knowledgeDir: path.join(ROOT, 'knowledge'),
    dataDir,
    storeUrl,
    defaultLocale: 'en',
    logger: pino({ level: 'silent' }),
    redisPrefix: `factdesk-bench-${process.pid}:`,
  });
}

/** `/cost r1` from a new user each time. */
function newUsers(app: App, label: string) {
  let n = 0;
  return () => {
    const id = `${label}-${n++}`;
    return app.core.dispatch({
      command: 'cost',
      args: { subject: 'r1' },
      actor: { platform: 'telegram', userId: id, chatId: id, replyTo: id },
    });
  };
}

type Row = { p50: number; p99: number; mean: number };
const range = (rows: readonly Row[], key: keyof Row, scale = 1) => {
  const values = rows.map((r) => r[key] * scale);
  return `${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`;
};

export async function benchStore(): Promise<void> {
  console.log('\n== store: answers with Redis up, and after Redis is stopped (new user each answer) ==');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-bench-store-'));
  const baseline: Row[] = [];
  const up: Row[] = [];
  const stopped: Row[] = [];
  try {
    for (let r = 0; r < REPEATS; r++) {
      const memory = await openApp('memory://', dataDir);
      baseline.push(await measure(newUsers(memory, `m${r}`), ITERATIONS));
      await memory.close();

      const port = await freePort();
      const redis = await startRedisServer(port);
      const app = await openApp(`redis://127.0.0.1:${port}`, dataDir);
      try {
        up.push(await measure(newUsers(app, `u${r}`), ITERATIONS));
        await redis.stop();
        while (app.storeState() !== 'down') await new Promise((res) => setTimeout(res, 20));
        stopped.push(await measure(newUsers(app, `s${r}`), ITERATIONS));
      } finally {
        await app.close();
        await redis.stop().catch(() => undefined);
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const line = (name: string, rows: Row[]) =>
    `  ${name.padEnd(36)} p50 ${range(rows, 'p50')} ms  p99 ${range(rows, 'p99')} ms  ` +
    `p50 ${ratios(rows, 'p50')}×, mean ${ratios(rows, 'mean')}× the baseline`;
  const ratios = (rows: Row[], key: keyof Row) =>
    rows.map((row, i) => (row[key] / (baseline[i]?.[key] ?? NaN)).toFixed(2)).join(', ');
  console.log(
    `  ${REPEATS} repeats of ${ITERATIONS} answers each; ranges over the repeats, ratios per repeat`,
  );
  console.log(line('in-memory store (baseline)', baseline));
  console.log(line('Redis up (new user: language read)', up));
  console.log(line('Redis stopped (no store call)', stopped));
}
