import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startHttpServer, type HttpServer } from '../../src/adapters/http.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import type { Core } from '../../src/core/core.js';
import { BOT_INFO, messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { knowledgeWithManySources, silentLogger } from '../helpers.js';
import { loneSurrogates } from '../reliability/adapters-helpers.js';
import { coreFor } from '../web/fixture.js';

// TELEGRAM_WEBHOOK_REPLY=true: the first message of an answer is the webhook's HTTP response (a
// Bot API call Telegram makes for the bot), the rest go through the Bot API. The same bot with the
// option off is the reference: what it sends through the API is what the response must carry.
const SECRET = 'reply-secret';
const alice = { id: 7, is_bot: false as const, first_name: 'Alice', language_code: 'en' };
const group = { id: -100300, type: 'supergroup', title: 'AI watchers' };

let knowledgeDir: string;
let api: FakeBotApi;
let core: Core;
let adapters: TelegramAdapter[];
let server: HttpServer;

// Forty more sources make the list of sources a multi-message answer; summaries still fit one message.
beforeAll(async () => {
  knowledgeDir = await knowledgeWithManySources('factdesk-webhook-reply-kb-');
});

beforeEach(async () => {
  api = await startFakeBotApi();
  core = (await coreFor(knowledgeDir)).core;
  const make = (webhookReply: boolean) =>
    createTelegramAdapter({
      token: '4242:reply',
      apiRoot: api.url,
      core,
      logger: silentLogger,
      botInfo: BOT_INFO,
      webhookReply,
    });
  adapters = [make(true), make(false)];
  const [inResponse, viaApi] = adapters;
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: {
      'POST /reply': await (inResponse as TelegramAdapter).webhook('https://bot.example.org/reply', SECRET),
      'POST /api': await (viaApi as TelegramAdapter).webhook('https://bot.example.org/api', SECRET),
    },
    logger: silentLogger,
  });
});

afterEach(async () => {
  for (const a of adapters) await a.stop();
  await server.close();
  await api.close();
});

let updateId = 1;
/** Posts an update to `/reply` or `/api` and returns the response's status, type and body. */
async function post(route: 'reply' | 'api', update: Record<string, unknown>) {
  const res = await fetch(`${server.url}/${route}`, {
    method: 'POST',
    headers: { 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}
const sendMessages = () => api.calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload);

/** What the reference bot sends through the API for `text`, waited for until the last of `count` messages. */
async function referenceMessages(text: string, chat?: Record<string, unknown>, count = 1) {
  api.calls.length = 0;
  expect((await post('api', { update_id: updateId++, ...messageUpdate(text, alice, chat) })).status).toBe(
    200,
  );
  while (sendMessages().length < count) await api.nextCall('sendMessage');
  const sent = sendMessages();
  api.calls.length = 0;
  return sent;
}

/** A message as sent through the API, without the id of the message it answers (that differs per update). */
const withoutReplyTarget = (payload: Record<string, unknown>) => ({
  ...payload,
  reply_parameters: undefined,
});

describe('answers in the webhook response', () => {
  test('a group /cost r1 is answered in the response with the message the API would get, and nothing is sent', async () => {
    const [reference] = await referenceMessages('/cost r1', group);
    const update = { update_id: updateId++, ...messageUpdate('/cost r1', alice, group) };
    const res = await post('reply', update);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body.method).toBe('sendMessage');
    expect(String(body.text)).toContain('about $294,000');
    // The reply in a group quotes the command it answers, as it does through the API.
    const { message } = update as { message?: { message_id: number } };
    const messageId = message?.message_id;
    expect(body.reply_parameters).toEqual({ message_id: messageId, allow_sending_without_reply: true });
    expect(withoutReplyTarget(body)).toEqual({
      ...withoutReplyTarget(reference ?? {}),
      method: 'sendMessage',
    });
    // The same answer again (a new update) is built from what was rendered once: the same bytes.
    const again = await post('reply', { update_id: updateId++, ...messageUpdate('/cost r1', alice) });
    expect(JSON.parse(again.body)).toMatchObject({
      chat_id: alice.id,
      text: body.text,
      reply_markup: body.reply_markup,
    });
    // Telegram delivering the first update again gets an empty answer: the message is not sent twice.
    const redelivered = await post('reply', update);
    expect(redelivered).toMatchObject({ status: 200, body: '' });
    // An update after them, answered through the API, is the only message the API has seen.
    expect((await post('api', { update_id: updateId++, ...messageUpdate('/help', alice) })).status).toBe(200);
    const help = await api.nextCall('sendMessage');
    expect(sendMessages()).toEqual([help.payload]);
  });

  test('a multi-message answer: the first in the response, the others through the API in order', async () => {
    const reference = await referenceMessages('/sources', undefined, 2);
    expect(reference.length).toBeGreaterThanOrEqual(2);
    const res = await post('reply', { update_id: updateId++, ...messageUpdate('/sources', alice) });
    const first = JSON.parse(res.body) as Record<string, unknown>;
    expect(first.text).toBe(reference[0]?.text);
    while (sendMessages().length < reference.length - 1) await api.nextCall('sendMessage');
    expect(sendMessages()).toEqual(reference.slice(1));
  });

  test('lone surrogates typed by a user never reach the response', async () => {
    const res = await post('reply', {
      update_id: updateId++,
      ...messageUpdate('/check R1 cost $6 million \uD800 and \uDFFF too', alice),
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(String(body.text)).toContain('\uFFFD');
    expect(loneSurrogates(body)).toEqual([]);
  });
});
