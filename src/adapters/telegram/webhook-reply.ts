import type { Context } from 'grammy';
import type { Update } from 'grammy/types';
import { wellFormed, wellFormedDeep } from '../text.js';

/** One `sendMessage` as the webhook response carries it; `textJson` is `text` already encoded, if known. */
export interface ReplyMessage {
  chatId: number;
  text: string;
  /** `text` made well-formed and encoded as a JSON string, once per rendered answer. */
  textJson?: string;
  options: Readonly<Record<string, unknown>>;
}

/**
 * Sends a message as the answer to the webhook request of its update, in the HTTP response. Returns
 * false when that response can no longer carry it (already answered, or sent empty after the
 * update's time ran out); the caller then sends it through the Bot API.
 */
export type WebhookReply = (message: ReplyMessage) => boolean;

// grammY's JSON leaves out null and undefined fields; the webhook response is encoded the same way.
const dropEmpty = (_key: string, value: unknown): unknown => value ?? undefined;
// Parts shared by many messages (an answer's keyboard, the link-preview option), encoded once.
const encodedParts = new WeakMap<object, string>();

/**
 * Encodes `part` once and reuses the JSON whenever the same object is sent again. Only for objects
 * that are never changed after they are built (cached keyboards, constant options).
 */
export function encodeOnce<T extends object>(part: T): T {
  if (!encodedParts.has(part)) encodedParts.set(part, JSON.stringify(wellFormedDeep(part), dropEmpty));
  return part;
}

/** A string as JSON, made well-formed first (Telegram refuses lone surrogates). */
export const encodeText = (text: string): string => JSON.stringify(wellFormed(text));

/**
 * The webhook response that makes Telegram send `m`: the very bytes grammY would write for
 * `sendMessage(chatId, text, options)` (fields in that order, then `method`), with every string
 * well-formed, built from parts encoded once where they are shared.
 */
export function sendMessageBody(m: ReplyMessage): string {
  let body = `{"chat_id":${JSON.stringify(m.chatId)},"text":${m.textJson ?? encodeText(m.text)}`;
  for (const key in m.options) {
    const value = m.options[key];
    if (value === undefined || value === null) continue;
    const json =
      (typeof value === 'object' ? encodedParts.get(value) : undefined) ??
      JSON.stringify(wellFormedDeep(value), dropEmpty);
    body += `,${JSON.stringify(key)}:${json}`;
  }
  return `${body},"method":"sendMessage"}`;
}

// Open webhook responses by update; each is removed when its request is done, so this stays small.
const replies = new Map<Update, WebhookReply>();

/**
 * Lets the handlers of `update` answer it in the webhook response (at most once) until `close`,
 * which the caller must call when the request is done.
 * @param write writes the response body; called at most once
 */
export function openWebhookReply(update: Update, write: (body: string) => void): { close(): void } {
  let open = true;
  replies.set(update, (m) => {
    if (!open) return false;
    open = false;
    write(sendMessageBody(m));
    return true;
  });
  return {
    close: () => {
      open = false;
      replies.delete(update);
    },
  };
}

/** The webhook response of the update `ctx` handles, when it may still carry an answer. */
export function webhookReplyOf(ctx: Context): WebhookReply | undefined {
  return replies.get(ctx.update);
}
