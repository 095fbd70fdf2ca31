import Keyv from 'keyv';
import { afterEach, describe, expect, test } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import { BOT_INFO, messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { silentLogger, testCore } from '../helpers.js';
import { freePort, leakedSecrets, SECRETS, startBot, type BotProcess } from './adapters-helpers.js';

let telegram: FakeBotApi | undefined;
let bot: BotProcess | undefined;
let adapter: TelegramAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await bot?.stop('SIGKILL');
  await telegram?.close();
  bot = telegram = adapter = undefined;
});

const alice = { id: 7, is_bot: false as const, first_name: 'Alice' };
const serverError = { ok: false, error_code: 500, description: 'Internal Server Error' };

describe('failing Bot API calls after the webhook was answered never crash the process', () => {
  test('sendMessage failing 4 × 500, then 429 with retry_after 600: logged with the update id, and the next update is answered', async () => {
    telegram = await startFakeBotApi();
    const port = await freePort();
    bot = await startBot({
      TELEGRAM_BOT_TOKEN: SECRETS.TELEGRAM_BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRETS.TELEGRAM_WEBHOOK_SECRET,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
      TELEGRAM_API_ROOT: telegram.url,
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    await bot.waitForOutput(/http server listening/);
    const post = (updateId: number, text: string) =>
      fetch(`http://127.0.0.1:${port}/tg`, {
        method: 'POST',
        headers: { 'x-telegram-bot-api-secret-token': SECRETS.TELEGRAM_WEBHOOK_SECRET },
        body: JSON.stringify({ update_id: updateId, ...messageUpdate(text, alice) }),
      });
    for (let n = 0; n < 4; n++) telegram.failNext('sendMessage', 500, serverError);
    // Answered (200) within the webhook window while the retries go on in the background.
    expect((await post(41, '/cost r1')).status).toBe(200);
    // Five tries in all: the first and auto-retry's three, then the delivery layer's one more, which succeeds.
    await bot.waitForOutput(/"update_id":41.*retrying the rest once/, 60_000);
    await bot.waitForOutput(/telegram answer completed on retry/, 30_000);

    telegram.failNext('sendMessage', 429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 600',
      parameters: { retry_after: 600 },
    });
    expect((await post(42, '/cost v3')).status).toBe(200);
    await bot.waitForOutput(/"update_id":42,"msg":"telegram update failed"/);

    expect((await post(43, '/help')).status).toBe(200);
    const help = await telegram.nextCall('sendMessage', 15_000);
    for (
      let c = help;
      !String(c.payload.text).includes('factdesk');
      c = await telegram.nextCall('sendMessage', 15_000)
    );
    expect(bot.alive()).toBe(true);
    expect(bot.output()).not.toMatch(/unhandled rejection|uncaught exception/);
    expect((await bot.stop()).code).toBe(0);
    expect(leakedSecrets(bot.output())).toEqual([]);
  }, 120_000);
});

/** A polling adapter with the production timeout mechanism scaled down (30 s call timeout over a 25 s poll → 2 s over 1 s). */
async function startScaledDown(api: FakeBotApi, before: () => void): Promise<{ running: Promise<void> }> {
  adapter = createTelegramAdapter({
    token: SECRETS.TELEGRAM_BOT_TOKEN,
    apiRoot: api.url,
    core: await testCore({ keyv: new Keyv() }),
    logger: silentLogger,
    botInfo: BOT_INFO,
    callTimeoutSeconds: 2,
    pollSeconds: 1,
  });
  before();
  const running = adapter.start();
  await api.nextCall('setMyCommands');
  return { running };
}

describe('hanging API calls never stall the bot for good', () => {
  test('a long poll that hangs without a reset is cut by the call timeout and polling resumes', async () => {
    const api = (telegram = await startFakeBotApi());
    const { running } = await startScaledDown(api, () => api.hangNext('getUpdates'));
    api.pushUpdate(messageUpdate('/cost r1', alice));
    expect(String((await api.nextCall('sendMessage', 20_000)).payload.text)).toContain('294,000');
    await adapter?.stop();
    await running;
  });

  test('a sendMessage that hangs fails after the timeout; the next update is answered', async () => {
    const api = (telegram = await startFakeBotApi());
    const { running } = await startScaledDown(api, () => api.hangNext('sendMessage'));
    api.pushUpdate(messageUpdate('/cost r1', alice));
    api.pushUpdate(messageUpdate('/help', alice));
    const texts: string[] = [];
    while (!texts.some((t) => t.includes('factdesk')))
      texts.push(String((await api.nextCall('sendMessage', 30_000)).payload.text));
    await adapter?.stop();
    await running;
  });
});
