import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { KeyValue } from '../core/command.js';
import { describeError, StoreUnavailableError } from './health.js';

// Buttons under old answers keep working for a month; after that they say the answer expired.
const STORED_FOR_MS = 30 * 24 * 3600 * 1000;
// Rewrite at most daily, which keeps the stored copy far from its expiry.
const REWRITE_AFTER_MS = 24 * 3600 * 1000;

export interface SavedRequestsOptions<T> {
  /** Accepts what the store holds as a request, or undefined. */
  parse: (value: unknown) => T | undefined;
  /** Requests kept in memory (default 10,000). */
  max?: number;
  logger?: Logger;
}

/** Requests behind buttons, keyed by a short hash of their content. */
export interface SavedRequests<T> {
  /** The token of a request, at once; the store is written behind, never on the answer's path. */
  save(request: T): string;
  /** The request behind a token: from memory, else from the store; undefined if unknown, expired or the store is down. */
  load(token: string): Promise<T | undefined>;
  /** Writes what could not be written while the store was down. */
  flush(): Promise<void>;
}

/**
 * Button requests: the token is derived from the request (a popular question is written once, not
 * per answer), served from a bounded in-process map, and written to the store behind the answer so a
 * slow or absent store never delays or loses one. Writes that fail wait for `flush` (store back).
 */
export function createSavedRequests<T>(kv: KeyValue, o: SavedRequestsOptions<T>): SavedRequests<T> {
  const known = new LRUCache<string, { request: T; storedUntil: number }>({ max: o.max ?? 10_000 });
  const pending = new Set<string>();
  let flushing = false;

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      for (const token of [...pending]) {
        pending.delete(token);
        const entry = known.peek(token);
        if (!entry) continue; // evicted: a button of a long-gone answer
        try {
          await kv.set(`request:${token}`, entry.request, STORED_FOR_MS);
          entry.storedUntil = Date.now() + REWRITE_AFTER_MS;
        } catch (err) {
          pending.add(token);
          if (err instanceof StoreUnavailableError) return; // retried when the store is back
          o.logger?.warn({ cause: describeError(err) }, 'could not store a button request');
          return;
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    save(request) {
      const token = hash('sha256', JSON.stringify(request), 'base64url').slice(0, 16);
      const entry = known.get(token);
      if (entry && entry.storedUntil > Date.now()) return token;
      if (!entry) known.set(token, { request, storedUntil: 0 });
      pending.add(token);
      setImmediate(() => void flush());
      return token;
    },
    async load(token) {
      if (!/^[\w-]{1,32}$/.test(token)) return undefined;
      const entry = known.get(token);
      if (entry) return entry.request;
      try {
        const request = o.parse(await kv.get(`request:${token}`));
        if (request !== undefined) known.set(token, { request, storedUntil: Date.now() + REWRITE_AFTER_MS });
        return request;
      } catch (err) {
        if (err instanceof StoreUnavailableError) return undefined;
        throw err;
      }
    },
    flush,
  };
}
