import type { KeyValue } from '../core/command.js';
import type { StoreHealth } from './health.js';
import type { GapStore } from './gaps.js';
import type { ChangeLogStore, Store, StoreEvents, SubscriptionStore } from './types.js';

/** Every method of `target` through `health.call`: a timeout each, fail-fast while the store is down. */
function guarded<T extends object>(target: T, health: StoreHealth, names: readonly (keyof T & string)[]): T {
  const out = { ...target };
  for (const name of names) {
    const fn = target[name] as (...args: unknown[]) => Promise<unknown>;
    (out as Record<string, unknown>)[name] = (...args: unknown[]) =>
      health.call(name, () => fn.apply(target, args));
  }
  return out;
}

/** The store as the rest of factdesk uses it: each call bounded by the timeout and failing fast while the store is down. */
export function guardStore(store: Store): Store {
  const { health } = store;
  return {
    ...store,
    changes: guarded<ChangeLogStore>(store.changes, health, ['since', 'append', 'importIfEmpty']),
    subscriptions: guarded<SubscriptionStore>(store.subscriptions, health, ['add', 'remove', 'forSubjects']),
    gaps: guarded<GapStore>(store.gaps, health, ['increment', 'sums']),
    events: guarded<StoreEvents>(store.events, health, ['publish']),
  };
}

/**
 * Keyv's simple values with the same guard; a write keyv reports as not done is an error, never "saved".
 * @throws StoreUnavailableError when the store is down, failing or too slow
 */
export function keyValueOf(store: Pick<Store, 'keyv' | 'health'>): KeyValue {
  const { keyv, health } = store;
  return {
    get: (key) => health.call('get', () => keyv.get(key)),
    set: (key, value, ttlMs) =>
      health.call('set', async () => {
        if (!(await keyv.set(key, value, ttlMs))) throw new Error('the store did not save the value');
        return true;
      }),
  };
}
