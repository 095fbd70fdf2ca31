// A server process for the platform benchmarks: `tsx bench/servers.ts <kind> <apiRoot>` prints
// `ready <url>` once listening. Kinds: fake-bot-api, bare, grammy, telegram, telegram-reply, discord.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, InlineKeyboard, webhookCallback } from 'grammy';
import Keyv from 'keyv';
import pino from 'pino';
import { commands } from '../commands/index.js';
import { createDiscordAdapter } from '../src/adapters/discord/index.js';
import { startHttpServer, type RouteHandler } from '../src/adapters/http.js';
import { createTelegramAdapter } from '../src/adapters/telegram/index.js';
import { createCore } from '../src/core/core.js';
import { KnowledgeIndex } from '../src/knowledge/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createPreferences } from '../src/store/index.js';
import { BOT_INFO, startFakeBotApi } from '../test/fakes/bot-api.js';

export const BENCH_TOKEN = '1:bench';
export const BENCH_SECRET = 'bench-secret';
export const BENCH_APP_ID = '222222222222222222';
const logger = pino({ level: 'silent' });
const [kind = 'bare', apiRoot = '', publicKey = ''] = process.argv.slice(2);
const ready = (url: string) => process.stdout.write(`ready ${url}\n`);

/** Serves a Telegram webhook handler on 127.0.0.1 and announces its URL. */
async function serveTelegramWebhook(handler: RouteHandler): Promise<void> {
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: { 'POST /telegram': handler },
    logger,
  });
  ready(`${server.url}/telegram`);
}

async function core() {
  const keyv = new Keyv();
  return createCore({
    commands,
    knowledge: new KnowledgeIndex(await loadKnowledge('knowledge')),
    preferences: createPreferences(keyv),
    kv: keyv,
    defaultLocale: 'en',
    logger,
  });
}

switch (kind) {
  case 'fake-bot-api': {
    ready((await startFakeBotApi({ record: false })).url);
    break;
  }
  case 'bare': {
    // The ceiling: a Node HTTP server answering a fixed body of similar size.
    const body = JSON.stringify({ method: 'sendMessage', chat_id: 1, text: 'x'.repeat(2500) });
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    });
    server.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    break;
  }
  case 'grammy': {
    // The platform overhead alone: a minimal grammY bot sending one fixed reply of similar size.
    const bot = new Bot(BENCH_TOKEN, { client: { apiRoot }, botInfo: BOT_INFO });
    // Same size as factdesk's /cost r1 message (about 2,500 characters) with a three-button keyboard.
    const text = 'x'.repeat(2500);
    const keyboard = new InlineKeyboard()
      .text('Sources', 'v:s:en:aaaaaaaaaaaaaaaa')
      .text('Why disputed?', 'v:d:en:aaaaaaaaaaaaaaaa')
      .row()
      .text('Bahasa Indonesia', 'v:m:id:aaaaaaaaaaaaaaaa');
    bot.on('message', (ctx) => ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard }));
    const handler = webhookCallback(bot, 'http', { secretToken: BENCH_SECRET });
    await serveTelegramWebhook(handler);
    break;
  }
  case 'telegram':
  case 'telegram-reply': {
    const adapter = createTelegramAdapter({
      token: BENCH_TOKEN,
      apiRoot,
      core: await core(),
      logger,
      botInfo: BOT_INFO,
      flood: { limit: 1_000_000, windowMs: 1000 },
      webhookReply: kind === 'telegram-reply',
    });
    const handler = await adapter.webhook('https://bench.example.org/telegram', BENCH_SECRET);
    await serveTelegramWebhook(handler);
    break;
  }
  case 'discord': {
    const adapter = createDiscordAdapter({
      token: 'bench-token-0123456789',
      applicationId: BENCH_APP_ID,
      apiRoot,
      core: await core(),
      logger,
    });
    const server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: { 'POST /interactions': adapter.interactionsRoute(publicKey) },
      logger,
    });
    ready(`${server.url}/interactions`);
    break;
  }
  default:
    throw new Error(`unknown server kind ${kind}`);
}
process.on('SIGINT', () => process.exit(0));
