import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';

/** What grammY's API client passes to `fetch` and reads back: it only ever calls `json()`. */
interface BotApiInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: { aborted: boolean; addEventListener: (type: 'abort', listener: () => void) => void } | null;
}

/**
 * A `fetch` for grammY's API client over undici's `request` (the HTTP client Node's own fetch and
 * discord.js use), on one keep-alive pool per process. grammY's default, node-fetch over `node:http`,
 * spends about twice the CPU per Bot API call; every answer sent through `sendMessage` pays it.
 * Errors are undici's own and reach grammY, which wraps them in an `HttpError` as before.
 */
export function createBotApiFetch(): (
  url: string,
  init?: BotApiInit,
) => Promise<{ json(): Promise<unknown> }> {
  const dispatcher = new Agent();
  return async (url, init = {}) => {
    const res = await request(url, {
      dispatcher,
      method: (init.method ?? 'GET') as 'GET',
      ...(init.headers !== undefined && { headers: init.headers }),
      ...(init.body !== undefined && { body: init.body }),
      ...(init.signal && { signal: init.signal }),
    });
    return { json: () => res.body.json() };
  };
}
