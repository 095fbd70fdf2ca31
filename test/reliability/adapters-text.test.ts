import Keyv from 'keyv';
import { afterEach, describe, expect, test } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/index.js';
import { startHttpServer, type HttpServer } from '../../src/adapters/http.js';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { clip, wellFormed } from '../../src/adapters/text.js';
import type { Core } from '../../src/core/core.js';
import { BOT_INFO, messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/discord-api.js';
import { silentLogger, testCore } from '../helpers.js';
import { APP_ID, loneSurrogates, PUBLIC_KEY_HEX, signInteraction, slashCommand } from './adapters-helpers.js';

const alice = { id: 7, is_bot: false as const, first_name: 'Alice' };
/** A statement with lone surrogates typed in, and one whose 120-character title cut falls inside an emoji. */
const LONE = 'R1 cost $6 million \uD800 and \uDFFF too';
const SPLIT = `R1 cost $6 million ${'a'.repeat(118 - 'R1 cost $6 million '.length)}😀 and more words after the emoji`;

let telegramApi: FakeBotApi | undefined;
let telegram: TelegramAdapter | undefined;
let discordApi: FakeDiscordApi | undefined;
let discord: DiscordAdapter | undefined;
let server: HttpServer | undefined;
afterEach(async () => {
  await telegram?.stop();
  await telegramApi?.close();
  await discord?.stop();
  await server?.close();
  await discordApi?.close();
  telegram = telegramApi = discord = discordApi = server = undefined;
});

describe('text is cleaned at the boundary', () => {
  test('clip never cuts a surrogate pair in two; wellFormed replaces only unpaired halves', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('ab😀cd', 5)).toBe('ab😀…');
    expect(wellFormed('a\uD800b😀\uDC00')).toBe('a\uFFFDb😀\uFFFD');
    expect(SPLIT.slice(0, 119).endsWith('\uD83D')).toBe(true);
  });

  test('Telegram: lone surrogates typed by a user, or made by cutting a title, never reach the Bot API', async () => {
    telegramApi = await startFakeBotApi();
    telegram = createTelegramAdapter({
      token: '4242:text',
      apiRoot: telegramApi.url,
      core: await testCore({ keyv: new Keyv() }),
      logger: silentLogger,
      botInfo: BOT_INFO,
      pollSeconds: 1,
    });
    const running = telegram.start();
    for (const statement of [LONE, SPLIT]) {
      telegramApi.pushUpdate(messageUpdate(`/check ${statement}`, alice));
      const sent = await telegramApi.nextCall('sendMessage', 15_000);
      expect(loneSurrogates(sent.payload)).toEqual([]);
      expect(String(sent.payload.text)).toContain('\uFFFD');
    }
    await telegram.stop();
    await running;
  });
});

async function startDiscord(core: Core): Promise<(body: unknown) => Promise<Record<string, unknown>>> {
  discordApi = await startFakeDiscordApi();
  discord = createDiscordAdapter({
    token: 'discord-token-for-text-tests',
    applicationId: APP_ID,
    apiRoot: discordApi.url,
    core,
    logger: silentLogger,
    deferAfterMs: 20,
  });
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: { 'POST /interactions': discord.interactionsRoute(PUBLIC_KEY_HEX) },
    logger: silentLogger,
  });
  const url = `${server.url}/interactions`;
  return async (body) => {
    const raw = JSON.stringify(body);
    const res = await fetch(url, { method: 'POST', headers: signInteraction(raw), body: raw });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
}

describe('Discord responses never ping and carry only well-formed text', () => {
  test('lone surrogates are replaced in slash-command answers', async () => {
    const interact = await startDiscord(await testCore({ keyv: new Keyv() }));
    for (const statement of [LONE, SPLIT]) {
      const response = await interact(slashCommand('check', { statement }));
      expect(loneSurrogates(response)).toEqual([]);
      expect(JSON.stringify(response)).toContain('\uFFFD');
    }
  });

  test('every kind of interaction, including unknown ones, answers with allowed_mentions { parse: [] }', async () => {
    const interact = await startDiscord(await testCore({ keyv: new Keyv() }));
    const base = slashCommand('check', { statement: '@everyone <@&123> R1 cost $6 million' });
    const cases: Record<string, unknown> = {
      'slash command': base,
      'user command': { ...base, data: { id: 'u1', name: 'Profile', type: 2, target_id: '42' } },
      'modal submit': { ...base, type: 5, data: { custom_id: 'x', components: [] } },
      'unknown type 99': { ...base, type: 99 },
      'expired button': {
        ...base,
        type: 3,
        data: { custom_id: 'fd:m:en:0:nothing-here', component_type: 2 },
      },
      'unknown command': slashCommand('nope'),
    };
    for (const [name, body] of Object.entries(cases)) {
      const response = await interact(body);
      const data = response.data as Record<string, unknown> | undefined;
      expect(data?.allowed_mentions, name).toEqual({ parse: [] });
    }
    const notice = await interact(cases['unknown type 99']);
    expect(JSON.stringify(notice)).toContain('Try /help');
    expect((notice.data as { flags?: number }).flags).toBe(64);
  });

  test('a slow answer that must be private is deferred privately (flag 64); a public one publicly', async () => {
    const core = await testCore({ keyv: new Keyv() });
    const serve = core.serve.bind(core);
    core.serve = async (request) => {
      await new Promise((r) => setTimeout(r, 200));
      return serve(request);
    };
    const interact = await startDiscord(core);
    const moderator = { permissions: String(1 << 13) };
    const kb = await interact(slashCommand('kb', { action: 'history r1-training-cost' }, moderator));
    expect(kb).toEqual({ type: 5, data: { flags: 64, allowed_mentions: { parse: [] } } });
    const edit = await discordApi!.nextCall((c) => c.method === 'PATCH', 10_000);
    expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
    const cost = await interact(slashCommand('cost', { subject: 'r1' }));
    expect(cost).toEqual({ type: 5, data: { allowed_mentions: { parse: [] } } });
  });
});
