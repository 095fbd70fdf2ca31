import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { KeyValue, Preferences } from '../core/command.js';
import { LocaleSchema, type Locale } from '../knowledge/schema.js';
import { describeError, StoreUnavailableError } from './health.js';
import type { StoredValue, StoreEvents } from './types.js';

export interface PreferencesOptions {
  /** Other processes' changes arrive here (Redis pub/sub); absent for a store of one process. */
  events?: StoreEvents;
  /**
   * Every stored preference (`Store.listValues` of the preference prefix). With it, once listed, the
   * preferences are all held in memory and a user or chat without one costs no store call either.
   */
  list?: () => Promise<readonly StoredValue[]>;
  /** Most preferences kept in memory (default 100,000: about 10 MB); with more stored, each is read once. */
  max?: number;
  /** Wait before listing again after a listing failed (default 5,000 ms). */
  relistMs?: number;
  logger?: Logger;
}

const MessageSchema = LocaleSchema.nullable();

/** A preference as memory holds it: 'unset' is known to have none (LRUCache cannot hold undefined). */
type Known = Locale | 'unset';

/**
 * Language preferences that keep the store off the answer path.
 *
 * With a `list`, every stored preference is listed at start and held in memory (the index): a known
 * user or chat and one without a choice alike cost no store call. Before the listing is done, after
 * it failed, or with more than `max` stored, each preference is read once and remembered (a bounded
 * cache, "not set" included). Writes go through to the store and to memory. Another process's
 * `/lang` arrives by an announcement; when announcements may have been missed (the store was down,
 * the connection dropped) memory is dropped and the preferences are listed again, read from the store
 * meanwhile. While the store is down a preference not in memory reads as "not set". A corrupt or
 * foreign value reads as "not set".
 */
export function createPreferences(
  kv: KeyValue,
  options: PreferencesOptions = {},
): Preferences & {
  /** Settles when the latest listing has: true when every stored preference is now in memory. */
  listed(): Promise<boolean>;
} {
  const max = options.max ?? 100_000;
  // Bounded by `maxSize` (one a preference) rather than `max`, which would allocate room for all `max`
  // at once (about 3 MB for 100,000) in every process, most of which read from `index` and need none.
  const cache = new LRUCache<string, Known>({ maxSize: max, sizeCalculation: () => 1 });
  // Complete while `index` is set: every stored preference is in it, a key not in it has none.
  let index: Map<string, Locale> | undefined;
  // Changes seen while a listing runs, applied over its result (they are as new or newer).
  let changedDuringListing: Map<string, Known> | undefined;
  let listing = 0;
  let failing = false;
  let settled: Promise<unknown> = Promise.resolve();

  /** Records a change known to be stored (this process's write or another's announcement). */
  function remember(key: string, known: Known): void {
    cache.set(key, known);
    changedDuringListing?.set(key, known);
    if (!index) return;
    if (known === 'unset') index.delete(key);
    else index.set(key, known);
    // Too many to hold: fall back to reading each once.
    if (index.size > max) index = undefined;
  }

  function relist(): void {
    const { list } = options;
    if (!list) return;
    const run = ++listing;
    index = undefined;
    changedDuringListing = new Map();
    settled = list().then(
      (stored) => {
        if (run !== listing) return; // a newer listing started meanwhile
        const during = changedDuringListing ?? new Map<string, Known>();
        changedDuringListing = undefined;
        failing = false;
        if (stored.length > max) {
          options.logger?.info(
            { stored: stored.length, max },
            'more language preferences stored than held in memory; reading each once',
          );
          return;
        }
        const next = new Map<string, Locale>();
        for (const [key, value] of stored) {
          const parsed = LocaleSchema.safeParse(value);
          if (parsed.success) next.set(key, parsed.data);
        }
        for (const [key, known] of during) {
          if (known === 'unset') next.delete(key);
          else next.set(key, known);
        }
        index = next;
      },
      (err: unknown) => {
        if (run !== listing) return;
        changedDuringListing = undefined;
        // Said once per run of failures: while the store is down every retry fails alike.
        if (!failing)
          options.logger?.warn(
            { cause: describeError(err) },
            'could not list language preferences; reading each from the store until a listing succeeds',
          );
        failing = true;
        setTimeout(() => run === listing && relist(), options.relistMs ?? 5000).unref();
      },
    );
  }

  options.events?.subscribe('prefs', (text) => {
    try {
      const { key, locale } = JSON.parse(text) as { key: unknown; locale: unknown };
      const parsed = MessageSchema.safeParse(locale);
      if (typeof key === 'string' && parsed.success) remember(key, parsed.data ?? 'unset');
    } catch {
      // Not ours; ignore.
    }
  });
  options.events?.onResync(() => {
    cache.clear();
    relist();
  });
  relist();

  async function read(key: string): Promise<Locale | undefined> {
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
  }

  return {
    async listed() {
      let awaited;
      do await (awaited = settled);
      while (awaited !== settled);
      return index !== undefined;
    },
    getLocale(key) {
      if (index) return Promise.resolve(index.get(key));
      const known = cache.get(key);
      if (known !== undefined) return Promise.resolve(known === 'unset' ? undefined : known);
      return read(key);
    },
    async setLocale(key, locale: Locale) {
      await kv.set(key, locale);
      remember(key, locale);
      await options.events
        ?.publish('prefs', JSON.stringify({ key, locale }))
        .catch((err: unknown) =>
          options.logger?.warn({ cause: describeError(err) }, 'could not announce a language change'),
        );
    },
  };
}
