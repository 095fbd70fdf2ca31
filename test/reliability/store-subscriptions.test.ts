import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openApp, redisPrefix } from './bots.js';

const REDIS_URL = process.env.REDIS_URL;

/** 50 chats subscribe at the same moment, half through each of two apps (two connections to the store). */
async function fiftyChats(storeUrl: string | undefined, dataDir: string, prefix?: string) {
  const apps = [await openApp(storeUrl, dataDir, prefix), await openApp(storeUrl, dataDir, prefix)] as const;
  try {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        apps[i % 2 === 0 ? 0 : 1].core.dispatch({
          command: 'subscribe',
          args: { subject: 'r1' },
          actor: { platform: 'telegram', userId: String(i), chatId: String(-i), replyTo: String(-1000 - i) },
        }),
      ),
    );
    for (const a of answers)
      expect(a?.kind === 'info' && a.lines[0]).toMatch(/^This chat will get a short notice/);
    const kept = await apps[0].store.subscriptions.forSubjects(['deepseek-r1']);
    expect(new Set(kept.map((s) => s.chat)).size).toBe(50);
    // Removing one chat's subscriptions leaves the other 49.
    await apps[1].core.dispatch({
      command: 'unsubscribe',
      args: {},
      actor: { platform: 'telegram', userId: '7', replyTo: '-1007' },
    });
    expect(await apps[0].store.subscriptions.forSubjects(['deepseek-r1'])).toHaveLength(49);
  } finally {
    for (const a of apps) await a.close();
  }
}

describe('concurrent /subscribe', () => {
  test('50 chats subscribing at once on SQLite are all kept', async () => {
    await fiftyChats(undefined, await mkdtemp(path.join(tmpdir(), 'factdesk-subs-')));
  });
  test.runIf(REDIS_URL)('50 chats subscribing at once on Redis are all kept', async () => {
    await fiftyChats(REDIS_URL, '/nonexistent', redisPrefix('subs'));
  });
});
