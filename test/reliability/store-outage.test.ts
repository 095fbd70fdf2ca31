import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Actor } from '../../src/core/command.js';
import { messageUpdate, startFakeBotApi } from '../fakes/bot-api.js';
import { ROOT } from '../helpers.js';
import { cleanEnv } from '../process.js';
import { freePort, moderator, redisPrefix, startBot, startProxy, startRedisServer, waitFor } from './bots.js';

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// Like every Redis test these run with REDIS_URL set; they start a redis-server of their own on
// another port (the shared one on 6379 is never stopped).
const runs = Boolean(process.env.REDIS_URL) && hasRedisServer;
if (!runs)
  console.log('[factdesk] store outage tests SKIPPED: they need REDIS_URL and the redis-server binary');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const user = (id: string): Actor => ({ platform: 'telegram', userId: id, chatId: id, replyTo: id });
const title = (a: Answer) => (a.kind === 'figures' ? a.title : `${a.kind}: ${JSON.stringify(a)}`);
const message = (a: Answer) => (a.kind === 'error' ? a.message : a.kind === 'info' ? a.lines[0] : a.notice);
const CANT_SAVE =
  'I can’t save that right now: my storage is unavailable, so nothing was changed. Please try again later.';
const CANT_SAVE_ID =
  'Saya tidak bisa menyimpannya sekarang: penyimpanan saya sedang tidak tersedia, jadi tidak ada yang berubah. Silakan coba lagi nanti.';

/** Asks and returns the answer with how long it took; a stalled store must never hold an answer. */
async function timed(promise: Promise<Answer>): Promise<Answer> {
  const started = Date.now();
  const answer = await promise;
  expect(Date.now() - started, 'an answer waited on the store').toBeLessThan(5000);
  return answer;
}

async function bot(port: number) {
  const b = await startBot({
    STORE_URL: `redis://127.0.0.1:${port}`,
    REDIS_PREFIX: redisPrefix('outage'),
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-outage-')),
    STORE_TIMEOUT_MS: '500',
    LOG_LEVEL: 'info',
  });
  cleanups.push(() => b.stop());
  return b;
}
const warnings = (logs: string, text: string) => logs.split('\n').filter((l) => l.includes(text)).length;

describe.runIf(runs)('the store goes away and comes back', () => {
  test('Redis stalled, then killed, mid-run: lookups keep answering, writes say they cannot save, and all recovers without a restart', async () => {
    const redisPort = await freePort();
    let redis = await startRedisServer(redisPort);
    cleanups.push(() => redis.stop());
    const proxy = await startProxy(redisPort);
    cleanups.push(() => proxy.close());
    const b = await bot(proxy.port);
    const [ana, budi, citra] = [user('1'), user('2'), user('3')];

    expect(message(await b.ask('lang', { language: 'id' }, ana))).toBe(
      'Jawaban sekarang dalam Bahasa Indonesia.',
    );
    expect(await b.state()).toBe('up');

    // Stalled: connections stay open, nothing comes back.
    proxy.stall();
    expect(title(await timed(b.ask('cost', { subject: 'r1' }, budi)))).toBe('DeepSeek-R1: costs');
    // A preference already known is still served from memory.
    expect(title(await timed(b.ask('cost', { subject: 'r1' }, ana)))).toBe('DeepSeek-R1: biaya');
    expect(message(await timed(b.ask('lang', { language: 'id' }, budi)))).toBe(CANT_SAVE);
    expect(message(await timed(b.ask('lang', { language: 'en' }, ana)))).toBe(CANT_SAVE_ID);
    expect(
      message(
        await timed(b.ask('kb', { action: 'edit r1-training-cost status reported | outage' }, moderator)),
      ),
    ).toBe(CANT_SAVE);
    expect(await b.state()).toBe('down');

    // Killed: the connection drops and nothing listens.
    proxy.resume();
    await redis.stop();
    for (let i = 0; i < 20; i++)
      expect(title(await timed(b.ask('chips', { subject: 'deepseek' }, user(`k${i}`))))).toBe(
        'DeepSeek: chips and compute',
      );
    expect(message(await timed(b.ask('subscribe', { subject: 'r1' }, citra)))).toBe(CANT_SAVE);

    // Back: the bot finds it by itself and saves again.
    redis = await startRedisServer(redisPort);
    await waitFor('the store to be back', async () => (await b.state()) === 'up', 30_000);
    expect(message(await b.ask('lang', { language: 'id' }, budi))).toBe(
      'Jawaban sekarang dalam Bahasa Indonesia.',
    );
    expect(title(await b.ask('cost', { subject: 'r1' }, budi))).toBe('DeepSeek-R1: biaya');
    expect(
      message(
        await b.ask('kb', { action: 'edit r1-training-cost status reported | after the outage' }, moderator),
      ),
    ).toMatch(/^Change c1 recorded/);

    // One warning per outage, not one per request, and a line when it is back.
    const logs = b.logs();
    expect(warnings(logs, 'store unavailable')).toBeGreaterThanOrEqual(1);
    expect(warnings(logs, 'store unavailable')).toBeLessThanOrEqual(3);
    expect(warnings(logs, 'store is back')).toBeGreaterThanOrEqual(1);
  }, 90_000);

  test('Redis down at start: the bot starts and answers, says so once naming STORE_URL, and uses Redis once it appears', async () => {
    const port = await freePort();
    const b = await bot(port);
    expect(await b.state()).toBe('down');
    expect(title(await timed(b.ask('cost', { subject: 'r1' }, user('1'))))).toBe('DeepSeek-R1: costs');
    expect(message(await timed(b.ask('lang', { language: 'id' }, user('1'))))).toBe(CANT_SAVE);
    const warning =
      b
        .logs()
        .split('\n')
        .find((l) => l.includes('store unavailable')) ?? '';
    expect(warning).toContain('STORE_URL');
    expect(warning).toContain('ECONNREFUSED');
    expect(warnings(b.logs(), 'store unavailable')).toBe(1);

    const redis = await startRedisServer(port);
    cleanups.push(() => redis.stop());
    await waitFor('the store to be back', async () => (await b.state()) === 'up', 30_000);
    expect(message(await b.ask('lang', { language: 'id' }, user('1')))).toBe(
      'Jawaban sekarang dalam Bahasa Indonesia.',
    );
  }, 120_000);
});

describe.runIf(runs)('npm start with Redis down', () => {
  test('the Telegram webhook answers and /healthz says the store is down (status 200), then up once Redis appears', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const [redisPort, port] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: cleanEnv({
        TELEGRAM_BOT_TOKEN: '4242:test',
        TELEGRAM_API_ROOT: api.url,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: 'secret',
        STORE_URL: `redis://127.0.0.1:${redisPort}`,
        DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-health-')),
        PORT: String(port),
        LOG_LEVEL: 'silent',
      }),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    cleanups.push(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    const health = async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return { status: res.status, body: (await res.json()) as { ok: boolean; store?: string } };
      } catch {
        return undefined;
      }
    };
    await waitFor('the HTTP server', async () => (await health()) !== undefined, 40_000);
    expect(await health()).toEqual({ status: 200, body: { ok: true, store: 'down' } });

    const res = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'secret' },
      body: JSON.stringify({
        update_id: 1,
        ...messageUpdate('/cost r1', { id: 5, is_bot: false, first_name: 'Ana' }),
      }),
    });
    expect(res.status).toBe(200);
    expect(String((await api.nextCall('sendMessage', 30_000)).payload.text)).toContain('about $294,000');

    const redis = await startRedisServer(redisPort);
    cleanups.push(() => redis.stop());
    await waitFor('the store to be back', async () => (await health())?.body.store === 'up', 30_000);
  }, 120_000);
});
