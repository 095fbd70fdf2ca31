import { limit } from '@grammyjs/ratelimiter';
import type { Context, MiddlewareFn } from 'grammy';
import type { Logger } from 'pino';
import type { Core } from '../../core/core.js';
import { t } from '../../core/i18n/index.js';
import { actorOf } from './moderators.js';

export interface FloodLimit {
  /** Commands one chat may send per window before being asked to slow down. */
  limit: number;
  windowMs: number;
}

/** One polite "slow down" per chat and window when it sends commands too fast, then silence. */
export function floodLimit(flood: FloodLimit, core: Core, logger: Logger): MiddlewareFn {
  const warnedUntil = new Map<number, number>();
  async function warnOnce(ctx: Context): Promise<void> {
    const chatId = ctx.chat?.id;
    const now = Date.now();
    if (chatId === undefined || (warnedUntil.get(chatId) ?? 0) > now) return;
    for (const [id, until] of warnedUntil) if (until <= now) warnedUntil.delete(id);
    warnedUntil.set(chatId, now + flood.windowMs);
    const locale = await core.resolveLocale(actorOf(ctx));
    await ctx.reply(t(locale, 'errors.slowDown', { seconds: Math.ceil(flood.windowMs / 1000) }));
  }
  return limit({
    timeFrame: flood.windowMs,
    limit: flood.limit,
    // Only commands count; button presses and inline queries are cheap and expected in bursts.
    keyGenerator: (ctx) =>
      ctx.message?.text?.startsWith('/') ? String(ctx.chat?.id ?? ctx.from?.id) : undefined,
    onLimitExceeded: (ctx) => {
      warnOnce(ctx).catch((err: unknown) => logger.warn({ err }, 'could not send the slow-down notice'));
    },
  });
}
