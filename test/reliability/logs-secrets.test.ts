import { Bot, BotError, type Context } from 'grammy';
import { afterEach, describe, expect, test } from 'vitest';
import { errorFields, safeLogFields } from '../../src/logger.js';
import { BOT_INFO, messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
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

let telegram: FakeBotApi | undefined;
let discord: FakeDiscordApi | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await telegram?.close();
  await discord?.close();
  bot = telegram = discord = undefined;
});

const alice = { id: 7, is_bot: false as const, first_name: 'Alice' };
const group = { id: -100200, type: 'supergroup', title: 'AI watchers' };

describe('log fields are redacted by construction', () => {
  test('grammY errors (API refusal, cut connection) and their context log named fields only, never the token', async () => {
    telegram = await startFakeBotApi();
    const token = SECRETS.TELEGRAM_BOT_TOKEN;
    const api = new Bot(token, { client: { apiRoot: telegram.url }, botInfo: BOT_INFO }).api;
    telegram.failNext('sendMessage', 400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: chat not found',
    });
    const refused = await api.sendMessage(1, 'x').catch((e: unknown) => e);
    telegram.dropNext('getChatMember');
    const cut = await api.getChatMember(1, 2).catch((e: unknown) => e);
    // The cut connection's own error names the URL, token included: exactly what must not be logged.
    expect(String((cut as { error?: Error }).error?.message)).toContain(token);
    const ctx = { api, update: { update_id: 77 } } as unknown as Context;
    const line = JSON.stringify(
      safeLogFields({ err: new BotError(refused, ctx), cut, ctx, config: { TELEGRAM_BOT_TOKEN: token } }),
    );
    expect(line).not.toContain(token);
    expect(line).not.toContain(token.split(':')[1]);
    expect(errorFields(new BotError(refused, ctx))).toMatchObject({
      update_id: 77,
      cause: { status: 400, method: 'sendMessage' },
    });
    expect(line).toContain('Bad Request: chat not found');
    expect(line).toContain('[Object]'.replace('Object', 'Api'));
  });
});

describe('no secret in any log line, at trace, on every error path', () => {
  test('webhook and interactions with failing, refusing and cut API calls, forged requests and handler errors', async () => {
    telegram = await startFakeBotApi();
    discord = await startFakeDiscordApi();
    const port = await freePort();
    bot = await startBot({
      ...SECRETS,
      LOG_LEVEL: 'trace',
      TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: PUBLIC_KEY_HEX,
      DISCORD_API_ROOT: discord.url,
      PORT: String(port),
    });
    await bot.waitForOutput(/http server listening/);
    const base = `http://127.0.0.1:${port}`;
    const webhook = (body: unknown, secret?: string) =>
      fetch(`${base}/tg`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret !== undefined && { 'x-telegram-bot-api-secret-token': secret }),
        },
        body: JSON.stringify(body),
      });
    let updateId = 1;
    const update = (text: string, chat?: Record<string, unknown>) => ({
      update_id: updateId++,
      ...messageUpdate(text, alice, chat),
    });

    // Forged requests.
    expect((await webhook(update('/cost r1'), 'wrong')).status).toBe(401);
    expect((await webhook(update('/cost r1'))).status).toBe(401);
    const forged = JSON.stringify(slashCommand('cost', { subject: 'r1' }));
    const badSignature = { ...signInteraction(forged), 'x-signature-ed25519': 'ab'.repeat(64) };
    expect(
      (await fetch(`${base}/interactions`, { method: 'POST', headers: badSignature, body: forged })).status,
    ).toBe(401);

    // The Bot API refuses the answer, rate-limits it for minutes, and cuts the connection.
    telegram.failNext('sendMessage', 400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: chat not found',
    });
    expect((await webhook(update('/cost r1'), SECRETS.TELEGRAM_WEBHOOK_SECRET)).status).toBe(200);
    telegram.failNext('sendMessage', 429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 600',
      parameters: { retry_after: 600 },
    });
    expect((await webhook(update('/cost v3'), SECRETS.TELEGRAM_WEBHOOK_SECRET)).status).toBe(200);
    // The moderator check's getChatMember is cut: the command fails inside the core.
    telegram.dropNext('getChatMember');
    expect(
      (await webhook(update('/kb history r1-training-cost', group), SECRETS.TELEGRAM_WEBHOOK_SECRET)).status,
    ).toBe(200);
    // A signed interaction the handler cannot make sense of.
    const broken = JSON.stringify({ ...slashCommand('cost'), data: null });
    expect(
      (
        await fetch(`${base}/interactions`, {
          method: 'POST',
          headers: signInteraction(broken),
          body: broken,
        })
      ).status,
    ).toBe(200);

    await bot.waitForOutput(/"update_id":3,"msg":"telegram update failed"/);
    await bot.waitForOutput(/retry_after/);
    await bot.waitForOutput(/command failed/);
    await bot.waitForOutput(/discord interaction failed/);
    expect(bot.alive()).toBe(true);
    const { code } = await bot.stop();
    expect(code).toBe(0);
    expect(leakedSecrets(bot.output())).toEqual([]);
    // Named fields made it: the Bot API's description, the failing method, the network error's code.
    expect(bot.output()).toContain('Bad Request: chat not found');
    expect(bot.output()).toMatch(/"method":"getChatMember"|Network request for 'getChatMember' failed/);
  });

  test('start-up failures: an unreachable Bot API is retried with a clear line; a refused token stops with exit 1', async () => {
    const closed = await freePort();
    bot = await startBot({
      TELEGRAM_BOT_TOKEN: SECRETS.TELEGRAM_BOT_TOKEN,
      LOG_LEVEL: 'trace',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}`,
    });
    await bot.waitForOutput(/telegram start-up failed: platform API unreachable or failing; retrying/);
    await bot.waitForOutput(/"attempt":2/, 20_000);
    const stopped = await bot.stop();
    expect(stopped.code).toBe(0);
    expect(bot.output()).not.toContain('telegram long polling started');
    expect(leakedSecrets(bot.output())).toEqual([]);

    telegram = await startFakeBotApi();
    telegram.failNext('getMe', 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const refused = await startBot({
      TELEGRAM_BOT_TOKEN: SECRETS.TELEGRAM_BOT_TOKEN,
      LOG_LEVEL: 'trace',
      TELEGRAM_API_ROOT: telegram.url,
    });
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('Unauthorized');
    expect(leakedSecrets(refused.output())).toEqual([]);
  });
});
