import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import KeyvRedis from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { LocaleSchema, type Locale } from '../knowledge/schema.js';
import type { Preferences } from '../core/command.js';

/** A key-value store plus the means to close it on shutdown. */
export interface Store {
  keyv: Keyv;
  /** What backs it, for logs: `sqlite:<file>`, `redis` or `memory` (never the URL, which may hold a password). */
  kind: string;
  close(): Promise<void>;
}

const NAMESPACE = 'factdesk';

/**
 * Opens the store: Redis for `redis://` / `rediss://`, SQLite for `sqlite://<file>`, and without a URL
 * an embedded SQLite file under `dataDir`, so a fresh clone needs no server.
 */
export async function openStore(url: string | undefined, dataDir: string): Promise<Store> {
  if (url?.startsWith('redis://') || url?.startsWith('rediss://')) {
    const adapter = new KeyvRedis(url, { throwOnConnectError: true });
    const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, useKeyPrefix: false });
    return { keyv, kind: 'redis', close: () => keyv.disconnect() };
  }
  if (url === 'memory://') {
    const keyv = new Keyv({ namespace: NAMESPACE });
    return { keyv, kind: 'memory', close: async () => {} };
  }
  const file = url?.startsWith('sqlite://')
    ? url.slice('sqlite://'.length)
    : path.join(dataDir, 'factdesk.sqlite');
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const keyv = new Keyv({
    store: new KeyvSqlite({ uri: `sqlite://${file}`, table: 'factdesk' }),
    namespace: NAMESPACE,
  });
  return { keyv, kind: `sqlite:${file}`, close: () => keyv.disconnect() };
}

/** Language preferences kept in the store; a corrupt or foreign value reads as "not set". */
export function createPreferences(keyv: Keyv): Preferences {
  return {
    async getLocale(key) {
      const parsed = LocaleSchema.safeParse(await keyv.get(key));
      return parsed.success ? parsed.data : undefined;
    },
    async setLocale(key, locale: Locale) {
      await keyv.set(key, locale);
    },
  };
}
