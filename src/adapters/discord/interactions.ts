import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIInteractionResponse,
  type REST,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Core } from '../../core/core.js';
import { localeFromHint } from '../../core/core.js';
import type { Locale } from '../../core/i18n/index.js';
import { clip } from '../text.js';
import { actorOf } from './actor.js';
import type { DiscordView } from './render.js';
import { createMessages, outgoingData, privateNotice, safeResponse } from './responses.js';

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
  /** Roles whose members are moderators besides those with Manage Messages. */
  moderatorRoleIds?: readonly string[];
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

const localeOf = (i: APIInteraction): Locale => localeFromHint('locale' in i ? i.locale : undefined) ?? 'en';

/**
 * Turns Discord interactions (from the HTTP endpoint or the gateway) into core calls and answers
 * into interaction responses: embeds, buttons, autocomplete choices. Never pings anyone.
 */
export function createInteractionHandler(deps: InteractionDeps) {
  const { core, logger } = deps;
  const roleIds = deps.moderatorRoleIds ?? [];
  const message = createMessages(core);
  const messageAction = core.commandInfo().find((c) => c.messageAction);

  async function onCommand(
    i: Extract<APIInteraction, { type: InteractionType.ApplicationCommand }>,
  ): Promise<APIInteractionResponse> {
    const actor = actorOf(i, roleIds);
    if (i.data.type === ApplicationCommandType.Message && messageAction) {
      // The message context menu runs the command that acts on messages; its answer starts private.
      const target = i.data.resolved.messages[i.data.target_id];
      const text = clip(target?.content ?? '', messageAction.options[0]?.maxLength ?? 1000);
      const option = messageAction.options[0];
      const served = await core.serve({
        command: messageAction.name,
        args: option && text ? { [option.name]: text } : {},
        actor,
      });
      return {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: await message(served.answer, 'summary', 0, served.token, {
          ephemeral: true,
          publishButton: true,
        }),
      };
    }
    if (i.data.type !== ApplicationCommandType.ChatInput)
      return privateNotice(localeOf(i), 'errors.unsupportedInteraction');
    const served = await core.serve({ command: i.data.name, args: optionValues(i.data.options), actor });
    return {
      type: InteractionResponseType.ChannelMessageWithSource,
      // Mistakes, and moderators' work, are shown only to the person who made them.
      data: await message(served.answer, 'summary', 0, served.token, { ephemeral: served.private }),
    };
  }

  async function onComponent(
    i: Extract<APIInteraction, { type: InteractionType.MessageComponent }>,
  ): Promise<APIInteractionResponse> {
    const match = CUSTOM_ID.exec(i.data.custom_id);
    const locale: Locale = localeFromHint(match?.[2]) ?? 'en';
    const token = match?.[4] ?? '';
    const request = match ? await core.loadRequest(token) : undefined;
    if (!match || !request) return privateNotice(locale, 'errors.buttonExpired');
    const answer = await core.dispatch({ ...request, actor: actorOf(i, roleIds), locale });
    if (match[1] === 'pub') {
      return {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: await message(answer, 'summary', 0, token),
      };
    }
    const view = VIEW_BY_CODE.get(match[1] ?? 'm') ?? 'summary';
    return {
      type: InteractionResponseType.UpdateMessage,
      data: await message(answer, view, Number(match[3]), token),
    };
  }

  async function onAutocomplete(
    i: Extract<APIInteraction, { type: InteractionType.ApplicationCommandAutocomplete }>,
  ): Promise<APIInteractionResponse> {
    const focused = (i.data.options ?? []).find((o) => 'focused' in o && o.focused);
    const typed = focused && 'value' in focused ? String(focused.value) : '';
    const actor = actorOf(i, roleIds);
    const locale = localeFromHint(actor.localeHint) ?? (await core.resolveLocale(actor));
    const choices = core
      .autocomplete(i.data.name.toLowerCase(), focused?.name ?? '', typed, locale)
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
        return privateNotice(localeOf(i), 'errors.unsupportedInteraction');
    }
  }

  /** Whether the answer to this interaction will be private, known before it is computed. */
  function answersPrivately(i: APIInteraction): boolean {
    if (i.type !== InteractionType.ApplicationCommand) return false;
    if (i.data.type !== ApplicationCommandType.ChatInput) return true;
    return core.command(i.data.name)?.privateAnswer === true;
  }

  /**
   * Answers within Discord's 3-second window: the full response if it is ready in time, else a
   * deferral now (private when the answer will be) and an edit of the original response when the
   * answer is ready. Autocomplete is never deferred. Every response goes out without mentions.
   */
  async function handle(i: APIInteraction): Promise<APIInteractionResponse> {
    const work = respond(i)
      .catch((err: unknown) => {
        logger.error({ err, interaction_id: i.id }, 'discord interaction failed');
        return privateNotice(localeOf(i), 'errors.unexpected');
      })
      .then(safeResponse);
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
        // A button's late answer that is a private notice ("that answer has expired") goes out as an
        // ephemeral follow-up: edited in, it would replace the public message the button was under.
        if (
          i.type === InteractionType.MessageComponent &&
          response.type !== InteractionResponseType.UpdateMessage
        ) {
          await deps.rest.post(Routes.webhook(deps.applicationId, i.token), { body: data, auth: false });
          return;
        }
        await deps.rest.patch(Routes.webhookMessage(deps.applicationId, i.token, '@original'), {
          body: data,
          auth: false,
        });
      })
      .catch((err: unknown) =>
        logger.error({ err, interaction_id: i.id }, 'could not edit a deferred response'),
      );
    if (i.type === InteractionType.MessageComponent)
      return { type: InteractionResponseType.DeferredMessageUpdate };
    return {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: outgoingData(answersPrivately(i) ? { flags: MessageFlags.Ephemeral } : {}),
    };
  }

  return { handle };
}

export type InteractionHandler = ReturnType<typeof createInteractionHandler>;
