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
