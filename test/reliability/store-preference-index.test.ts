import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { PREFERENCE_KEY_PREFIX, type KeyValue } from '../../src/core/command.js';
import { keyValueOf } from '../../src/store/guard.js';
import { createPreferences, memoryStore, openStore, type Store } from '../../src/store/index.js';
import { redisPrefix } from './bots.js';

const REDIS_URL = process.env.REDIS_URL;
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

const user = (n: number) => `${PREFERENCE_KEY_PREFIX}user:telegram:${n}`;
const group = (n: number) => `${PREFERENCE_KEY_PREFIX}chat:telegram:-${n}`;

/** The store's key-value calls, counted, below the store's guard (what reaches the store). */
function counted(kv: KeyValue) {
  const calls = { get: 0 };
  const wrapped: KeyValue = {
    get: (key) => ((calls.get += 1), kv.get(key)),
    set: (key, value, ttl) => kv.set(key, value, ttl),
  };
  return { kv: wrapped, calls };
}

/** A process's preferences over a store, as the app wires them: announcements and the listing. */
function preferencesOf(store: Store, max?: number) {
  const { kv, calls } = counted(keyValueOf(store));
  const prefs = createPreferences(kv, {
    events: store.events,
    list: () => store.listValues(PREFERENCE_KEY_PREFIX),
    ...(max !== undefined && { max }),
  });
  return { prefs, calls };
}

async function until(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('not within the wait');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Two processes' stores on one backend. */
type Pair = () => Promise<[Store, Store]>;

async function sqlitePair(): Promise<[Store, Store]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-prefindex-'));
  const a = await openStore(undefined, dir);
  const b = await openStore(undefined, dir);
  opened.push(a, b);
  return [a, b];
}

async function redisPair(): Promise<[Store, Store]> {
  const prefix = redisPrefix('prefindex');
  const a = await openStore(REDIS_URL, '/nonexistent', { redisPrefix: prefix });
  const b = await openStore(REDIS_URL, '/nonexistent', { redisPrefix: prefix });
  opened.push(a, b);
  return [a, b];
}

function behaviour(name: string, pair: Pair, run: typeof test = test) {
  describe(`language preference index (${name})`, () => {
    run(
      'stored choices are listed at start: new users and groups, and known ones, cost no store read',
      async () => {
        const [a, b] = await pair();
        const writer = preferencesOf(a).prefs;
        await writer.setLocale(user(1), 'id');
        await writer.setLocale(group(2), 'en');
        // Other values in the same store (button requests) are not preferences.
        await a.keyv.set('req:abc', { command: 'cost' });

        const { prefs, calls } = preferencesOf(b);
        expect(await prefs.listed()).toBe(true);
        expect(await prefs.getLocale(user(1))).toBe('id');
        expect(await prefs.getLocale(group(2))).toBe('en');
        for (let n = 100; n < 150; n++) expect(await prefs.getLocale(user(n))).toBeUndefined();
        expect(calls.get).toBe(0);
      },
    );

    run("another process's change is served from the index once announced, with no read", async () => {
      const [a, b] = await pair();
      const writer = preferencesOf(a).prefs;
      const { prefs, calls } = preferencesOf(b);
      expect(await prefs.listed()).toBe(true);
      expect(await prefs.getLocale(user(5))).toBeUndefined();

      await writer.setLocale(user(5), 'id');
      await until(async () => (await prefs.getLocale(user(5))) === 'id');
      await writer.setLocale(user(5), 'en');
      await until(async () => (await prefs.getLocale(user(5))) === 'en');
      expect(calls.get).toBe(0);
    });

    run(
      'a change missed while announcements were lost is found by the listing after the store comes back',
      async () => {
        const [a, b] = await pair();
        const { prefs } = preferencesOf(b);
        expect(await prefs.listed()).toBe(true);
        expect(await prefs.getLocale(user(7))).toBeUndefined();

        // Written without an announcement: what a process misses while it is cut off from the others.
        await keyValueOf(a).set(user(7), 'id');
        expect(await prefs.getLocale(user(7))).toBeUndefined();

        b.health.markDown(new Error('cut off'));
        b.health.markUp();
        // Never the stale "not set" again: read from the store until the new listing is in.
        expect(await prefs.getLocale(user(7))).toBe('id');
        expect(await prefs.listed()).toBe(true);
        expect(await prefs.getLocale(user(7))).toBe('id');
      },
    );

    run(
      'while the store is down, listed choices are still served and nothing reaches the store',
      async () => {
        const [a, b] = await pair();
        await preferencesOf(a).prefs.setLocale(group(9), 'id');
        const { prefs, calls } = preferencesOf(b);
        expect(await prefs.listed()).toBe(true);
        b.health.markDown(new Error('stopped'));
        expect(await prefs.getLocale(group(9))).toBe('id');
        expect(await prefs.getLocale(user(9))).toBeUndefined();
        expect(calls.get).toBe(0);
      },
    );

    run('with more stored choices than memory holds, each is read once instead', async () => {
      const [a, b] = await pair();
      const writer = preferencesOf(a).prefs;
      for (let n = 1; n <= 3; n++) await writer.setLocale(user(n), 'id');
      const { prefs, calls } = preferencesOf(b, 2);
      expect(await prefs.listed()).toBe(false);
      expect(await prefs.getLocale(user(3))).toBe('id');
      const before = calls.get;
      expect(await prefs.getLocale(user(4))).toBeUndefined();
      expect(await prefs.getLocale(user(4))).toBeUndefined();
      expect(calls.get - before).toBe(1);
    });
  });
}

behaviour('SQLite', sqlitePair);
behaviour('Redis', redisPair, test.runIf(REDIS_URL) as typeof test);

describe('language preference index', () => {
  test('a listing that fails leaves each choice read from the store, and is tried again', async () => {
    const store = memoryStore();
    opened.push(store);
    await keyValueOf(store).set(user(1), 'id');
    let attempts = 0;
    const { kv, calls } = counted(keyValueOf(store));
    const prefs = createPreferences(kv, {
      relistMs: 10,
      list: () =>
        ++attempts === 1 ? Promise.reject(new Error('busy')) : store.listValues(PREFERENCE_KEY_PREFIX),
    });
    expect(await prefs.getLocale(user(1))).toBe('id');
    expect(calls.get).toBe(1);
    await until(async () => prefs.listed());
    expect(attempts).toBe(2);
    expect(await prefs.getLocale(user(2))).toBeUndefined();
    expect(calls.get).toBe(1);
  });

  test('a listing leaves out expired and foreign values', async () => {
    const store = memoryStore();
    opened.push(store);
    await store.keyv.set(user(1), 'id', 1);
    await store.keyv.set(user(2), { nope: true });
    await store.keyv.set(user(3), 'en');
    await new Promise((r) => setTimeout(r, 5));
    const prefs = createPreferences(keyValueOf(store), {
      list: () => store.listValues(PREFERENCE_KEY_PREFIX),
    });
    expect(await prefs.listed()).toBe(true);
    expect(await prefs.getLocale(user(1))).toBeUndefined();
    expect(await prefs.getLocale(user(2))).toBeUndefined();
    expect(await prefs.getLocale(user(3))).toBe('en');
  });
});
