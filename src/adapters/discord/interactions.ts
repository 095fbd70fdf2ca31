import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIApplicationCommandInteractionDataOption,
  type APIButtonComponent,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type REST,
} from 'discord.js';
import type { Logger } from 'pino';
import { answerFigures, type Answer } from '../../core/answer.js';
import type { Actor } from '../../core/command.js';
import { localeFromHint, type CommandInfo, type Core, type SavedRequest } from '../../core/core.js';
import { parseCommandLine } from '../../core/input.js';
import { t, type Locale } from '../../core/i18n/index.js';
import { answerButtons, customId, renderDiscord, type DiscordView } from './render.js';

/** The message context-menu command; Discord allows spaces and capitals in these names. */
export const CONTEXT_MENU_NAME = 'Fact-check this message';
export const CONTEXT_MENU_NAME_ID = 'Cek fakta pesan ini';

/** Discord's limit on autocomplete choices and on their name and value lengths. */
const MAX_AUTOCOMPLETE = 25;
const CHOICE_TEXT = 100;
/** Answer well inside Discord's 3-second window; slower work is deferred and edited in later. */
const DEFER_AFTER_MS = 2000;

const VIEW_BY_CODE = new Map<string, DiscordView>([
  ['m', 'summary'],
  ['s', 'sources'],
  ['d', 'disputes'],
  ['x', 'more'],
]);
const CUSTOM_ID = /^fd:(m|s|d|x|pub):(en|id):(\d{1,3}):([\w-]{1,32})$/;

export interface InteractionDeps {
  core: Core;
  rest: REST;
  applicationId: string;
  logger: Logger;
  /** For tests of the deferral path; defaults to 2 s. */
  deferAfterMs?: number;
  moderatorRoleIds?: readonly string[];
}

const MANAGE_MESSAGES = 1n << 13n;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A member with Manage Messages in the server, or with one of the configured moderator roles. */
function isModerator(
  i: Exclude<APIInteraction, { type: InteractionType.Ping }>,
  roleIds: readonly string[],
): boolean {
  const member = i.member;
  if (!member) return false;
  if ((BigInt(member.permissions) & MANAGE_MESSAGES) !== 0n) return true;
  return member.roles.some((r) => roleIds.includes(r));
}

function actorOf(
  i: Exclude<APIInteraction, { type: InteractionType.Ping }>,
  roleIds: readonly string[] = [],
): Actor {
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

function optionValues(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): Record<string, string> {
  const args: Record<string, string> = {};
  for (const o of options ?? []) {
    if (o.type === ApplicationCommandOptionType.String) args[o.name] = o.value;
  }
  return args;
}

/**
 * Turns Discord interactions (from the HTTP endpoint or the gateway) into core calls and answers
 * into interaction responses: embeds, buttons, autocomplete choices. Never pings anyone.
 */
export function createInteractionHandler(deps: InteractionDeps) {
  const { core, logger } = deps;
  const infos = new Map<string, CommandInfo>(core.commandInfo().map((c) => [c.name, c]));

  /** A command line such as `/cost r1` as a request the core can run again from a button. */
  function requestFromLine(line: string): SavedRequest | undefined {
    const parsed = parseCommandLine(line);
    const option = parsed ? infos.get(parsed.name)?.options[0] : undefined;
    if (!parsed) return undefined;
    return { command: parsed.name, args: option && parsed.rest ? { [option.name]: parsed.rest } : {} };
  }

  async function message(
    answer: Answer,
    view: DiscordView,
    page: number,
    request: SavedRequest | undefined,
    options: { ephemeral?: boolean; publishButton?: boolean } = {},
  ): Promise<APIInteractionResponseCallbackData> {
    const rendered = renderDiscord(answer, view, page);
    const keep = request !== undefined && answerFigures(answer).length > 0;
    const token = keep ? await core.saveRequest(request) : undefined;
    const extra: APIButtonComponent[] = [];
    if (options.publishButton && token !== undefined) {
      extra.push({
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: t(answer.locale, 'buttons.postPublicly'),
        custom_id: customId('pub', answer.locale, 0, token),
      });
    }
    const choices =
      answer.kind === 'not_found' || answer.kind === 'ambiguous' || answer.kind === 'error'
        ? (answer.choices ?? [])
        : [];
    for (const choice of choices.slice(0, 5 - extra.length)) {
      const chosen = requestFromLine(choice.command);
      if (!chosen) continue;
      extra.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: clip(choice.label, 80),
        custom_id: customId('m', answer.locale, 0, await core.saveRequest(chosen)),
      });
    }
    return {
      embeds: rendered.embeds,
      components: answerButtons(answer, view, rendered, token, extra),
      // Nothing a user typed (or a quote) may ping anyone: https://discord.com/developers/docs/resources/message#allowed-mentions-object
      allowed_mentions: { parse: [] },
      ...(options.ephemeral === true && { flags: MessageFlags.Ephemeral }),
    };
  }

  async function onCommand(
    i: Extract<APIInteraction, { type: InteractionType.ApplicationCommand }>,
  ): Promise<APIInteractionResponse> {
    const actor = actorOf(i);
    if (i.data.type === ApplicationCommandType.Message) {
      // "Fact-check this message": /check on the selected message's text; the answer starts private.
      const target = i.data.resolved.messages[i.data.target_id];
      const statement = clip(target?.content ?? '', 1000);
      const request: SavedRequest = { command: 'check', args: statement ? { statement } : {} };
      const answer = await core.dispatch({ ...request, actor });
      return {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: await message(answer, 'summary', 0, request, { ephemeral: true, publishButton: true }),
      };
    }
    if (i.data.type !== ApplicationCommandType.ChatInput) {
      return {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content: '—', flags: MessageFlags.Ephemeral },
      };
    }
    const request = { command: i.data.name, args: optionValues(i.data.options) };
    const answer = await core.dispatch({ ...request, actor });
    return {
      type: InteractionResponseType.ChannelMessageWithSource,
      // Mistakes, and moderators' work, are shown only to the person who made them.
      data: await message(
        answer,
        'summary',
        0,
        infos.get(request.command)?.moderatorOnly ? undefined : request,
        {
          ephemeral: answer.kind === 'error' || request.command === 'kb',
        },
      ),
    };
  }

  async function onComponent(
    i: Extract<APIInteraction, { type: InteractionType.MessageComponent }>,
  ): Promise<APIInteractionResponse> {
    const match = CUSTOM_ID.exec(i.data.custom_id);
    const locale: Locale = localeFromHint(match?.[2]) ?? 'en';
    const request = match ? await core.loadRequest(match[4] ?? '') : undefined;
    if (!match || !request) {
      return {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: {
          content: t(locale, 'errors.buttonExpired'),
          flags: MessageFlags.Ephemeral,
          allowed_mentions: { parse: [] },
        },
      };
    }
    const answer = await core.dispatch({ ...request, actor: actorOf(i), locale });
    if (match[1] === 'pub') {
      return {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: await message(answer, 'summary', 0, request),
      };
    }
    const view = VIEW_BY_CODE.get(match[1] ?? 'm') ?? 'summary';
    return {
      type: InteractionResponseType.UpdateMessage,
      data: await message(answer, view, Number(match[3]), request),
    };
  }

  async function onAutocomplete(
    i: Extract<APIInteraction, { type: InteractionType.ApplicationCommandAutocomplete }>,
  ): Promise<APIInteractionResponse> {
    const focused = (i.data.options ?? []).find((o) => 'focused' in o && o.focused);
    const typed = focused && 'value' in focused ? String(focused.value) : '';
    const locale = localeFromHint(actorOf(i).localeHint) ?? (await core.resolveLocale(actorOf(i)));
    const choices = core
      .autocomplete(i.data.name, focused?.name ?? '', typed, locale)
      .slice(0, MAX_AUTOCOMPLETE);
    return {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: {
        choices: choices.map((c) => ({
          name: clip(`${c.label} — ${c.description}`, CHOICE_TEXT),
          // The value is what the command receives: the handle that resolves exactly (`r1`, `en`, a source id).
          value: clip(c.command.replace(/^\/\S+\s*/, ''), CHOICE_TEXT),
        })),
      },
    };
  }

  /** The response to one interaction, computed in full (callers decide about deferral). */
  async function respond(i: APIInteraction): Promise<APIInteractionResponse> {
    switch (i.type) {
      case InteractionType.Ping:
        return { type: InteractionResponseType.Pong };
      case InteractionType.ApplicationCommand:
        return onCommand(i);
      case InteractionType.MessageComponent:
        return onComponent(i);
      case InteractionType.ApplicationCommandAutocomplete:
        return onAutocomplete(i);
      default:
        return {
          type: InteractionResponseType.ChannelMessageWithSource,
          data: { content: '—', flags: MessageFlags.Ephemeral },
        };
    }
  }

  /**
   * Answers within Discord's 3-second window: the full response if it is ready in time, else a
   * deferral now and an edit of the original response when the answer is ready. Autocomplete is never deferred.
   */
  async function handle(i: APIInteraction): Promise<APIInteractionResponse> {
    const work = respond(i).catch((err: unknown) => {
      logger.error({ err, interaction_id: i.id }, 'discord interaction failed');
      const locale = localeFromHint('locale' in i ? i.locale : undefined) ?? 'en';
      return {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: {
          content: t(locale, 'errors.unexpected'),
          flags: MessageFlags.Ephemeral,
          allowed_mentions: { parse: [] },
        },
      } satisfies APIInteractionResponse;
    });
    if (i.type === InteractionType.ApplicationCommandAutocomplete || i.type === InteractionType.Ping)
      return work;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>(
      (resolve) => (timer = setTimeout(() => resolve('late'), deps.deferAfterMs ?? DEFER_AFTER_MS)),
    );
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return first;
    void work
      .then(async (response) => {
        const data = 'data' in response ? response.data : undefined;
        await deps.rest.patch(Routes.webhookMessage(deps.applicationId, i.token, '@original'), {
          body: data,
          auth: false,
        });
      })
      .catch((err: unknown) =>
        logger.error({ err, interaction_id: i.id }, 'could not edit a deferred response'),
      );
    return i.type === InteractionType.MessageComponent
      ? { type: InteractionResponseType.DeferredMessageUpdate }
      : { type: InteractionResponseType.DeferredChannelMessageWithSource };
  }

  return { handle };
}

export type InteractionHandler = ReturnType<typeof createInteractionHandler>;
