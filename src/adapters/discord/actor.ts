import type { InteractionType } from 'discord.js';
import { PermissionFlagsBits, type APIInteraction } from 'discord.js';
import type { Actor } from '../../core/command.js';
import { localeFromHint } from '../../core/core.js';

/** Every interaction but PING carries a user, a locale and (in servers) a member. */
export type UserInteraction = Exclude<APIInteraction, { type: InteractionType.Ping }>;

/**
 * A moderator is a server member with Manage Messages (the permission Discord computed for this
 * channel), or with one of the roles in DISCORD_MODERATOR_ROLE_IDS. Outside servers, nobody is.
 */
export function isModerator(i: UserInteraction, roleIds: readonly string[]): boolean {
  const member = i.member;
  if (!member) return false;
  if ((BigInt(member.permissions) & PermissionFlagsBits.ManageMessages) !== 0n) return true;
  return member.roles.some((r) => roleIds.includes(r));
}

/** Who is asking, as the core sees actors. */
export function actorOf(i: UserInteraction, roleIds: readonly string[]): Actor {
  const user = i.member?.user ?? i.user;
  // The user's client language first, then the server's; each only if we speak it.
  const hint = [i.locale, i.guild_locale].find((l) => localeFromHint(l) !== undefined);
  return {
    platform: 'discord',
    userId: user?.id ?? 'unknown',
    ...(i.guild_id !== undefined
      ? { chatId: i.guild_id }
      : i.channel?.id !== undefined && { chatId: i.channel.id }),
    ...(user?.username !== undefined && { name: user.global_name ?? user.username }),
    ...(hint !== undefined && { localeHint: hint }),
    isModerator: isModerator(i, roleIds),
    ...(i.channel?.id !== undefined && { replyTo: i.channel.id }),
  };
}
