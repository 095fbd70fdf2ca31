import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { KeyValue, Preferences } from '../core/command.js';
import { LocaleSchema, type Locale } from '../knowledge/schema.js';
import { describeError, StoreUnavailableError } from './health.js';
import type { StoreEvents } from './types.js';

export interface PreferencesOptions {
  /** Other processes' changes arrive here (Redis pub/sub); absent for a store of one process. */
  events?: StoreEvents;
  /** Most preferences kept in memory (default 100,000: a few MB). */
  max?: number;
  logger?: Logger;
}

const MessageSchema = LocaleSchema.nullable();

/**
 * Language preferences read through a bounded in-process cache with write-through: a known user or
 * chat costs no store call, an unknown one costs one read (remembered, "not set" included).
 * Another process's `/lang` arrives by an announcement; after an outage the cache is dropped, since
 * announcements may have been missed. While the store is down a preference reads as "not set".
 * A corrupt or foreign value reads as "not set".
 */
export function createPreferences(kv: KeyValue, options: PreferencesOptions = {}): Preferences {
  // 'unset': known to have no preference (LRUCache cannot hold undefined).
  const cache = new LRUCache<string, Locale | 'unset'>({ max: options.max ?? 100_000 });
  options.events?.subscribe('prefs', (text) => {
    try {
      const { key, locale } = JSON.parse(text) as { key: unknown; locale: unknown };
      const parsed = MessageSchema.safeParse(locale);
      if (typeof key === 'string' && parsed.success) cache.set(key, parsed.data ?? 'unset');
    } catch {
      // Not ours; ignore.
    }
  });
  options.events?.onResync(() => cache.clear());

  return {
    async getLocale(key) {
      const known = cache.get(key);
      if (known !== undefined) return known === 'unset' ? undefined : known;
      try {
        const stored = await kv.get(key);
        // Most first reads find nothing: no schema check is needed to know that means "not set".
        const parsed = stored === undefined ? undefined : LocaleSchema.safeParse(stored);
        const locale = parsed?.success ? parsed.data : undefined;
        cache.set(key, locale ?? 'unset');
        return locale;
      } catch (err) {
        // The answer goes on in the default language; the store's health has logged the outage.
        if (err instanceof StoreUnavailableError) return undefined;
        throw err;
      }
    },
    async setLocale(key, locale: Locale) {
      await kv.set(key, locale);
      cache.set(key, locale);
      await options.events
        ?.publish('prefs', JSON.stringify({ key, locale }))
        .catch((err: unknown) =>
          options.logger?.warn({ cause: describeError(err) }, 'could not announce a language change'),
        );
    },
  };
}
