import KeyvRedis from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import type Keyv from 'keyv';
import type { Logger } from 'pino';
import { cleanText } from '../knowledge/text.js';
import type { Answer } from './answer.js';

/** How long an unanswered question is counted. */
export const GAP_DAYS = 90;
// A flood of distinct nonsense must not grow the store without bound.
const MAX_TEXTS_PER_DAY = 10_000;
const MAX_TEXT_LENGTH = 200;

/** One unanswered question and how often it was asked in the last 90 days. */
export interface Gap {
  text: string;
  count: number;
}

/**
 * Counts what users asked that the knowledge could not answer, by normalised text only (no user or chat
 * ids), per day, kept for 90 days. Every increment is a single atomic store operation.
 */
export interface GapCounter {
  /** Counts the answer if it is a miss; returns at once and never throws (the write is fire and forget). */
  recordAnswer(answer: Answer): void;
  /** The most asked misses of the last 90 days, most first. */
  top(limit: number): Promise<Gap[]>;
}

/** The normalised text an answer counts under, or undefined when it is not a miss. */
export function gapText(answer: Answer): string | undefined {
  let text: string;
  if (answer.kind === 'not_found') text = answer.query;
  else if (answer.kind === 'check' && answer.verdict === 'not_in_knowledge') text = answer.statement;
  else return undefined;
  const normal = cleanText(text)
    .toLowerCase()
    .replace(/[\s.!?]+$/, '')
    .slice(0, MAX_TEXT_LENGTH);
  return normal ? `/${answer.command} ${normal}` : undefined;
}

/** The day an increment lands in, as `YYYY-MM-DD` (UTC). */
function day(now: number, daysAgo = 0): string {
  return new Date(now - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** The atomic operations a backend provides. */
interface GapBackend {
  increment(day: string, text: string): Promise<void>;
  /** Sums of the given days. */
  sums(days: readonly string[], limit: number): Promise<Gap[]>;
}

/** The slice of node-redis the counter uses. */
interface RedisLike {
  multi(): RedisMulti;
  zUnionWithScores(keys: string[]): Promise<{ value: unknown; score: unknown }[]>;
}
interface RedisMulti {
  zIncrBy(key: string, increment: number, member: string): RedisMulti;
  expire(key: string, seconds: number): RedisMulti;
  zRemRangeByRank(key: string, start: number, stop: number): RedisMulti;
  exec(): Promise<unknown>;
}

/** Redis: one sorted set per day; ZINCRBY, EXPIRE and the size cap in one MULTI. */
export function redisGapBackend(client: () => Promise<RedisLike>, prefix = 'factdesk:gaps:'): GapBackend {
  return {
    async increment(d, text) {
      const key = `${prefix}${d}`;
      await (
        await client()
      )
        .multi()
        .zIncrBy(key, 1, text)
        .expire(key, (GAP_DAYS + 1) * 86_400)
        .zRemRangeByRank(key, 0, -MAX_TEXTS_PER_DAY - 1)
        .exec();
    },
    async sums(days, limit) {
      const rows = await (await client()).zUnionWithScores(days.map((d) => `${prefix}${d}`));
      return rows
        .map((r) => ({ text: String(r.value), count: Number(r.score) }))
        .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
        .slice(0, limit);
    },
  };
}

/** The query function of the SQLite store (`@keyv/sqlite`'s `query`). */
export type SqlQuery = (sql: string, ...params: unknown[]) => Promise<unknown>;

/** SQLite: a table of (day, text, count); each increment is one UPSERT statement, atomic in SQLite. */
export function sqliteGapBackend(query: SqlQuery): GapBackend {
  const ready = query(
    'CREATE TABLE IF NOT EXISTS factdesk_gaps (day TEXT NOT NULL, text TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, text))',
  );
  // Awaited by every call below; marked handled here so a store that fails early cannot crash the process.
  ready.catch(() => undefined);
  let prunedOn = '';
  return {
    async increment(d, text) {
      await ready;
      await query(
        'INSERT INTO factdesk_gaps (day, text, count) VALUES (?, ?, 1) ON CONFLICT (day, text) DO UPDATE SET count = count + 1',
        d,
        text,
      );
      if (prunedOn !== d) {
        prunedOn = d;
        await query('DELETE FROM factdesk_gaps WHERE day < ?', day(Date.parse(d), GAP_DAYS - 1));
      }
    },
    async sums(days, limit) {
      await ready;
      const rows = (await query(
        'SELECT text, SUM(count) AS count FROM factdesk_gaps WHERE day >= ? AND day <= ? GROUP BY text ORDER BY count DESC, text LIMIT ?',
        days[days.length - 1],
        days[0],
        limit,
      )) as { text: string; count: number | string }[];
      return rows.map((r) => ({ text: r.text, count: Number(r.count) }));
    },
  };
}

/** One process's memory (the `memory://` store): increments are synchronous, so they cannot interleave. */
export function memoryGapBackend(): GapBackend {
  const days = new Map<string, Map<string, number>>();
  return {
    increment(d, text) {
      let counts = days.get(d);
      if (!counts) {
        counts = new Map();
        days.set(d, counts);
        for (const old of days.keys()) if (old < day(Date.parse(d), GAP_DAYS - 1)) days.delete(old);
      }
      if (counts.size < MAX_TEXTS_PER_DAY || counts.has(text)) counts.set(text, (counts.get(text) ?? 0) + 1);
      return Promise.resolve();
    },
    sums(wanted, limit) {
      const total = new Map<string, number>();
      for (const d of wanted)
        for (const [text, n] of days.get(d) ?? []) total.set(text, (total.get(text) ?? 0) + n);
      return Promise.resolve(
        [...total]
          .map(([text, count]) => ({ text, count }))
          .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
          .slice(0, limit),
      );
    },
  };
}

/** A counter over a backend; `now` is injectable so tests can age entries. */
export function createGapCounter(
  backend: GapBackend,
  logger: Logger,
  now: () => number = Date.now,
): GapCounter {
  return {
    recordAnswer(answer) {
      const text = gapText(answer);
      if (text === undefined) return;
      // Never awaited: counting must not delay or fail an answer.
      backend.increment(day(now()), text).catch((err: unknown) => {
        logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'could not count a knowledge gap',
        );
      });
    },
    top(limit) {
      const t = now();
      return backend.sums(
        Array.from({ length: GAP_DAYS }, (_, i) => day(t, i)),
        limit,
      );
    },
  };
}

/** The backend matching the store: the same Redis or SQLite file as everything else, else memory. */
export function gapBackendFor(store: { keyv: Keyv; kind: string }): GapBackend {
  const adapter: unknown = store.keyv.store;
  if (adapter instanceof KeyvRedis)
    return redisGapBackend(async () => (await adapter.getClient()) as unknown as RedisLike);
  if (adapter instanceof KeyvSqlite)
    return sqliteGapBackend((sql, ...params) => adapter.query(sql, ...params));
  return memoryGapBackend();
}
