import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import type { ChangeLogStore, StoreChannel, StoreEvents, SubscriptionStore } from './types.js';
import { splitOrigin } from './sqlite.js';

/** The node-redis client @keyv/redis runs on; factdesk uses it directly for the atomic structures. */
export type RedisClient = ReturnType<typeof createClient>;

/** The keys and channels under a prefix (`factdesk:`; tests use their own so runs never meet). */
export function redisKeys(prefix = 'factdesk:') {
  return {
    seq: `${prefix}kb:seq`,
    change: `${prefix}kb:change:`,
    revision: (target: string) => `${prefix}kb:rev:${target}`,
    subscribers: `${prefix}subs:`,
    gaps: `${prefix}gaps:`,
    subjectsOf: (platform: string, chat: string) => `${prefix}subs-of:${platform}\t${chat}`,
    channel: (c: StoreChannel) => `${prefix}${c}`,
  };
}
type Keys = ReturnType<typeof redisKeys>;

/**
 * A client that fails fast while disconnected (no offline queue: a command either reaches Redis or
 * fails at once) and reconnects by itself, backing off to once every two seconds.
 */
export function createRedisClient(url: string): RedisClient {
  return createClient({
    url,
    disableOfflineQueue: true,
    pingInterval: 10_000,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000),
    },
  });
}

// Appends a change if the target's revision is unchanged: counter, change and revision in one step.
const APPEND = `
local rev = tonumber(redis.call('GET', KEYS[2]) or '0')
if rev ~= tonumber(ARGV[1]) then return 0 end
local seq = redis.call('INCR', KEYS[1])
redis.call('SET', ARGV[3] .. seq, ARGV[2])
redis.call('SET', KEYS[2], seq)
return seq`;

// Writes an older log if none exists yet: ARGV = change prefix, revision prefix, then target/body pairs.
const IMPORT = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then return 0 end
local seq = 0
for i = 3, #ARGV, 2 do
  seq = seq + 1
  redis.call('SET', ARGV[1] .. seq, ARGV[i + 1])
  redis.call('SET', ARGV[2] .. ARGV[i], seq)
end
redis.call('SET', KEYS[1], seq)
return 1`;

// Removes every subscription of a chat: its set of subjects says which per-subject hashes to touch.
const REMOVE_ALL = `
local n = 0
for _, s in ipairs(redis.call('SMEMBERS', KEYS[1])) do n = n + redis.call('HDEL', ARGV[2] .. s, ARGV[1]) end
redis.call('DEL', KEYS[1])
return n`;

/** The change log in Redis: a key per change, numbered by INCR, appended by a Lua script that checks the figure's revision. */
export function redisChangeLog(client: RedisClient, KEYS: Keys): ChangeLogStore {
  return {
    async since(after) {
      const last = Number((await client.get(KEYS.seq)) ?? 0);
      const out: { seq: number; body: string }[] = [];
      for (let from = after + 1; from <= last; from += 500) {
        const seqs = Array.from({ length: Math.min(500, last - from + 1) }, (_, i) => from + i);
        const bodies = await client.mGet(seqs.map((s) => `${KEYS.change}${s}`));
        seqs.forEach((seq, i) => {
          const body = bodies[i];
          if (typeof body === 'string') out.push({ seq, body });
        });
      }
      return out;
    },
    async append(target, expected, body) {
      const seq = Number(
        await client.eval(APPEND, {
          keys: [KEYS.seq, KEYS.revision(target)],
          arguments: [String(expected), body, KEYS.change],
        }),
      );
      return seq > 0 ? seq : undefined;
    },
    async importIfEmpty(changes) {
      const args = [KEYS.change, KEYS.revision(''), ...changes.flatMap((c) => [c.target, c.body])];
      return Number(await client.eval(IMPORT, { keys: [KEYS.seq], arguments: args })) === 1;
    },
  };
}

/** Subscriptions in Redis: a hash per subject (chat → language) and a set of subjects per chat. */
export function redisSubscriptions(client: RedisClient, KEYS: Keys): SubscriptionStore {
  const field = (platform: string, chat: string) => `${platform}\t${chat}`;
  return {
    async add(s) {
      const [added] = await client
        .multi()
        .hSet(`${KEYS.subscribers}${s.subject}`, field(s.platform, s.chat), s.locale)
        .sAdd(KEYS.subjectsOf(s.platform, s.chat), s.subject)
        .exec();
      return Number(added) === 1;
    },
    async remove(platform, chat, subject) {
      if (subject === '*')
        return Number(
          await client.eval(REMOVE_ALL, {
            keys: [KEYS.subjectsOf(platform, chat)],
            arguments: [field(platform, chat), KEYS.subscribers],
          }),
        );
      const [removed] = await client
        .multi()
        .hDel(`${KEYS.subscribers}${subject}`, field(platform, chat))
        .sRem(KEYS.subjectsOf(platform, chat), subject)
        .exec();
      return Number(removed);
    },
    async forSubjects(subjects) {
      const out = [];
      for (const subject of subjects) {
        const chats = await client.hGetAll(`${KEYS.subscribers}${subject}`);
        for (const [key, locale] of Object.entries(chats)) {
          const tab = key.indexOf('\t');
          out.push({ platform: key.slice(0, tab), chat: key.slice(tab + 1), subject, locale });
        }
      }
      return out;
    },
  };
}

/**
 * The string values whose key starts with `prefix`, the prefix cut off: SCAN with a pattern (never
 * KEYS, which blocks Redis) and one MGET per batch.
 */
export async function redisListRaw(client: RedisClient, prefix: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  // The prefix is literal: glob characters in it (a REDIS_PREFIX may hold any) are escaped.
  const MATCH = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  for await (const keys of client.scanIterator({ MATCH, COUNT: 1000 })) {
    if (keys.length === 0) continue;
    const values = await client.mGet(keys);
    keys.forEach((key, i) => {
      const value = values[i];
      if (typeof value === 'string') out.push([key.slice(prefix.length), value]);
    });
  }
  return out;
}

/**
 * Announcements by Redis pub/sub on a second connection (a subscribed connection can do nothing else).
 * Resyncs run when that connection comes back after a drop: messages sent meanwhile are lost.
 */
export function redisEvents(
  client: RedisClient,
  KEYS: Keys,
): StoreEvents & {
  subscriber: RedisClient;
  start(): void;
  resync(): void;
} {
  const origin = randomUUID();
  const resyncs: (() => void)[] = [];
  const resync = () => resyncs.forEach((f) => f());
  const subscriber = client.duplicate();
  const handlers = new Map<string, ((message: string) => void)[]>();
  let connectedBefore = false;
  subscriber.on('error', () => undefined); // reconnects by itself; the main connection reports outages
  subscriber.on('ready', () => {
    if (connectedBefore) resync();
    connectedBefore = true;
  });
  const listener = (text: string, channel: string) => {
    const [from, message] = splitOrigin(text);
    if (from === origin) return;
    for (const h of handlers.get(channel) ?? []) h(message);
  };
  return {
    subscriber,
    start() {
      // connect() settles on the first successful connection, however long Redis takes to appear;
      // node-redis then subscribes again by itself after every reconnection.
      subscriber
        .connect()
        .then(() => subscriber.subscribe([KEYS.channel('kb'), KEYS.channel('prefs')], listener))
        .catch(() => undefined);
    },
    async publish(channel, message) {
      await client.publish(KEYS.channel(channel), `${origin} ${message}`);
    },
    subscribe(channel, handler) {
      const key = KEYS.channel(channel);
      handlers.set(key, [...(handlers.get(key) ?? []), handler]);
    },
    onResync: (handler) => resyncs.push(handler),
    resync,
  };
}
