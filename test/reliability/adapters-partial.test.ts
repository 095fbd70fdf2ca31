import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startHttpServer, type HttpServer } from '../../src/adapters/http.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { BOT_INFO, messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { knowledgeWithManySources, silentLogger } from '../helpers.js';
import { coreFor } from '../web/fixture.js';

const SECRET = 'partial-secret';
const alice = { id: 7, is_bot: false as const, first_name: 'Alice' };

let api: FakeBotApi;
let adapter: TelegramAdapter;
let server: HttpServer;
let url: string;
let knowledgeDir: string;

// Summaries fit one message; the list of every source still takes several once there are many of them.
beforeAll(async () => {
  knowledgeDir = await knowledgeWithManySources('factdesk-partial-kb-');
});

beforeEach(async () => {
  api = await startFakeBotApi();
  adapter = createTelegramAdapter({
    token: '4242:partial',
    apiRoot: api.url,
    core: (await coreFor(knowledgeDir)).core,
    logger: silentLogger,
    botInfo: BOT_INFO,
  });
  const route = await adapter.webhook('https://bot.example.org/tg', SECRET);
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: { 'POST /tg': route },
    logger: silentLogger,
  });
  url = `${server.url}/tg`;
});

afterEach(async () => {
  await adapter.stop();
  await server.close();
  await api.close();
});

const post = (update: Record<string, unknown>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  }).then((r) => r.status);

const sentTexts = () =>
  api.calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));

/** The messages of the full /sources answer, from a run where nothing fails (ended by a /help answer). */
async function referenceAnswer(): Promise<string[]> {
  expect(await post({ update_id: 1, ...messageUpdate('/sources', alice) })).toBe(200);
  await untilHelpAnswered(2);
  const texts = sentTexts().slice(0, -1);
  expect(texts.length).toBeGreaterThanOrEqual(2);
  api.calls.length = 0;
  return texts;
}

/** Sends /help as update `id` and waits for its answer, so everything before it has been sent. */
async function untilHelpAnswered(id: number): Promise<void> {
  expect(await post({ update_id: id, ...messageUpdate('/help', alice) })).toBe(200);
  for (;;) {
    const call = await api.nextCall('sendMessage', 20_000);
    if (String(call.payload.text).includes('factdesk: cited figures')) return;
  }
}

describe('a multi-message answer whose second message fails once', () => {
  test('refused (400): the update delivered again sends only the missing messages, never the first again', async () => {
    const full = await referenceAnswer();
    api.failNext(
      'sendMessage',
      400,
      { ok: false, error_code: 400, description: 'Bad Request: try again' },
      1,
    );
    expect(await post({ update_id: 10, ...messageUpdate('/sources', alice) })).toBe(200);
    // Telegram delivers the same update again (as it does after a failed webhook answer).
    expect(await post({ update_id: 10, ...messageUpdate('/sources', alice) })).toBe(200);
    await untilHelpAnswered(11);
    // The first try: message 1 sent, message 2 refused; the redelivery: message 2 onwards, once.
    expect(sentTexts().slice(0, -1)).toEqual([full[0], full[1], ...full.slice(1)]);
  });

  test('cut connection: the missing messages are retried once in the background; a redelivery sends nothing more', async () => {
    const full = await referenceAnswer();
    api.dropNext('sendMessage', 1);
    expect(await post({ update_id: 20, ...messageUpdate('/sources', alice) })).toBe(200);
    // The retry comes a few seconds later, with exactly the messages that were missing.
    for (let n = 0; n < full.length; n++) await api.nextCall('sendMessage', 20_000);
    expect(sentTexts()).toEqual(full);
    expect(await post({ update_id: 20, ...messageUpdate('/sources', alice) })).toBe(200);
    await untilHelpAnswered(21);
    expect(sentTexts().slice(0, -1)).toEqual(full);
  }, 40_000);

  test('cut again on the retry (a pooled connection the server had closed): sent at once on a new one', async () => {
    const full = await referenceAnswer();
    api.dropNext('sendMessage', 1);
    api.dropNext('sendMessage');
    expect(await post({ update_id: 30, ...messageUpdate('/sources', alice) })).toBe(200);
    for (let n = 0; n < full.length; n++) await api.nextCall('sendMessage', 20_000);
    expect(sentTexts()).toEqual(full);
    await untilHelpAnswered(31);
    expect(sentTexts().slice(0, -1)).toEqual(full);
  }, 40_000);
});
