import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { Bot, InlineKeyboard, webhookCallback, type Context } from 'grammy';
import type { InlineQueryResultArticle, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import { answerFigures, hasMoreView, type Answer } from '../../core/answer.js';
import type { Actor } from '../../core/command.js';
import type { Core, SavedRequest } from '../../core/core.js';
import { localeFromHint } from '../../core/core.js';
import { t, type Locale } from '../../core/i18n/index.js';
import type { RouteHandler } from '../http.js';
import { renderTelegram, type TelegramView } from './render.js';

export interface FloodLimit {
  /** Commands one chat may send per window before being asked to slow down. */
  limit: number;
  windowMs: number;
}

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
}

// Admin lists change rarely; asking Telegram once a minute per chat and user is plenty.
const ADMIN_CACHE_MS = 60_000;

const VIEW_CODES: Readonly<Record<TelegramView, string>> = {
  summary: 'm',
  more: 'x',
  sources: 's',
  disputes: 'd',
};
const VIEWS = new Map<string, TelegramView>(
  Object.entries(VIEW_CODES).map(([view, code]) => [code, view as TelegramView]),
);

/** Callback data: `v:<view>:<locale>:<token>` re-renders a saved request; always under Telegram's 64 bytes. */
function callbackData(view: TelegramView, locale: Locale, token: string): string {
  return `v:${VIEW_CODES[view]}:${locale}:${token}`;
}

function actorOf(ctx: Context): Actor {
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

/** Buttons under an answer: the other views of its figures, and the other language. */
function keyboardFor(
  answer: Answer,
  view: TelegramView,
  token: string | undefined,
): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  const { locale } = answer;
  const figures = answerFigures(answer);
  if (token !== undefined && figures.length > 0) {
    keyboard.text(
      view === 'sources' ? t(locale, 'buttons.summary') : t(locale, 'buttons.sources'),
      callbackData(view === 'sources' ? 'summary' : 'sources', locale, token),
    );
    if (figures.some((f) => f.disputes.length > 0)) {
      keyboard.text(
        view === 'disputes' ? t(locale, 'buttons.summary') : t(locale, 'buttons.whyDisputed'),
        callbackData(view === 'disputes' ? 'summary' : 'disputes', locale, token),
      );
    }
    if (hasMoreView(answer)) {
      keyboard.text(
        view === 'more' ? t(locale, 'buttons.summary') : t(locale, 'buttons.more'),
        callbackData(view === 'more' ? 'summary' : 'more', locale, token),
      );
    }
    keyboard.row();
  }
  if (token !== undefined) {
    keyboard.text(
      t(locale, 'buttons.otherLanguage'),
      callbackData(view, locale === 'en' ? 'id' : 'en', token),
    );
  }
  const choices =
    answer.kind === 'not_found' || answer.kind === 'ambiguous' || answer.kind === 'error'
      ? (answer.choices ?? [])
      : [];
  for (const [n, choice] of choices.slice(0, 8).entries()) {
    if (n % 2 === 0) keyboard.row();
    keyboard.switchInlineCurrent(choice.label, choice.command.replace(/^\//, ''));
  }
  return keyboard.inline_keyboard.some((row) => row.length > 0) ? keyboard : undefined;
}

/**
 * The Telegram adapter: parses updates into `core.dispatch` calls and renders answers as HTML
 * with inline keyboards. It holds no business logic. Nothing runs until `start` or `webhook`.
 */
export function createTelegramAdapter(deps: TelegramDeps) {
  const { core, logger } = deps;
  const bot = new Bot(deps.token, {
    client: {
      ...(deps.apiRoot !== undefined && { apiRoot: deps.apiRoot }),
      ...(deps.webhookReply === true && { canUseWebhookReply: (method: string) => method === 'sendMessage' }),
    },
    ...(deps.botInfo !== undefined && { botInfo: deps.botInfo }),
  });
  // 429 retry_after and 5xx are retried with backoff, as an API transformer (grammY auto-retry plugin).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  const flood = deps.flood ?? { limit: 8, windowMs: 10_000 };
  const warnedUntil = new Map<number, number>();
  // One polite "slow down" per window, then silence until the window passes.
  async function warnOnce(ctx: Context): Promise<void> {
    const chatId = ctx.chat?.id;
    const now = Date.now();
    if (chatId === undefined || (warnedUntil.get(chatId) ?? 0) > now) return;
    for (const [id, until] of warnedUntil) if (until <= now) warnedUntil.delete(id);
    warnedUntil.set(chatId, now + flood.windowMs);
    const locale = await core.resolveLocale(actorOf(ctx));
    await ctx.reply(t(locale, 'errors.slowDown', { seconds: Math.ceil(flood.windowMs / 1000) }));
  }
  bot.use(
    limit({
      timeFrame: flood.windowMs,
      limit: flood.limit,
      // Only commands count; button presses and inline queries are cheap and expected in bursts.
      keyGenerator: (ctx) =>
        ctx.message?.text?.startsWith('/') ? String(ctx.chat?.id ?? ctx.from?.id) : undefined,
      onLimitExceeded: (ctx) => {
        warnOnce(ctx).catch((err: unknown) => logger.warn({ err }, 'could not send the slow-down notice'));
      },
    }),
  );

  async function reply(ctx: Context, answer: Answer, request: SavedRequest | undefined): Promise<void> {
    const token = request ? await core.saveRequest(request) : undefined;
    const messages = renderTelegram(answer, 'summary');
    const keyboard = keyboardFor(answer, 'summary', token);
    for (const [n, text] of messages.entries()) {
      const last = n === messages.length - 1;
      await ctx.reply(text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(n === 0 &&
          ctx.message &&
          ctx.chat?.type !== 'private' && {
            reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
          }),
        ...(last && keyboard && { reply_markup: keyboard }),
      });
    }
  }

  const adminCache = new Map<string, { admin: boolean; until: number }>();
  /** Whether the sender may curate: listed in TELEGRAM_MODERATOR_IDS, or an administrator of this group. */
  async function isModerator(ctx: Context): Promise<boolean> {
    const userId = ctx.from?.id;
    const chat = ctx.chat;
    if (userId === undefined || !chat) return false;
    if (deps.moderatorIds?.includes(userId) === true) return true;
    if (chat.type === 'private') return false;
    const key = `${chat.id}:${userId}`;
    const cached = adminCache.get(key);
    if (cached && cached.until > Date.now()) return cached.admin;
    const member = await ctx.api.getChatMember(chat.id, userId);
    const admin = member.status === 'creator' || member.status === 'administrator';
    adminCache.set(key, { admin, until: Date.now() + ADMIN_CACHE_MS });
    return admin;
  }

  for (const info of core.commandInfo()) {
    bot.command(info.name, async (ctx) => {
      let text = ctx.match.trim();
      // Replying /check or /fact to a message uses that message; the bot reads nothing it was not asked about.
      if (!text && (info.name === 'check' || info.name === 'fact')) {
        text = ctx.message?.reply_to_message?.text ?? ctx.message?.reply_to_message?.caption ?? '';
      }
      const option = info.options[0];
      const args = option && text ? { [option.name]: text } : {};
      const actor = { ...actorOf(ctx), checkModerator: () => isModerator(ctx) };
      const answer = await core.dispatch({ command: info.name, args, actor });
      const keep = !info.moderatorOnly && answerFigures(answer).length > 0;
      await reply(ctx, answer, keep ? { command: info.name, args } : undefined);
    });
  }

  // Any other slash command in a private chat gets the "unknown command" answer; in groups it may be another bot's.
  bot.chatType('private').on('message:text', async (ctx) => {
    const answer = await core.dispatchLine(ctx.message.text, actorOf(ctx));
    await reply(ctx, answer, undefined);
  });

  bot.callbackQuery(/^v:([msdx]):(en|id):([\w-]{1,32})$/, async (ctx) => {
    const [, code = 'm', lang = 'en', token = ''] = ctx.match;
    const view = VIEWS.get(code) ?? 'summary';
    const locale = localeFromHint(lang) ?? 'en';
    const request = await core.loadRequest(token);
    if (!request) {
      await ctx.answerCallbackQuery({ text: t(locale, 'errors.buttonExpired'), show_alert: true });
      return;
    }
    const answer = await core.dispatch({ ...request, actor: actorOf(ctx), locale });
    const [first] = renderTelegram(answer, view);
    await ctx.answerCallbackQuery();
    const keyboard = keyboardFor(answer, view, token);
    await ctx.editMessageText(first ?? answer.title, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(keyboard && { reply_markup: keyboard }),
    });
  });
  // Buttons from older versions or tampered data: always answer, so the client stops spinning.
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());

  bot.on('inline_query', async (ctx) => {
    const actor = actorOf(ctx);
    const query = ctx.inlineQuery.query.trim();
    const answer = query
      ? await core.dispatch({ command: 'fact', args: { query }, actor })
      : await core.dispatch({ command: 'disputed', args: {}, actor });
    const figures = answerFigures(answer).slice(0, 10);
    const results: InlineQueryResultArticle[] = figures.map((f) => {
      const single: Answer = {
        ...answer,
        kind: 'figures',
        title: `${f.subject.name}: ${f.propertyLabel}`,
        figures: [f],
        suggestions: [],
      };
      const [text = ''] = renderTelegram(single, 'summary');
      return {
        type: 'article',
        id: f.id.slice(0, 64),
        title: `${f.subject.name}, ${f.propertyLabel}: ${f.value}`.slice(0, 200),
        description: `${f.statusLabel} · ${f.scope}`.slice(0, 200),
        input_message_content: {
          message_text: text,
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
        },
      };
    });
    await ctx.answerInlineQuery(results, { cache_time: 60, is_personal: false });
  });

  core.registerNoticeSender('telegram', async (chat, text) => {
    await bot.api.sendMessage(Number(chat), text, { link_preview_options: { is_disabled: true } });
  });

  bot.catch((err) => {
    logger.error({ err: err.error, update_id: err.ctx.update.update_id }, 'telegram update failed');
  });

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

  let stopRequested = false;
  return {
    bot,
    setMenus,
    /** Long polling until `stop`; resolves when polling has ended and in-flight updates are done. */
    async start(): Promise<void> {
      await bot.init();
      await setMenus();
      if (stopRequested) return;
      await bot.start({
        allowed_updates: ['message', 'callback_query', 'inline_query'],
        // A stop that came while we were starting up still wins.
        onStart: () => (stopRequested ? void bot.stop() : undefined),
      });
    },
    /**
     * Webhook mode: registers `url` with Telegram and returns the HTTP handler for its path. Requests
     * without the right `X-Telegram-Bot-Api-Secret-Token` get 401 (grammY checks it).
     */
    async webhook(url: string, secret: string): Promise<RouteHandler> {
      await bot.init();
      await setMenus();
      await bot.api.setWebhook(url, {
        secret_token: secret,
        allowed_updates: ['message', 'callback_query', 'inline_query'],
      });
      // Telegram retries an update that is not answered in time; answer within 9 s and log the overrun.
      return webhookCallback(bot, 'http', {
        secretToken: secret,
        onTimeout: 'return',
        timeoutMilliseconds: 9000,
      });
    },
    async stop(): Promise<void> {
      stopRequested = true;
      if (bot.isRunning()) await bot.stop();
    },
  };
}

export type TelegramAdapter = ReturnType<typeof createTelegramAdapter>;
