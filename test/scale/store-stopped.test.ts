import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Actor } from '../../src/core/command.js';
import { freePort, openApp, redisPrefix, startRedisServer, waitFor } from '../reliability/bots.js';
import { canRunCluster } from './cluster.js';

if (!canRunCluster)
  console.log('[factdesk] store-stopped tests SKIPPED: they need REDIS_URL and the redis-server binary');

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const user = (id: string): Actor => ({ platform: 'telegram', userId: id, chatId: id, replyTo: id });
const title = (a: Answer) => (a.kind === 'figures' ? a.title : `${a.kind}: ${JSON.stringify(a)}`);

describe.runIf(canRunCluster)('Redis stopped mid-run: no store on the answer path', () => {
  test('answers keep coming for known and new users while not one store call is made, and the known user keeps their language', async () => {
    const port = await freePort();
    const redis = await startRedisServer(port);
    cleanups.push(() => redis.stop());
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-stopped-'));
    const app = await openApp(`redis://127.0.0.1:${port}`, dataDir, redisPrefix('stopped'));
    cleanups.push(() => app.close());
    const ask = (command: string, subject: string, actor: Actor) =>
      app.core.dispatch({ command, args: { subject }, actor });

    const known = user('1');
    await app.core.dispatch({ command: 'lang', args: { language: 'id' }, actor: known });
    expect(title(await ask('cost', 'r1', known))).toBe('DeepSeek-R1: biaya');

    // Everything below the health guard: any of these called would be a store call on the answer path.
    const reached = [
      vi.spyOn(app.store.keyv, 'get'),
      vi.spyOn(app.store.keyv, 'set'),
      vi.spyOn(app.store.keyv, 'has'),
      vi.spyOn(app.store.keyv, 'delete'),
    ];
    // Stored preferences are listed at start: even while Redis is up, a user never seen before costs no read.
    expect(title(await ask('cost', 'r1', user('before')))).toBe('DeepSeek-R1: costs');
    expect(reached[0]).not.toHaveBeenCalled();
    // What does reach the store, the spies see: a language choice is written.
    await app.core.dispatch({ command: 'lang', args: { language: 'en' }, actor: user('before') });
    expect(reached[1]).toHaveBeenCalled();

    await redis.stop();
    await waitFor('the store to be seen down', () => app.storeState() === 'down');
    for (const spy of reached) spy.mockClear();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? ask('cost', 'r1', known) : ask('chips', 'deepseek', user(`new-${i}`)),
      ),
    );
    for (const [i, a] of answers.entries())
      expect(title(a)).toBe(i % 2 === 0 ? 'DeepSeek-R1: biaya' : 'DeepSeek: chips and compute');
    // Questions nothing answers are counted for /gaps: that write, too, must not hold the answer.
    expect((await ask('cost', 'no-such-model-xyz', user('new-x'))).kind).toBe('not_found');
    for (const spy of reached) expect(spy).not.toHaveBeenCalled();
    expect(app.storeState()).toBe('down');
  }, 60_000);
});
