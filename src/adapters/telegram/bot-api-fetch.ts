import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';

/** What grammY's API client passes to `fetch` and reads back: it only ever calls `json()`. */
interface BotApiInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: { aborted: boolean; addEventListener: (type: 'abort', listener: () => void) => void } | null;
}

/** A fetch as grammY's API client calls it. */
export type BotApiFetch = (url: string, init?: BotApiInit) => Promise<{ json(): Promise<unknown> }>;

/**
 * The Bot API answered, but its answer broke off or was not JSON: the call may have taken effect, so
 * it is not to be sent again at once as if the connection had been stale.
 */
export class BotApiAnswerError extends Error {
  override readonly name = 'BotApiAnswerError';
  readonly code = 'BOT_API_ANSWER_UNREADABLE';
  constructor(cause: unknown) {
    super('the Bot API answer could not be read', { cause });
  }
}

// Idle connections are kept for a minute, as node:http's keep-alive agent kept them until the server
// closed them: undici's default (4 s, unless the server says otherwise) would make a quiet bot open a
// new TLS connection to Telegram for nearly every answer.
const KEEP_IDLE_MS = 60_000;

/**
 * A `fetch` for grammY's API client over undici's `request` (the HTTP client Node's own fetch and
 * discord.js use), on one keep-alive pool per bot. grammY's default, node-fetch over `node:http`,
 * spends about a third more CPU per Bot API call, and every answer sent through `sendMessage` pays it.
 * Connection errors are undici's own and reach grammY, which wraps them in an `HttpError` as before.
 * @param apiRoot the Bot API root; a login in it (`https://user:pass@host`) is sent as Basic auth
 */
export function createBotApiFetch(apiRoot?: string): BotApiFetch {
  const dispatcher = new Agent({ keepAliveTimeout: KEEP_IDLE_MS, keepAliveMaxTimeout: 10 * KEEP_IDLE_MS });
  const root = apiRoot === undefined ? undefined : new URL(apiRoot);
  const login =
    root && (root.username || root.password)
      ? `Basic ${Buffer.from(`${decodeURIComponent(root.username)}:${decodeURIComponent(root.password)}`).toString('base64')}`
      : undefined;
  return async (url, init = {}) => {
    const headers = login ? { ...init.headers, authorization: login } : init.headers;
    const res = await request(url, {
      dispatcher,
      method: (init.method ?? 'GET') as 'GET',
      ...(headers !== undefined && { headers }),
      ...(init.body !== undefined && { body: init.body }),
      ...(init.signal && { signal: init.signal }),
    });
    return {
      json: () =>
        res.body.json().catch((err: unknown) => {
          throw new BotApiAnswerError(err);
        }),
    };
  };
}
