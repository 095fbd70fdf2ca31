import Keyv from 'keyv';
import { afterEach, describe, expect, test } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.js';
import { startHttpServer, type HttpServer } from '../../src/adapters/http.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { ADMIN_CACHE_MAX, createModeratorCheck } from '../../src/adapters/telegram/moderators.js';
import { BOT_INFO, messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/discord-api.js';
import { silentLogger, testCore } from '../helpers.js';
import { APP_ID, PUBLIC_KEY_HEX, signInteraction, slashCommand } from './adapters-helpers.js';

const REFUSED = 'Only moderators can do that.';
const HISTORY = /History of r1-training-cost|No changes recorded/;

let telegramApi: FakeBotApi | undefined;
let telegram: TelegramAdapter | undefined;
let running: Promise<void> | undefined;
let discordApi: FakeDiscordApi | undefined;
let discord: DiscordAdapter | undefined;
let server: HttpServer | undefined;
afterEach(async () => {
  await telegram?.stop();
  await running;
  await telegramApi?.close();
  await discord?.stop();
  await server?.close();
  await discordApi?.close();
  telegram = telegramApi = discord = discordApi = server = running = undefined;
});

describe('Discord: a moderator by role id or by Manage Messages, nobody else', () => {
  test('DISCORD_MODERATOR_ROLE_IDS reaches the actor; Manage Messages works without it; others are refused', async () => {
    discordApi = await startFakeDiscordApi();
    discord = createDiscordAdapter({
      token: 'discord-token-for-moderator-tests',
      applicationId: APP_ID,
      apiRoot: discordApi.url,
      core: await testCore({ keyv: new Keyv() }),
      logger: silentLogger,
      moderatorRoleIds: ['555000111'],
    });
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: { 'POST /interactions': discord.interactionsRoute(PUBLIC_KEY_HEX) },
      logger: silentLogger,
    });
    const kb = async (member: Record<string, unknown>) => {
      const raw = JSON.stringify(slashCommand('kb', { action: 'history r1-training-cost' }, member));
      const res = await fetch(`${server!.url}/interactions`, {
        method: 'POST',
        headers: signInteraction(raw),
        body: raw,
      });
      return JSON.stringify(await res.json());
    };
    expect(await kb({ roles: ['555000111'] })).toMatch(HISTORY);
    expect(await kb({ permissions: String(1 << 13) })).toMatch(HISTORY);
    expect(await kb({ roles: ['999000111'] })).toContain(REFUSED);
    expect(await kb({})).toContain(REFUSED);
  });
});

describe('Telegram: a moderator by listed id or as a chat administrator; commands ignore case', () => {
  async function start(moderatorIds: number[]) {
    telegramApi = await startFakeBotApi();
    telegram = createTelegramAdapter({
      token: '4242:moderators',
      apiRoot: telegramApi.url,
      core: await testCore({ keyv: new Keyv() }),
      logger: silentLogger,
      botInfo: BOT_INFO,
      moderatorIds,
      pollSeconds: 1,
    });
    running = telegram.start();
    const api = telegramApi;
    return async (text: string, from: number, chat?: Record<string, unknown>) => {
      api.pushUpdate(messageUpdate(text, { id: from, is_bot: false, first_name: 'M' }, chat));
      return String((await api.nextCall('sendMessage', 15_000)).payload.text);
    };
  }
  const group = { id: -100300, type: 'supergroup', title: 'Mods' };

  test('/KB and /Kb by a listed moderator in a private chat are /kb', async () => {
    const send = await start([11]);
    expect(await send('/KB history r1-training-cost', 11)).toMatch(HISTORY);
    expect(await send('/Kb history r1-training-cost', 11)).toMatch(HISTORY);
    expect(await send('/KB history r1-training-cost', 12)).toContain(REFUSED);
    expect(await send('/COST r1', 12)).toContain('294,000');
  });

  test('a chat administrator may curate in that chat, asked once per minute; a member may not', async () => {
    const send = await start([]);
    telegramApi!.setMemberStatus(21, 'administrator');
    expect(await send('/kb@FactdeskBot history r1-training-cost', 21, group)).toMatch(HISTORY);
    expect(await send('/KB history r1-training-cost', 21, group)).toMatch(HISTORY);
    expect(telegramApi!.calls.filter((c) => c.method === 'getChatMember')).toHaveLength(1);
    expect(await send('/kb history r1-training-cost', 22, group)).toContain(REFUSED);
    // A command for another bot in the group is not ours, whatever its case.
    telegramApi!.pushUpdate(
      messageUpdate('/KB@otherbot history x', { id: 21, is_bot: false, first_name: 'M' }, group),
    );
    expect(await send('/help', 22, group)).toContain('factdesk');
    expect(telegramApi!.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(4);
  });
});

describe('the Telegram admin cache is bounded', () => {
  test('strangers asking in many chats never grow it past its maximum; the newest answers are kept', async () => {
    const check = createModeratorCheck([]);
    let lookups = 0;
    const ctxFor = (userId: number) =>
      ({
        from: { id: userId },
        chat: { id: -1, type: 'supergroup' },
        api: {
          getChatMember: () => {
            lookups++;
            return Promise.resolve({ status: userId % 2 === 0 ? 'administrator' : 'member' });
          },
        },
      }) as unknown as Parameters<typeof check.isModerator>[0];
    for (let user = 1; user <= ADMIN_CACHE_MAX + 500; user++) await check.isModerator(ctxFor(user));
    expect(check.cacheSize()).toBe(ADMIN_CACHE_MAX);
    // The most recent user is still cached (no new lookup); the first one was evicted (looked up again).
    const before = lookups;
    expect(await check.isModerator(ctxFor(ADMIN_CACHE_MAX + 500))).toBe(true);
    expect(lookups).toBe(before);
    expect(await check.isModerator(ctxFor(1))).toBe(false);
    expect(lookups).toBe(before + 1);
  });
});
