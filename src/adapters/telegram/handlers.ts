import type { Bot, Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { Logger } from 'pino';
import { answerFigures, type Answer } from '../../core/answer.js';
import type { Core, Served } from '../../core/core.js';
import { localeFromHint } from '../../core/core.js';
import { t } from '../../core/i18n/index.js';
import { parseCommandLine } from '../../core/input.js';
import { clip } from '../text.js';
import type { Deliveries, Outgoing } from './delivery.js';
import { CALLBACK_DATA, keyboardFor, viewOf } from './keyboard.js';
import { actorOf } from './moderators.js';
import { renderTelegram, type TelegramView } from './render.js';
import { encodeOnce, encodeText, webhookReplyOf } from './webhook-reply.js';

export interface HandlerDeps {
  core: Core;
  logger: Logger;
  deliveries: Deliveries;
  isModerator(ctx: Context): Promise<boolean>;
}

const QUIET_LINKS = { link_preview_options: encodeOnce({ is_disabled: true }) } as const;

interface Rendered {
  messages: string[];
  /** The messages encoded for a webhook response, once per rendering. */
  encoded: string[];
  keyboard: ReturnType<typeof keyboardFor>;
}
// The core hands out the same Answer object for the same question on the same knowledge snapshot, so
// its rendering is kept beside it, and goes when the core drops the answer (a new snapshot).
const renderings = new WeakMap<Answer, Map<string, Rendered>>();

/** An answer's messages and buttons in a view, rendered once per answer object. */
function rendered(answer: Answer, view: TelegramView, token: string | undefined): Rendered {
  let views = renderings.get(answer);
  if (!views) renderings.set(answer, (views = new Map<string, Rendered>()));
  const key = `${view}:${token ?? ''}`;
  let r = views.get(key);
  if (!r) {
    const messages = renderTelegram(answer, view);
    const keyboard = keyboardFor(answer, view, token);
    r = { messages, encoded: messages.map(encodeText), keyboard: keyboard && encodeOnce(keyboard) };
    views.set(key, r);
  }
  return r;
}

/** The messages of an answer with its buttons under the last one; the first replies to the command in groups. */
function outgoing(ctx: Context, served: Served): Outgoing[] {
  const chatId = ctx.chat?.id ?? 0;
  const { messages, encoded, keyboard } = rendered(served.answer, 'summary', served.token);
  return messages.map((text, n) => ({
    chatId,
    text,
    ...(encoded[n] !== undefined && { textJson: encoded[n] }),
    options: {
      parse_mode: 'HTML',
      ...QUIET_LINKS,
      ...(n === 0 &&
        ctx.message &&
        ctx.chat?.type !== 'private' && {
          reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
        }),
      ...(n === messages.length - 1 && keyboard && { reply_markup: keyboard }),
    },
  }));
}

/**
 * Routes updates to the core: commands (by name, ignoring case, read from the core's command
 * data), button presses and inline queries. No command is named here.
 */
export function registerHandlers(bot: Bot, deps: HandlerDeps): void {
  const { core, deliveries } = deps;
  const send = (ctx: Context, served: Served) =>
    deliveries.deliver(ctx.update.update_id, outgoing(ctx, served), ctx.api, webhookReplyOf(ctx));

  bot.on('message:text', async (ctx) => {
    // Telegram delivered this update before: send only what it did not get, never run it twice.
    if (await deliveries.resume(ctx.update.update_id, ctx.api, webhookReplyOf(ctx))) return;
    const message = ctx.message;
    const first = message.entities?.[0];
    const parsed =
      first?.type === 'bot_command' && first.offset === 0 ? parseCommandLine(message.text) : undefined;
    const inPrivate = ctx.chat.type === 'private';
    // In groups, `/cmd@otherbot` and commands we do not know belong to other bots.
    if (parsed?.target !== undefined && parsed.target.toLowerCase() !== ctx.me.username.toLowerCase()) return;
    const info = parsed ? core.command(parsed.name) : undefined;
    if (!parsed || !info) {
      // In a private chat, anything else gets the "unknown command" or usage answer.
      if (inPrivate)
        await send(ctx, { answer: await core.dispatchLine(message.text, actorOf(ctx)), private: false });
      return;
    }
    let text = parsed.rest;
    // Replying such a command to a message uses that message; the bot reads nothing it was not asked about.
    if (!text && info.takesRepliedMessage)
      text = message.reply_to_message?.text ?? message.reply_to_message?.caption ?? '';
    const option = info.options[0];
    const args = option && text ? { [option.name]: text } : {};
    const actor = { ...actorOf(ctx), checkModerator: () => deps.isModerator(ctx) };
    await send(ctx, await core.serve({ command: info.name, args, actor }));
  });

  bot.callbackQuery(CALLBACK_DATA, async (ctx) => {
    const [, code, lang, token = ''] = ctx.match;
    const view = viewOf(code);
    const locale = localeFromHint(lang) ?? 'en';
    const request = await core.loadRequest(token);
    if (!request) {
      await ctx.answerCallbackQuery({ text: t(locale, 'errors.buttonExpired'), show_alert: true });
      return;
    }
    const answer = await core.dispatch({ ...request, actor: actorOf(ctx), locale });
    const {
      messages: [first],
      keyboard,
    } = rendered(answer, view, token);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(first ?? answer.title, {
      parse_mode: 'HTML',
      ...QUIET_LINKS,
      ...(keyboard && { reply_markup: keyboard }),
    });
  });
  // Buttons from older versions or tampered data: always answer, so the client stops spinning.
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());

  bot.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const info = core.commandInfo().find((c) => c.inline === (query ? 'query' : 'empty'));
    const option = info?.options[0];
    const answer = info
      ? await core.dispatch({
          command: info.name,
          args: option && query ? { [option.name]: query } : {},
          actor: actorOf(ctx),
        })
      : undefined;
    const results: InlineQueryResultArticle[] = (answer ? answerFigures(answer) : [])
      .slice(0, 10)
      .map((f) => {
        const single: Answer = {
          ...(answer as Answer),
          kind: 'figures',
          title: `${f.subject.name}: ${f.propertyLabel}`,
          figures: [f],
          suggestions: [],
        };
        const [text = ''] = renderTelegram(single, 'summary');
        return {
          type: 'article',
          id: f.id.slice(0, 64),
          title: clip(`${f.subject.name}, ${f.propertyLabel}: ${f.value}`, 200),
          description: clip(`${f.statusLabel} · ${f.scope}`, 200),
          input_message_content: { message_text: text, parse_mode: 'HTML', ...QUIET_LINKS },
        };
      });
    await ctx.answerInlineQuery(results, { cache_time: 60, is_personal: false });
  });
}
