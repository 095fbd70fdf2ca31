import { timingSafeEqual } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, webhookCallback } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import type { Core } from '../../core/core.js';
import type { Locale } from '../../core/i18n/index.js';
import { BadRequestError, parseJson, readBody, type RouteHandler } from '../http.js';
import { retryWithBackoff, StoppedError } from '../retry.js';
import { wellFormedDeep } from '../text.js';
import { createBotApiFetch } from './bot-api-fetch.js';
import { createDeliveries } from './delivery.js';
import { floodLimit, type FloodLimit } from './flood.js';
import { registerHandlers } from './handlers.js';
import { createModeratorCheck } from './moderators.js';
import { openWebhookReply } from './webhook-reply.js';

export type { FloodLimit } from './flood.js';

export interface TelegramDeps {
  token: string;
  /** Bot API root without a trailing slash; a self-hosted server or a test fake. */
  apiRoot?: string;
  core: Core;
  logger: Logger;
  /** Skips `getMe` at start (tests, and restarts that already know the bot). */
  botInfo?: UserFromGetMe;
  flood?: FloodLimit;
  /** Send the first reply of a webhook update in the HTTP response (saves a request; see README). */
  webhookReply?: boolean;
  /** Telegram user ids that may use /kb anywhere; chat administrators may use it in their chat. */
  moderatorIds?: readonly number[];
  /** Seconds a long poll waits for updates (Telegram's `timeout`); tests shorten it. */
  pollSeconds?: number;
  /** Seconds any Bot API call may take (grammY `timeoutSeconds`); must exceed `pollSeconds`. Tests shorten it. */
  callTimeoutSeconds?: number;
}

const UPDATES = ['message', 'callback_query', 'inline_query'] as const;
/** Telegram holds a long poll this long when there is nothing to deliver. */
const POLL_SECONDS = 25;
/** No call waits longer than this; a long poll that hangs is cut here and polling resumes (≤ 35 s in all). */
const CALL_TIMEOUT_SECONDS = 30;
/** Telegram retries an update that is not answered in time; answer within 9 s and finish in the background. */
const WEBHOOK_ANSWER_MS = 9000;

/**
 * Checks the webhook secret header in constant time: the header is copied into a buffer of the
 * secret's length and compared whole, so the work is the same whatever it holds, its length included.
 */
function secretCheck(secret: string): (header: string | string[] | undefined) => boolean {
  const expected = Buffer.from(secret);
  const given = Buffer.alloc(expected.length);
  return (header) => {
    if (typeof header !== 'string') return false;
    given.fill(0);
    given.write(header);
    const sameLength = Buffer.byteLength(header) === expected.length;
    return timingSafeEqual(given, expected) && sameLength;
  };
}

// Parts of payloads found well-formed before: an answer's keyboard is built once and sent with every
// copy of the answer, so it is walked once, not for every message.
const wellFormedParts = new WeakSet<object>();

/** The payload with every string well-formed; parts already checked are not walked again. */
function wellFormedPayload<P>(payload: P): P {
  if (typeof payload !== 'object' || payload === null) return wellFormedDeep(payload);
  const fields = payload as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(fields)) {
    const part = fields[key];
    if (typeof part === 'object' && part !== null && wellFormedParts.has(part)) continue;
    const clean = wellFormedDeep(part);
    if (clean !== part) (out ??= { ...fields })[key] = clean;
    else if (typeof part === 'object' && part !== null) wellFormedParts.add(part);
  }
  return (out ?? payload) as P;
}

const isUpdate = (v: unknown): v is Update =>
  typeof v === 'object' && v !== null && typeof (v as { update_id?: unknown }).update_id === 'number';

/** A wrong token or a second poller: no retry fixes these. */
const isFatal = (err: unknown) => err instanceof GrammyError && [401, 404, 409].includes(err.error_code);

/**
 * The Telegram adapter: parses updates into `core` calls and renders answers as HTML with inline
 * keyboards. It holds no business logic. Nothing runs until `start` or `webhook`.
 */
export function createTelegramAdapter(deps: TelegramDeps) {
  const { core, logger } = deps;
  const bot = new Bot(deps.token, {
    client: {
      ...(deps.apiRoot !== undefined && { apiRoot: deps.apiRoot }),
      timeoutSeconds: deps.callTimeoutSeconds ?? CALL_TIMEOUT_SECONDS,
      fetch: createBotApiFetch(deps.apiRoot) as never,
    },
    ...(deps.botInfo !== undefined && { botInfo: deps.botInfo }),
  });
  // 429 retry_after (up to 30 s) and 5xx are retried with backoff; network errors and timeouts are
  // not (auto-retry would retry those forever), the delivery layer retries an answer once instead.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  // Lone surrogates in any text make Telegram refuse the whole call: every outgoing string is cleaned.
  bot.api.config.use((prev, method, payload, signal) => prev(method, wellFormedPayload(payload), signal));

  const stopper = new AbortController();
  let polling = false;
  // Every update's promise ends here: logged with its id, never an unhandled rejection or a crash.
  bot.use(async (ctx, next) => {
    // Once stopping, updates not yet started stay unconfirmed, so Telegram delivers them after a restart.
    if (polling && stopper.signal.aborted) return;
    try {
      await next();
    } catch (err) {
      logger.error({ err, update_id: ctx.update.update_id }, 'telegram update failed');
    }
  });
  bot.use(floodLimit(deps.flood ?? { limit: 8, windowMs: 10_000 }, core, logger));
  const moderators = createModeratorCheck(deps.moderatorIds ?? []);
  registerHandlers(bot, {
    core,
    logger,
    deliveries: createDeliveries({ api: bot.api, logger }),
    isModerator: moderators.isModerator,
  });
  core.registerNoticeSender('telegram', async (chat, text) => {
    await bot.api.sendMessage(Number(chat), text, { link_preview_options: { is_disabled: true } });
  });
  bot.catch((err) => logger.error({ err, update_id: err.ctx.update.update_id }, 'telegram update failed'));

  /** Registers the command menus: default (English), `en` and `id`, from the command files. */
  async function setMenus(): Promise<void> {
    // Moderator commands stay out of everyone's menu.
    const infos = core.commandInfo().filter((c) => !c.moderatorOnly);
    const menu = (locale: Locale) =>
      infos.map((c) => ({ command: c.name, description: c.description[locale].slice(0, 256) }));
    await bot.api.setMyCommands(menu('en'));
    await bot.api.setMyCommands(menu('en'), { language_code: 'en' });
    await bot.api.setMyCommands(menu('id'), { language_code: 'id' });
  }

  /** getMe and the menus, retried with backoff while the Bot API is unreachable; a stop ends the wait. */
  async function ready(then?: () => Promise<unknown>): Promise<void> {
    await retryWithBackoff(
      async () => {
        if (!bot.isInited())
          bot.botInfo = await bot.api.getMe(stopper.signal as Parameters<typeof bot.api.getMe>[0]);
        await setMenus();
        await then?.();
      },
      { what: 'telegram start-up', logger, signal: stopper.signal, isFatal },
    );
  }

  let running: Promise<void> | undefined;
  return {
    bot,
    setMenus,
    moderatorCacheSize: moderators.cacheSize,
    /**
     * Long polling until `stop`; resolves when polling has ended and the update in flight is done.
     * A stop while the Bot API is still unreachable at start resolves at once.
     */
    async start(): Promise<void> {
      try {
        await ready();
      } catch (err) {
        if (err instanceof StoppedError) return;
        throw err;
      }
      // A stop that came while we were starting up still wins.
      if (stopper.signal.aborted) return;
      polling = true;
      running = bot.start({
        allowed_updates: UPDATES,
        timeout: deps.pollSeconds ?? POLL_SECONDS,
        onStart: () => logger.info('telegram long polling started'),
      });
      await running;
    },
    /**
     * Webhook mode: registers `url` with Telegram and returns the HTTP handler for its path.
     * Requests without the right `X-Telegram-Bot-Api-Secret-Token` get 401 before their body is
     * read; bodies over 1 MB get 413 and malformed JSON 400.
     */
    async webhook(url: string, secret: string): Promise<RouteHandler> {
      await ready(() => bot.api.setWebhook(url, { secret_token: secret, allowed_updates: UPDATES }));
      const handle = webhookCallback(
        bot,
        (update: Update) => ({
          update: Promise.resolve(update),
          header: undefined,
          // Answers in the response go through `openWebhookReply`, not grammY's webhook reply.
          respond: () => undefined,
          unauthorized: () => undefined,
          handlerReturn: undefined,
        }),
        // The secret is checked below, in constant time, before the body is read; grammY need not check it again.
        { onTimeout: 'return', timeoutMilliseconds: WEBHOOK_ANSWER_MS },
      );
      const isSecret = secretCheck(secret);
      const answerInResponse = deps.webhookReply === true;
      return async (req, res) => {
        const header = req.headers['x-telegram-bot-api-secret-token'];
        if (!isSecret(header)) {
          res.writeHead(401, { connection: 'close' }).end();
          return;
        }
        const update = parseJson(await readBody(req));
        if (!isUpdate(update)) throw new BadRequestError(400);
        // The first sendMessage of the update is the response body; with its length known it leaves in one write.
        const reply =
          answerInResponse &&
          openWebhookReply(update, (json) => {
            res
              .writeHead(200, {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(json),
              })
              .end(json);
          });
        try {
          await handle(update);
        } finally {
          // Past this point (answered, or out of time) anything left goes through the Bot API.
          if (reply) reply.close();
        }
        if (!res.headersSent) res.writeHead(200, { 'content-length': 0 }).end();
      };
    },
    /** Stops fetching, confirms the offset of what was handled, and lets the update in flight finish. */
    async stop(): Promise<void> {
      stopper.abort();
      if (bot.isRunning()) await bot.stop();
      await running;
    },
  };
}

export type TelegramAdapter = ReturnType<typeof createTelegramAdapter>;
