import { afterEach, describe, expect, test } from 'vitest';
import { messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { freePort, leakedSecrets, SECRETS, startBot, type BotProcess } from './adapters-helpers.js';

let telegram: FakeBotApi | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  await bot?.stop('SIGKILL');
  await telegram?.close();
  bot = telegram = undefined;
});

describe('long polling stops cleanly under load', () => {
  test('SIGTERM with hundreds of updates queued: exits 0 within 10 s, and every answered update is confirmed', async () => {
    telegram = await startFakeBotApi();
    bot = await startBot({
      TELEGRAM_BOT_TOKEN: SECRETS.TELEGRAM_BOT_TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
      LOG_LEVEL: 'info',
    });
    await bot.waitForOutput(/telegram long polling started/);
    // Each update comes from its own chat, so its answer says which update it was for.
    for (let n = 1; n <= 600; n++) {
      telegram.pushUpdate(
        messageUpdate(
          '/cost r1',
          { id: 10_000 + n, is_bot: false, first_name: 'U' },
          { id: 10_000 + n, type: 'private' },
        ),
      );
    }
    for (let answered = 0; answered < 30; answered++) await telegram.nextCall('sendMessage', 20_000);
    const { code, ms } = await bot.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);

    const answered = new Set(
      telegram.calls.filter((c) => c.method === 'sendMessage').map((c) => Number(c.payload.chat_id) - 10_000),
    );
    const confirmed = Math.max(...telegram.offsets);
    // Update ids run 1…600 in push order: all answered ones lie below the last confirmed offset …
    expect(Math.max(...answered)).toBeLessThan(confirmed);
    // … and nothing below it went unanswered, so a restart neither repeats nor loses an update.
    for (let id = 1; id < confirmed; id++) expect(answered.has(id), `update ${id}`).toBe(true);
    expect(answered.size).toBeLessThan(600);
    expect(leakedSecrets(bot.output())).toEqual([]);
  }, 60_000);

  test('SIGTERM while the Bot API is unreachable at start exits at once, without claiming to have started', async () => {
    // Nothing listens there: the start-up is retried with backoff and a log line per attempt.
    const closed = await freePort();
    bot = await startBot({
      TELEGRAM_BOT_TOKEN: SECRETS.TELEGRAM_BOT_TOKEN,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}`,
    });
    await bot.waitForOutput(
      /"attempt":3,.*telegram start-up failed: platform API unreachable or failing; retrying/,
      30_000,
    );
    const { code, ms } = await bot.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(bot.output()).not.toContain('long polling started');
  }, 90_000);
});
