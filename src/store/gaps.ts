import type Database from 'better-sqlite3';
import { promised } from './health.js';

/** How long an unanswered question is counted. */
export const GAP_DAYS = 90;
// A flood of distinct nonsense must not grow the store without bound.
const MAX_TEXTS_PER_DAY = 10_000;

/** One unanswered question and how often it was asked in the last 90 days. */
export interface Gap {
  text: string;
  count: number;
}

/** The day an increment lands in, as `YYYY-MM-DD` (UTC). */
export function day(now: number, daysAgo = 0): string {
  return new Date(now - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** Unanswered questions counted per day: the atomic operations each store provides. */
export interface GapStore {
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
export function redisGapStore(client: () => Promise<RedisLike>, prefix = 'factdesk:gaps:'): GapStore {
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

/** SQLite: a table of (day, text, count); each increment is one UPSERT statement, atomic in SQLite. */
export function sqliteGapStore(db: Database.Database): GapStore {
  db.exec(
    'CREATE TABLE IF NOT EXISTS factdesk_gaps (day TEXT NOT NULL, text TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, text))',
  );
  const upsert = db.prepare(
    'INSERT INTO factdesk_gaps (day, text, count) VALUES (?, ?, 1) ON CONFLICT (day, text) DO UPDATE SET count = count + 1',
  );
  const prune = db.prepare('DELETE FROM factdesk_gaps WHERE day < ?');
  const sums = db.prepare<[string, string, number], { text: string; count: number }>(
    'SELECT text, SUM(count) AS count FROM factdesk_gaps WHERE day >= ? AND day <= ? GROUP BY text ORDER BY count DESC, text LIMIT ?',
  );
  let prunedOn = '';
  return {
    increment: (d, text) =>
      promised(() => {
        upsert.run(d, text);
        if (prunedOn !== d) {
          prunedOn = d;
          prune.run(day(Date.parse(d), GAP_DAYS - 1));
        }
      }),
    sums: (days, limit) =>
      promised(() =>
        sums
          .all(days[days.length - 1] ?? '', days[0] ?? '', limit)
          .map((r) => ({ text: r.text, count: r.count })),
      ),
  };
}

/** One process's memory (the `memory://` store): increments are synchronous, so they cannot interleave. */
export function memoryGapStore(): GapStore {
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
