import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createPreferences, openStore } from '../src/store/index.js';

const REDIS_URL = process.env.REDIS_URL;

/** The behaviour both backends must have: a language set by one process is read by the next. */
async function persistsAcrossReopen(url: string | undefined, dataDir: string) {
  const key = `locale:user:test:${Date.now()}-${Math.random()}`;
  const first = await openStore(url, dataDir);
  await createPreferences(first.keyv).setLocale(key, 'id');
  await first.close();

  const second = await openStore(url, dataDir);
  try {
    const prefs = createPreferences(second.keyv);
    expect(await prefs.getLocale(key)).toBe('id');
    expect(await prefs.getLocale(`${key}-unset`)).toBeUndefined();
    // A value that is not a locale (hand-edited, older version) reads as unset rather than breaking answers.
    await second.keyv.set(`${key}-junk`, { nope: true });
    expect(await prefs.getLocale(`${key}-junk`)).toBeUndefined();
  } finally {
    await second.keyv.delete(key);
    await second.close();
  }
}

describe('the store', () => {
  test('without STORE_URL it is an embedded SQLite file under the data directory that survives a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-store-'));
    const store = await openStore(undefined, dir);
    expect(store.kind).toBe(`sqlite:${path.join(dir, 'factdesk.sqlite')}`);
    await store.close();
    await persistsAcrossReopen(undefined, dir);
  });

  test.runIf(REDIS_URL)('with STORE_URL=redis://… it uses Redis and survives a restart', async () => {
    const store = await openStore(REDIS_URL, '/nonexistent');
    expect(store.kind).toBe('redis');
    await store.close();
    await persistsAcrossReopen(REDIS_URL, '/nonexistent');
  });
});

describe('button requests across processes', () => {
  test('a press on one process just after another answered waits for the request written behind the answer', async () => {
    const { createSavedRequests } = await import('../src/store/requests.js');
    const stored = new Map<string, unknown>();
    // A store whose writes land 100 ms late, as when the answering process is still writing.
    const kv = {
      get: (key: string) => Promise.resolve(stored.get(key)),
      set: (key: string, value: unknown) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            stored.set(key, value);
            resolve();
          }, 100),
        ),
      delete: (key: string) => Promise.resolve(stored.delete(key)),
    };
    const parse = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const answering = createSavedRequests<string>(kv, { parse });
    const pressed = createSavedRequests<string>(kv, { parse });
    const token = answering.save('/sources nature');
    expect(await pressed.load(token)).toBe('/sources nature');
    expect(await pressed.load('nosuchtoken')).toBeUndefined();
  });
});
