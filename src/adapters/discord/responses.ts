import {
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  type APIButtonComponent,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
} from 'discord.js';
import type { Answer, Choice } from '../../core/answer.js';
import type { Core, SavedRequest } from '../../core/core.js';
import { t, type Locale, type MessageKey } from '../../core/i18n/index.js';
import { parseCommandLine } from '../../core/input.js';
import { clip, wellFormedDeep } from '../text.js';
import { answerButtons, customId, renderDiscord, type DiscordView } from './render.js';

/** Nothing a user typed (or a quote) may ping anyone: https://discord.com/developers/docs/resources/message#allowed-mentions-object */
export const NO_MENTIONS = { parse: [] as never[] };

// Message data `outgoingData` made, which is never changed afterwards: a cached answer's message is
// sent as it is, not walked and copied again for every interaction.
const made = new WeakSet<object>();

/**
 * The last step before any response or message body leaves: message data always carries
 * `allowed_mentions: { parse: [] }`, and every string is well-formed (Discord rejects lone surrogates).
 */
export function outgoingData<T extends object>(data: T): T & { allowed_mentions: typeof NO_MENTIONS } {
  const out = wellFormedDeep({ ...data, allowed_mentions: NO_MENTIONS });
  made.add(out);
  return out;
}

/** An interaction response made safe to send, whatever built it (see `outgoingData`). */
export function safeResponse(response: APIInteractionResponse): APIInteractionResponse {
  switch (response.type) {
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.UpdateMessage:
      if (response.data && made.has(response.data)) return response;
      return { ...response, data: outgoingData(response.data ?? {}) };
    default:
      return wellFormedDeep(response);
  }
}

// The JSON of message data `outgoingData` made: a cached answer's message is serialized once.
const serialized = new WeakMap<object, string>();

/** A response as the JSON body of the interaction's HTTP answer. */
export function responseJson(response: APIInteractionResponse): string {
  const data = 'data' in response ? response.data : undefined;
  if (data === undefined || !made.has(data) || Object.keys(response).length !== 2)
    return JSON.stringify(response);
  let json = serialized.get(data);
  if (json === undefined) serialized.set(data, (json = JSON.stringify(data)));
  return `{"type":${response.type},"data":${json}}`;
}

/** A short private message, e.g. for interaction types factdesk does not handle. */
export function privateNotice(locale: Locale, key: MessageKey): APIInteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: outgoingData({ content: t(locale, key), flags: MessageFlags.Ephemeral }),
  };
}

/**
 * Builds answer messages: embeds, view and page buttons, "post publicly", and buttons for the
 * choices of a not-found or ambiguous answer.
 */
export function createMessages(core: Core) {
  /** A command line such as `/cost r1` as a request the core can run again from a button. */
  function requestFromLine(line: string): SavedRequest | undefined {
    const parsed = parseCommandLine(line);
    if (!parsed) return undefined;
    const option = core.command(parsed.name)?.options[0];
    return { command: parsed.name, args: option && parsed.rest ? { [option.name]: parsed.rest } : {} };
  }

  // The core hands out the same Answer object for the same question on the same knowledge snapshot:
  // its message is built (and its knowledge text escaped) once, and dropped with the answer.
  const built = new WeakMap<Answer, Map<string, APIInteractionResponseCallbackData>>();

  async function build(
    answer: Answer,
    view: DiscordView,
    page: number,
    token: string | undefined,
    options: { ephemeral?: boolean; publishButton?: boolean },
    choices: readonly Choice[],
  ): Promise<APIInteractionResponseCallbackData> {
    const rendered = renderDiscord(answer, view, page);
    const extra: APIButtonComponent[] = [];
    if (options.publishButton && token !== undefined) {
      extra.push({
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: t(answer.locale, 'buttons.postPublicly'),
        custom_id: customId('pub', answer.locale, 0, token),
      });
    }
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
    return outgoingData({
      embeds: rendered.embeds,
      components: answerButtons(answer, view, rendered, token, extra),
      ...(options.ephemeral === true && { flags: MessageFlags.Ephemeral }),
    });
  }

  return async function message(
    answer: Answer,
    view: DiscordView,
    page: number,
    token: string | undefined,
    options: { ephemeral?: boolean; publishButton?: boolean } = {},
  ): Promise<APIInteractionResponseCallbackData> {
    const choices =
      answer.kind === 'not_found' || answer.kind === 'ambiguous' || answer.kind === 'error'
        ? (answer.choices ?? [])
        : [];
    // Choice buttons save their requests as they are built; those messages are built every time.
    if (choices.length > 0) return build(answer, view, page, token, options, choices);
    let messages = built.get(answer);
    if (!messages) built.set(answer, (messages = new Map<string, APIInteractionResponseCallbackData>()));
    const key = `${view}:${page}:${token ?? ''}:${options.ephemeral === true}:${options.publishButton === true}`;
    let data = messages.get(key);
    if (!data) messages.set(key, (data = await build(answer, view, page, token, options, choices)));
    return data;
  };
}
