import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import KeyvRedis from '@keyv/redis';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { createGapCounter, gapText, type GapCounter } from '../../src/core/gaps.js';
import { memoryGapStore, redisGapStore, sqliteGapStore } from '../../src/store/gaps.js';
import { renderText } from '../../src/adapters/console/render.js';
import { KNOWLEDGE_DIR, silentLogger } from '../helpers.js';
import { coreFor } from '../web/fixture.js';

const DAY = 86_400_000;
const moderator = { platform: 'console' as const, userId: 'op', isModerator: true };
const member = { platform: 'telegram' as const, userId: '5', chatId: '-1', isModerator: false };

describe('which answers count', () => {
  test('GIVEN misses and hits THEN only not_found lookups and not_in_knowledge checks count, by normalised text', async () => {
    const { core } = await coreFor(KNOWLEDGE_DIR);
    const miss = await core.dispatchLine('/cost   QWEN 9000.', member);
    expect(gapText(miss)).toBe('/cost qwen 9000');
    expect(gapText(await core.dispatchLine('/cost r1', member))).toBeUndefined();
    expect(gapText(await core.dispatchLine('/cost deepseek v', member))).toBeUndefined(); // ambiguous
    const check = await core.dispatchLine('/check Mistral Large cost $20 million', member);
    expect(check).toMatchObject({ kind: 'check', verdict: 'not_in_knowledge' });
    expect(gapText(check)).toBe('/check mistral large cost $20 million');
  });
});

describe('the counter', () => {
  test('GIVEN misses asked through the core THEN /kb gaps shows the most asked to moderators, and nobody else', async () => {
    const { core } = await coreFor(KNOWLEDGE_DIR);
    await core.dispatchLine('/cost qwen 9000', member);
    await core.dispatchLine('/cost Qwen  9000', { ...member, userId: '6' });
    await core.dispatchLine('/fact plumbus zzqx', member);
    await core.dispatchLine('/cost r1', member);
    const answer = await core.dispatchLine('/kb gaps', moderator);
    expect(renderText(answer)).toContain('2× /cost qwen 9000\n1× /fact plumbus zzqx');
    expect(renderText(answer)).not.toContain('/cost r1');
    expect(await core.dispatchLine('/kb gaps', member)).toMatchObject({ kind: 'error', code: 'notAllowed' });
  });

  test('GIVEN a store that hangs or fails THEN answers are neither delayed nor lost', async () => {
    let attempts = 0;
    const hanging = createGapCounter(
      {
        increment: () => {
          attempts++;
          return new Promise<void>(() => undefined);
        },
        sums: () => Promise.resolve([]),
      },
      silentLogger,
    );
    const failing = createGapCounter(
      { increment: () => Promise.reject(new Error('store down')), sums: () => Promise.resolve([]) },
      silentLogger,
    );
    for (const gaps of [hanging, failing]) {
      const { core } = await coreFor(KNOWLEDGE_DIR, { gaps });
      const answer = await core.dispatchLine('/cost qwen 9000', member);
      expect(answer.kind).toBe('not_found');
    }
    expect(attempts).toBe(1);
  });

  /** Ages a counter's clock, to see entries expire. */
  async function expiry(make: (now: () => number) => GapCounter) {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const gaps = make(() => now);
    const miss = { kind: 'not_found', command: 'cost', query: 'qwen 9000' } as const;
    gaps.recordAnswer({ ...miss, locale: 'en', title: '', lines: [], choices: [], suggestions: [] });
    await expect.poll(() => gaps.top(5)).toEqual([{ text: '/cost qwen 9000', count: 1 }]);
    now += 89 * DAY;
    expect(await gaps.top(5)).toEqual([{ text: '/cost qwen 9000', count: 1 }]);
    now += 2 * DAY;
    expect(await gaps.top(5)).toEqual([]);
  }

  test('GIVEN 90 days pass THEN an entry no longer counts (memory)', async () => {
    await expiry((now) => createGapCounter(memoryGapStore(), silentLogger, now));
  });

  test('GIVEN SQLite THEN 90-day expiry, only text and counts are stored, and concurrent increments from two connections all count', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'factdesk-gaps-')), 'store.sqlite');
    // Two connections to one file, as two processes would have.
    const a = new Database(file);
    const b = new Database(file);
    for (const db of [a, b]) db.pragma('busy_timeout = 10000');
    try {
      await expiry((now) => createGapCounter(sqliteGapStore(a), silentLogger, now));
      const one = sqliteGapStore(a);
      const two = sqliteGapStore(b);
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 === 0 ? one : two).increment('2026-03-01', '/cost race'),
        ),
      );
      expect(await one.sums(['2026-03-01'], 5)).toEqual([{ text: '/cost race', count: 100 }]);
      const columns = a.prepare('PRAGMA table_info(factdesk_gaps)').all() as { name: string }[];
      expect(columns.map((c) => c.name)).toEqual(['day', 'text', 'count']);
    } finally {
      a.close();
      b.close();
    }
  });

  const redisUrl = process.env.REDIS_URL;
  test.skipIf(!redisUrl)(
    'GIVEN Redis THEN concurrent increments from two clients all count, and each day key expires',
    async () => {
      const prefix = `factdesk-test:gaps:${process.pid}:${Date.now()}:`;
      const a = new KeyvRedis(redisUrl);
      const b = new KeyvRedis(redisUrl);
      try {
        const one = redisGapStore(async () => (await a.getClient()) as never, prefix);
        const two = redisGapStore(async () => (await b.getClient()) as never, prefix);
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            (i % 2 === 0 ? one : two).increment('2026-03-01', '/cost race'),
          ),
        );
        await one.increment('2026-03-02', '/cost race');
        expect(await one.sums(['2026-03-02', '2026-03-01'], 5)).toEqual([{ text: '/cost race', count: 101 }]);
        const client = await a.getClient();
        const ttl = await client.ttl(`${prefix}2026-03-01`);
        expect(ttl).toBeGreaterThan(89 * 86_400);
        expect(ttl).toBeLessThanOrEqual(91 * 86_400);
        await client.del([`${prefix}2026-03-01`, `${prefix}2026-03-02`]);
      } finally {
        await a.disconnect();
        await b.disconnect();
      }
    },
  );
});
