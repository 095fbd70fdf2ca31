import { z } from 'zod';
import { ConfigError } from './core/errors.js';
import { LocaleSchema } from './knowledge/schema.js';
import { ShardPlanSchema } from './adapters/discord/sharding.js';

// Platforms and shells set empty variables for "unset"; treat them so (t3-env's emptyStringAsUndefined).
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((v) => (v === '' || v === undefined ? fallback : v), schema);

/** A comma-separated list of ids, each matching `pattern`. */
const idList = (pattern: RegExp) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => pattern.test(id)), 'expected a comma-separated list of ids');

/** Every environment variable factdesk reads. `.env.example` lists the same, with comments. */
export const ConfigSchema = z
  .object({
    /** Unset: the `knowledge/` folder shipped with the package. */
    KNOWLEDGE_DIR: optional(z.string()),
    /** Unset: `data/` in the package folder, for the embedded SQLite file. */
    DATA_DIR: optional(z.string()),
    STORE_URL: optional(
      z
        .string()
        .regex(
          /^(sqlite:\/\/.+|redis:\/\/.+|rediss:\/\/.+|memory:\/\/)$/,
          'expected sqlite://<file>, redis://… or rediss://…',
        ),
    ),
    LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
    DEFAULT_LOCALE: withDefault(LocaleSchema, 'en'),
    TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, 'expected <id>:<secret> from @BotFather')),
    TELEGRAM_API_ROOT: optional(z.url({ protocol: /^https?$/ })),
    TELEGRAM_WEBHOOK_URL: optional(z.url({ protocol: /^https$/ })),
    TELEGRAM_WEBHOOK_SECRET: optional(
      z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'use 1–256 of A-Z a-z 0-9 _ -'),
    ),
    /** Answer webhook updates in the HTTP response (one request fewer; see the README for the trade-off). */
    TELEGRAM_WEBHOOK_REPLY: withDefault(
      z.enum(['true', 'false']).transform((v) => v === 'true'),
      'false',
    ),
    DISCORD_TOKEN: optional(z.string().min(20)),
    DISCORD_APPLICATION_ID: optional(z.string().regex(/^\d{5,25}$/, 'expected a numeric application id')),
    DISCORD_PUBLIC_KEY: optional(z.string().regex(/^[0-9a-f]{64}$/i, 'expected 64 hex characters')),
    DISCORD_API_ROOT: optional(z.url({ protocol: /^https?$/ })),
    DISCORD_GUILD_ID: optional(z.string().regex(/^\d{5,25}$/, 'expected a numeric guild id')),
    /** Gateway shards this process runs: `auto` (Discord's recommendation), `<count>`, or `<ids>/<count>` such as `0-1/4`. */
    DISCORD_SHARDS: withDefault(ShardPlanSchema, 'auto'),
    /** Telegram user ids allowed to use /kb in any chat, comma-separated. */
    TELEGRAM_MODERATOR_IDS: withDefault(idList(/^-?\d{1,20}$/), ''),
    /** Discord role ids whose members may use /kb besides those with Manage Messages. */
    DISCORD_MODERATOR_ROLE_IDS: withDefault(idList(/^\d{5,25}$/), ''),
    /** Where moderators are told about broken knowledge files: telegram:<chat id> or discord:<channel id>, comma-separated. */
    MODERATOR_CHAT_IDS: withDefault(idList(/^(telegram:-?\d{1,20}|discord:\d{5,25})$/), ''),
    /** Reload the knowledge when its files change (default true). */
    WATCH_KNOWLEDGE: withDefault(
      z.enum(['true', 'false']).transform((v) => v === 'true'),
      'true',
    ),
    PORT: withDefault(z.coerce.number().int().min(0).max(65535), 3000),
    /** `off` serves no site (webhooks and /healthz only). */
    WEB: withDefault(z.enum(['on', 'off']), 'on'),
    /** The site's public address, used in links from chat answers, pages and the ClaimReview feed. */
    PUBLIC_URL: optional(
      z.url({ protocol: /^https?$/ }).refine((u) => !/[?#]/.test(u), 'no query or fragment'),
    ),
    /** Moderators present it to see /gaps on the site (Authorization: Bearer, or as the Basic password). */
    WEB_ADMIN_TOKEN: optional(z.string().min(16, 'use at least 16 characters')),
    /** Commands one chat may send per 10 seconds before the bot asks it to slow down. */
    FLOOD_LIMIT: withDefault(z.coerce.number().int().min(1).max(1000), 8),
  })
  .refine((c) => !c.TELEGRAM_WEBHOOK_URL || c.TELEGRAM_WEBHOOK_SECRET, {
    message: 'required when TELEGRAM_WEBHOOK_URL is set (Telegram echoes it so forged updates get 401)',
    path: ['TELEGRAM_WEBHOOK_SECRET'],
  })
  .refine((c) => !c.DISCORD_TOKEN || c.DISCORD_APPLICATION_ID, {
    message: 'required with DISCORD_TOKEN',
    path: ['DISCORD_APPLICATION_ID'],
  });
export type Config = z.infer<typeof ConfigSchema>;

/**
 * Validates an environment object; `main.ts` passes `process.env`, tests pass their own.
 * @throws ConfigError naming every bad variable (values are never echoed: they may be secrets)
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
