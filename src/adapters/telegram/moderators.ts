import type { Context } from 'grammy';
import { LRUCache } from 'lru-cache';
import type { Actor } from '../../core/command.js';

/** Admin lists change rarely: a chat member's admin status is asked of Telegram at most once a minute. */
export const ADMIN_CACHE_TTL_MS = 60_000;
/** Strangers in many groups must not grow the cache without bound; the least recently asked go first. */
export const ADMIN_CACHE_MAX = 10_000;

/** Who sent an update, as the core sees actors. */
export function actorOf(ctx: Context): Actor {
  const from = ctx.from;
  const chat = ctx.chat;
  return {
    platform: 'telegram',
    userId: String(from?.id ?? 'unknown'),
    ...(chat && chat.type !== 'private' && { chatId: String(chat.id) }),
    ...(chat && { replyTo: String(chat.id) }),
    ...(from?.first_name !== undefined && { name: from.first_name }),
    ...(from?.language_code !== undefined && { localeHint: from.language_code }),
  };
}

/**
 * Whether a sender may curate: listed in TELEGRAM_MODERATOR_IDS (anywhere), or an administrator
 * of the group where they ask (one `getChatMember`, cached in a bounded LRU for 60 s).
 */
export function createModeratorCheck(moderatorIds: readonly number[]) {
  const admins = new LRUCache<string, boolean>({ max: ADMIN_CACHE_MAX, ttl: ADMIN_CACHE_TTL_MS });
  async function isModerator(ctx: Context): Promise<boolean> {
    const userId = ctx.from?.id;
    const chat = ctx.chat;
    if (userId === undefined || !chat) return false;
    if (moderatorIds.includes(userId)) return true;
    if (chat.type === 'private') return false;
    const key = `${chat.id}:${userId}`;
    const cached = admins.get(key);
    if (cached !== undefined) return cached;
    const member = await ctx.api.getChatMember(chat.id, userId);
    const admin = member.status === 'creator' || member.status === 'administrator';
    admins.set(key, admin);
    return admin;
  }
  return { isModerator, cacheSize: () => admins.size };
}
