import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Locale } from '../knowledge/schema.js';
import type { Answer } from './answer.js';
import type { en } from './i18n/en.js';
import type { GapCounter } from './gaps.js';
import type { KnowledgeEditor } from './knowledge-editor.js';
import type { Subscriptions } from './subscriptions.js';

/** Names of commands; each must have texts under `commands.<name>` in every catalogue. */
export type CommandName = keyof typeof en.commands;

/** Where an option's autocomplete choices come from. */
export type AutocompleteSource = 'subject' | 'source' | 'language';

/** One option of a command; all options are strings, named `^[a-z0-9_]{1,32}$` for both platforms. */
export interface CommandOption {
  name: string;
  required: boolean;
  autocomplete?: AutocompleteSource;
  /** Longest accepted value, in characters. */
  maxLength: number;
}

/** Who is asking, as far as the platform tells us. Adapters fill it; commands read it. */
export interface Actor {
  platform: 'console' | 'cli' | 'telegram' | 'discord' | 'web';
  userId: string;
  chatId?: string;
  name?: string;
  /** The platform's language hint, e.g. Telegram `language_code` or Discord `locale`. */
  localeHint?: string;
  /** Where a message to this conversation goes (Telegram chat id, Discord channel id), for update notices. */
  replyTo?: string;
  /** Set by the adapter from the platform's roles (Discord Manage Messages, Telegram admins, the console operator). */
  isModerator?: boolean;
  /** Asks the platform when a command needs to know (Telegram's admin lookup costs an API call). */
  checkModerator?: () => Promise<boolean>;
}

/** Whether the actor may curate: known already, or asked of the platform once. */
export async function actorIsModerator(actor: Actor): Promise<boolean> {
  if (actor.isModerator !== undefined) return actor.isModerator;
  return (await actor.checkModerator?.()) ?? false;
}

/** The slice of a key-value store the core needs; Keyv (SQLite or Redis) provides it. */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlMs?: number): Promise<unknown>;
}

/** Per-user and per-chat preferences that outlive a process. */
export interface Preferences {
  getLocale(key: string): Promise<Locale | undefined>;
  setLocale(key: string, locale: Locale): Promise<void>;
}

/** What a command gets when it runs. */
export interface CommandContext {
  args: Readonly<Record<string, string | undefined>>;
  locale: Locale;
  kb: KnowledgeIndex;
  actor: Actor;
  preferences: Preferences;
  /** All commands, for /help. */
  commands: readonly Command[];
  /** Moderators' changes to the knowledge (absent where the knowledge is read-only, e.g. the CLI). */
  editor?: KnowledgeEditor;
  /** Chats' subscriptions to update notices. */
  subscriptions: Subscriptions;
  /** Questions the knowledge could not answer (absent where nothing is counted). */
  gaps?: GapCounter;
}

/** A platform-neutral command: its definition beside its handler, as in the discord.js guide. */
export interface Command {
  name: CommandName;
  options: readonly CommandOption[];
  /** Shown in /help and the README; each must produce a useful answer. */
  examples: readonly string[];
  /** Only moderators may run it; the core refuses everyone else politely. */
  moderatorOnly?: boolean;
  /** It changes something (a preference, a subscription, the knowledge): never run for the read-only site and API. */
  changesState?: boolean;
  /** Its answers are shown only to the asker (Discord: ephemeral, and deferred privately). */
  privateAnswer?: boolean;
  /** Sent as a reply to a message without text of its own, it takes that message's text as its first option. */
  takesRepliedMessage?: boolean;
  /** Offered as the action on a message (Discord's message context menu), with the message's text. */
  messageAction?: boolean;
  /** Offered in Telegram inline mode: for what the user types (`query`), or when they typed nothing (`empty`). */
  inline?: 'query' | 'empty';
  run(ctx: CommandContext): Answer | Promise<Answer>;
}

/** What every preference key starts with, so the store can list them all. */
export const PREFERENCE_KEY_PREFIX = 'locale:';

/** The preference key of a user on a platform. */
export function userKey(actor: Actor): string {
  return `${PREFERENCE_KEY_PREFIX}user:${actor.platform}:${actor.userId}`;
}

/** The preference key of a chat (group, channel or guild) on a platform. */
export function chatKey(actor: Actor): string | undefined {
  return actor.chatId === undefined
    ? undefined
    : `${PREFERENCE_KEY_PREFIX}chat:${actor.platform}:${actor.chatId}`;
}
