import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/discord-api.js';
import {
  APP_ID,
  freePort,
  leakedSecrets,
  PUBLIC_KEY_HEX,
  SECRETS,
  signInteraction,
  slashCommand,
  startBot,
  type BotProcess,
} from './adapters-helpers.js';

let telegram: FakeBotApi;
let discord: FakeDiscordApi;
let bot: BotProcess;
let base: string;
let port: number;

beforeAll(async () => {
  telegram = await startFakeBotApi();
  discord = await startFakeDiscordApi();
  port = await freePort();
  bot = await startBot({
    ...SECRETS,
    LOG_LEVEL: 'debug',
    TELEGRAM_API_ROOT: telegram.url,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_PUBLIC_KEY: PUBLIC_KEY_HEX,
    DISCORD_API_ROOT: discord.url,
    PORT: String(port),
  });
  await bot.waitForOutput(/http server listening/);
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  const { code } = await bot.stop();
  expect(code).toBe(0);
  expect(leakedSecrets(bot.output())).toEqual([]);
  await telegram.close();
  await discord.close();
});

const secretHeader = { 'x-telegram-bot-api-secret-token': SECRETS.TELEGRAM_WEBHOOK_SECRET };
const alice = { id: 7, is_bot: false as const, first_name: 'Alice' };

/** Streams `total` bytes to `path` in 64 KB chunks without Content-Length; resolves with the status, or the error if the server cut the upload. */
function streamBody(path: string, total: number, headers: Record<string, string>): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('HTTP limits on the webhook and interactions endpoints', () => {
  test('bodies over 1 MB get 413, by Content-Length or as they arrive, on both endpoints', async () => {
    const big = JSON.stringify({ update_id: 1, padding: 'x'.repeat(2 * 1024 * 1024) });
    expect((await fetch(`${base}/tg`, { method: 'POST', headers: secretHeader, body: big })).status).toBe(
      413,
    );
    expect(
      (await fetch(`${base}/interactions`, { method: 'POST', headers: signInteraction(big), body: big }))
        .status,
    ).toBe(413);
    expect(await streamBody('/tg', 3 * 1024 * 1024, secretHeader)).toBe(413);
    expect(await streamBody('/interactions', 3 * 1024 * 1024, {})).toBe(413);
  });

  test('malformed JSON gets 400, not 500; a JSON value that is no update or interaction gets 400 too', async () => {
    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${base}${path}`, { method: 'POST', headers, body }).then((r) => r.status);
    expect(await post('/tg', '{"update_id": 1, "message": {', secretHeader)).toBe(400);
    expect(await post('/tg', '[1, 2, 3]', secretHeader)).toBe(400);
    const broken = '{"type": 2, "id": ';
    expect(await post('/interactions', broken, signInteraction(broken))).toBe(400);
    expect(await post('/interactions', '"just a string"', signInteraction('"just a string"'))).toBe(400);
  });

  test('a 600 MB upload is refused early and the process keeps answering', async () => {
    const result = await streamBody('/tg', 600 * 1024 * 1024, secretHeader);
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(result);
    expect(bot.alive()).toBe(true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // And it still answers Telegram.
    const res = await fetch(`${base}/tg`, {
      method: 'POST',
      headers: { ...secretHeader, 'content-type': 'application/json' },
      body: JSON.stringify({ update_id: 900, ...messageUpdate('/cost r1', alice) }),
    });
    expect(res.status).toBe(200);
    expect(String((await telegram.nextCall('sendMessage', 15_000)).payload.text)).toContain('294,000');
  }, 120_000);

  test('a request whose body trickles in is cut after the 15 s request timeout', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    socket.write(
      `POST /tg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nx-telegram-bot-api-secret-token: ${SECRETS.TELEGRAM_WEBHOOK_SECRET}\r\n\r\n{`,
    );
    // One byte every second keeps the connection busy, far too slowly to finish.
    const drip = setInterval(() => socket.write(' '), 1000);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    await new Promise((resolve) => socket.once('close', resolve));
    clearInterval(drip);
    const seconds = (Date.now() - started) / 1000;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Cut by the 15 s request timeout (checked every second), not Node's 300 s default.
    expect(seconds).toBeLessThan(40);
    expect(bot.alive()).toBe(true);
  }, 60_000);
});

describe('signed Discord interactions and the webhook after refusals', () => {
  test('a valid interaction still answers after all the refused requests', async () => {
    const raw = JSON.stringify(slashCommand('cost', { subject: 'r1' }));
    const res = await fetch(`${base}/interactions`, {
      method: 'POST',
      headers: signInteraction(raw),
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('294,000');
  });
});
