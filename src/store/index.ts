import path from 'node:path';
import Keyv from 'keyv';
import pino, { type Logger } from 'pino';
import { describeError, promised, StoreHealth } from './health.js';
import { memoryChangeLog, memoryEvents, memorySubscriptions } from './memory.js';
import {
  openSqliteFile,
  sqliteChangeLog,
  sqliteListRaw,
  sqliteEvents,
  sqliteKeyValue,
  sqliteSubscriptions,
} from './sqlite.js';
import { guardStore } from './guard.js';
import { memoryGapStore, redisGapStore, sqliteGapStore } from './gaps.js';
import type { Store, StoredValue } from './types.js';

export type * from './types.js';
export { StoreHealth, StoreOpenError, StoreUnavailableError, type StoreState } from './health.js';
export { createPreferences } from './preferences.js';

const NAMESPACE = 'factdesk';

/**
 * Keyv's stored texts as their values under their full keys (`prefix` + the rest); an expired or
 * unreadable one is left out, as keyv's `get` would miss it.
 */
async function unpacked(
  keyv: Keyv,
  prefix: string,
  raw: readonly [string, string][],
): Promise<StoredValue[]> {
  const deserialize = keyv.deserialize ?? ((text: string) => JSON.parse(text) as unknown);
  const now = Date.now();
  const out: StoredValue[] = [];
  for (const [key, text] of raw) {
    try {
      const data = (await deserialize(text)) as { value?: unknown; expires?: unknown } | undefined;
      if (data?.value === undefined || (typeof data.expires === 'number' && data.expires < now)) continue;
      out.push([`${prefix}${key}`, data.value]);
    } catch {
      // Not keyv's text: as if unset.
    }
  }
  return out;
}

export interface OpenStoreOptions {
  logger?: Logger;
  /** Longest a store call may take (default 1,000 ms); past it the answer goes on without the store. */
  timeoutMs?: number;
  /** How long the start waits for Redis before going on without it (default 2,000 ms). */
  connectWaitMs?: number;
  /** Prefix of every Redis key and channel (default `factdesk:`); tests use their own. */
  redisPrefix?: string;
}

/**
 * Opens the store: Redis for `redis://` / `rediss://`, SQLite for `sqlite://<file>`, `memory://` for
 * one process, and without a URL an embedded SQLite file under `dataDir`, so a fresh clone needs no server.
 *
 * Redis that cannot be reached at start is not fatal: the bot answers without it (logged once) and
 * picks it up when it appears. A SQLite file that cannot be written is fatal: it is configuration.
 * @throws StoreOpenError naming `DATA_DIR` or `STORE_URL` and the cause
 */
export async function openStore(
  url: string | undefined,
  dataDir: string,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const logger = options.logger ?? pino({ level: 'silent' });
  if (url?.startsWith('redis://') || url?.startsWith('rediss://')) return openRedis(url, logger, options);
  if (url === 'memory://') return memoryStore(new Keyv({ namespace: NAMESPACE, throwOnErrors: true }));
  const file = url?.startsWith('sqlite://')
    ? url.slice('sqlite://'.length)
    : path.join(dataDir, 'factdesk.sqlite');
  const db = openSqliteFile(file, url === undefined ? 'DATA_DIR' : 'STORE_URL');
  const kind = `sqlite:${file}`;
  const health = new StoreHealth({
    kind,
    setting: url === undefined ? 'DATA_DIR' : 'STORE_URL',
    logger,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    probe: () => promised(() => db.prepare('SELECT 1').get()),
  });
  const events = sqliteEvents(db);
  health.onChange((state) => state === 'up' && events.resync());
  const keyv = new Keyv({ store: sqliteKeyValue(db), namespace: NAMESPACE, throwOnErrors: true });
  const listRaw = sqliteListRaw(db);
  return guardStore({
    keyv,
    changes: sqliteChangeLog(db),
    subscriptions: sqliteSubscriptions(db),
    gaps: sqliteGapStore(db),
    events,
    // Keyv keeps each key as `<namespace>:<key>`.
    listValues: async (prefix) => unpacked(keyv, prefix, await listRaw(`${NAMESPACE}:${prefix}`)),
    health,
    kind,
    close: () =>
      promised(() => {
        events.stop();
        health.stop();
        db.close();
      }),
  });
}

/** A store living in this process only (the one-shot CLI, tests), over the given keyv. */
export function memoryStore(keyv: Keyv = new Keyv({ namespace: NAMESPACE, throwOnErrors: true })): Store {
  return {
    keyv,
    changes: memoryChangeLog(),
    subscriptions: memorySubscriptions(),
    gaps: memoryGapStore(),
    events: memoryEvents(),
    async listValues(prefix) {
      const out: StoredValue[] = [];
      for await (const [key, value] of keyv.iterator?.(keyv.namespace) ?? [])
        if (typeof key === 'string' && key.startsWith(prefix) && value !== undefined) out.push([key, value]);
      return out;
    },
    health: new StoreHealth({
      kind: 'memory',
      logger: pino({ level: 'silent' }),
      probe: () => Promise.resolve(),
    }),
    kind: 'memory',
    close: () => Promise.resolve(),
  };
}

async function openRedis(url: string, logger: Logger, options: OpenStoreOptions): Promise<Store> {
  // Loaded only here: a process on SQLite (the console, the CLI) never loads the Redis client.
  const [
    { default: KeyvRedis },
    { createRedisClient, redisChangeLog, redisEvents, redisKeys, redisListRaw, redisSubscriptions },
  ] = await Promise.all([import('@keyv/redis'), import('./redis.js')]);
  const client = createRedisClient(url);
  const health = new StoreHealth({
    kind: 'redis',
    setting: 'STORE_URL',
    logger,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    probe: () => client.ping(),
  });
  const keys = redisKeys(options.redisPrefix);
  const events = redisEvents(client, keys);
  health.onChange((state) => state === 'up' && events.resync());
  // node-redis reports each failed attempt; the health logs the outage once and the return once.
  client.on('error', (err: unknown) => health.markDown(err, 'connection'));
  client.on('ready', () => health.markUp());
  const adapter = new KeyvRedis(client, { throwOnConnectError: true, throwOnErrors: true });
  const namespace = options.redisPrefix?.replace(/:$/, '') ?? NAMESPACE;
  const keyv = new Keyv({
    store: adapter,
    namespace,
    useKeyPrefix: false,
    throwOnErrors: true,
  });
  // Keyv re-emits adapter errors; without a listener an EventEmitter 'error' would crash the process.
  keyv.on('error', () => undefined);
  const connected = client.connect();
  connected.catch(() => undefined);
  events.start();
  const timeout = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), options.connectWaitMs ?? 2000).unref(),
  );
  const first = await Promise.race([
    connected.then(
      () => 'ready' as const,
      (e: unknown) => e,
    ),
    timeout,
  ]);
  if (first !== 'ready')
    health.markDown(
      first === 'timeout' ? new Error('no connection within the wait') : first,
      'start (STORE_URL)',
    );
  return guardStore({
    keyv,
    changes: redisChangeLog(client, keys),
    subscriptions: redisSubscriptions(client, keys),
    gaps: redisGapStore(() => Promise.resolve(client as never), keys.gaps),
    events,
    // @keyv/redis keeps each key as `<namespace>::<key>`.
    listValues: async (prefix) =>
      unpacked(keyv, prefix, await redisListRaw(client, `${namespace}::${prefix}`)),
    health,
    kind: 'redis',
    close: () =>
      promised(() => {
        health.stop();
        for (const c of [client, events.subscriber]) {
          try {
            c.destroy();
          } catch (err) {
            logger.debug({ cause: describeError(err) }, 'redis connection already closed');
          }
        }
      }),
  });
}
