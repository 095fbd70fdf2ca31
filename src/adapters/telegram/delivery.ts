import { GrammyError, HttpError, type Api } from 'grammy';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { WebhookReply } from './webhook-reply.js';

/** One message of an answer, ready to send. */
export interface Outgoing {
  chatId: number;
  text: string;
  /** `text` already encoded for a webhook response (once per rendered answer), if known. */
  textJson?: string;
  options: NonNullable<Parameters<Api['sendMessage']>[2]>;
}

interface Delivery {
  messages: readonly Outgoing[];
  /** How many of `messages` Telegram has accepted. */
  sent: number;
  busy: boolean;
}

/** What is kept of an update whose messages were all accepted: nothing is left to send. */
const DELIVERED: Delivery = Object.freeze({ messages: [], sent: 0, busy: false });

/** Longest retry_after worth waiting for once; beyond it the rest of the answer is dropped with a log line. */
const MAX_RETRY_WAIT_S = 60;
// Not 5 s: that is Node's (and many servers') keep-alive timeout, so a retry then races the server
// closing the idle connection and fails with "socket hang up".
const RETRY_AFTER_MS = 3000;

/**
 * A connection the server had already closed while it sat idle in the pool ("socket hang up"): the call
 * never reached Telegram, so sending again at once, on a new connection, is safe.
 */
function staleConnection(err: unknown): boolean {
  if (!(err instanceof HttpError)) return false;
  const cause = err.error;
  // undici reports a socket the server closed before answering as UND_ERR_SOCKET ("other side closed"),
  // node:http as ECONNRESET; an answer cut off after it began is a BotApiAnswerError, never retried at once.
  return (
    typeof cause === 'object' &&
    cause !== null &&
    'code' in cause &&
    (cause.code === 'UND_ERR_SOCKET' || cause.code === 'ECONNRESET')
  );
}

/** How long to wait before one more try, or undefined when trying again cannot help (a 400). */
function retryDelayMs(err: unknown): number | undefined {
  if (err instanceof HttpError) return RETRY_AFTER_MS;
  if (err instanceof GrammyError) {
    if (err.error_code === 429) {
      const seconds = err.parameters.retry_after ?? RETRY_AFTER_MS / 1000;
      return seconds <= MAX_RETRY_WAIT_S ? seconds * 1000 : undefined;
    }
    if (err.error_code >= 500) return RETRY_AFTER_MS;
  }
  return undefined;
}

/**
 * Sends multi-message answers and remembers, per update, how many messages Telegram accepted. A
 * transient failure is retried once, for the missing messages only; an update delivered again
 * (Telegram retries a webhook) sends only what is missing and never re-runs its command.
 */
export function createDeliveries(deps: { api: Api; logger: Logger }) {
  const { logger } = deps;
  const deliveries = new LRUCache<number, Delivery>({ max: 5000, ttl: 3_600_000 });

  /**
   * `first` sends message 0 (the update's own api); `reply`, when given, answers with it inside the
   * webhook response instead, if that response is still open.
   */
  async function sendRest(d: Delivery, first: Api, reply?: WebhookReply): Promise<void> {
    for (; d.sent < d.messages.length; d.sent++) {
      const m = d.messages[d.sent];
      if (!m || (d.sent === 0 && reply?.(m) === true)) continue;
      await (d.sent === 0 ? first : deps.api).sendMessage(m.chatId, m.text, m.options);
    }
  }

  async function attempt(updateId: number, d: Delivery, first: Api, reply?: WebhookReply): Promise<void> {
    if (d.busy) return;
    d.busy = true;
    try {
      await sendRest(d, first, reply);
      // All sent: remember only that, so the messages do not outlive the update in memory.
      deliveries.set(updateId, DELIVERED);
    } catch (err) {
      const delay = retryDelayMs(err);
      if (delay === undefined) throw err;
      const progress = { update_id: updateId, sent: d.sent, of: d.messages.length };
      logger.warn(
        { err, ...progress, retry_in_ms: delay },
        'telegram answer not fully sent; retrying the rest once',
      );
      setTimeout(() => {
        if (d.busy) return;
        d.busy = true;
        sendRest(d, deps.api)
          .catch((e: unknown) => {
            if (!staleConnection(e)) throw e;
            return sendRest(d, deps.api);
          })
          .then(
            () =>
              logger.info(
                { update_id: updateId, of: d.messages.length },
                'telegram answer completed on retry',
              ),
            (e: unknown) =>
              logger.error(
                { err: e, update_id: updateId, sent: d.sent, of: d.messages.length },
                'telegram answer dropped after a retry',
              ),
          )
          .finally(() => (d.busy = false));
      }, delay).unref();
    } finally {
      d.busy = false;
    }
  }

  return {
    /**
     * Sends an update's answer from the first message on, remembering progress; the first in the
     * webhook response when `reply` is given and can still carry it.
     */
    async deliver(
      updateId: number,
      messages: readonly Outgoing[],
      api: Api,
      reply?: WebhookReply,
    ): Promise<void> {
      // The usual answer, one message in the webhook response: nothing is left to send or resume.
      const [only] = messages;
      if (messages.length === 1 && only && reply?.(only) === true) {
        deliveries.set(updateId, DELIVERED);
        return;
      }
      const d: Delivery = { messages, sent: 0, busy: false };
      deliveries.set(updateId, d);
      await attempt(updateId, d, api, reply);
    },
    /** For an update seen before: sends what is still missing (if anything) and returns true. */
    async resume(updateId: number, api: Api, reply?: WebhookReply): Promise<boolean> {
      const d = deliveries.get(updateId);
      if (!d) return false;
      if (d.sent < d.messages.length) await attempt(updateId, d, api, reply);
      return true;
    },
  };
}

export type Deliveries = ReturnType<typeof createDeliveries>;
