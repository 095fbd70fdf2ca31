import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { afterEach, describe, expect, test } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Answer } from '../../src/core/answer.js';
import type { Actor } from '../../src/core/command.js';
import { createCore } from '../../src/core/core.js';
import { createPreferences } from '../../src/store/index.js';
import { realKnowledge, silentLogger } from '../helpers.js';
import { redisPrefix, startBot, type Bot } from './bots.js';

const REDIS_URL = process.env.REDIS_URL;
const bots: Bot[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});
const title = (a: Answer) => (a.kind === 'figures' ? a.title : a.kind);
const ana: Actor = { platform: 'telegram', userId: '11', chatId: '-22', replyTo: '-22' };

describe('language preferences', () => {
  test('after the first answer, answering the same user again reads nothing from the store', async () => {
    const map = new Map<string, unknown>();
    const calls = { get: 0, set: 0 };
    // A store that counts what reaches it.
    const counting = {
      get: (key: string) => ((calls.get += 1), Promise.resolve(map.get(key))),
      set: (key: string, value: unknown) => ((calls.set += 1), map.set(key, value), Promise.resolve(true)),
      delete: (key: string) => Promise.resolve(map.delete(key)),
      clear: () => Promise.resolve(map.clear()),
    };
    const keyv = new Keyv({ store: counting, throwOnErrors: true });
    const core = createCore({
      commands,
      knowledge: await realKnowledge(),
      preferences: createPreferences(keyv),
      kv: keyv,
      defaultLocale: 'en',
      logger: silentLogger,
    });
    const ask = (command: string, args: Record<string, string> = { subject: 'r1' }) =>
      core.dispatch({ command, args, actor: ana });

    expect(title(await ask('cost'))).toBe('DeepSeek-R1: costs');
    expect(calls.get).toBe(2); // the user's choice and the chat's, both unset
    for (let i = 0; i < 5; i++) expect(title(await ask('cost'))).toBe('DeepSeek-R1: costs');
    expect(calls.get).toBe(2);

    // A change is written through: stored once, and served from memory afterwards.
    await ask('lang', { language: 'id' });
    expect(calls.set).toBe(1);
    expect([...map.keys()].filter((k) => k.endsWith('locale:user:telegram:11'))).toHaveLength(1);
    expect(title(await ask('cost'))).toBe('DeepSeek-R1: biaya');
    expect(calls.get).toBe(2);
  });

  async function seenByTheOther(env: Record<string, string>) {
    const [a, b] = await Promise.all([startBot(env), startBot(env)]);
    bots.push(a, b);
    // B has answered Ana before, so it holds "no preference" in memory.
    expect(title(await b.ask('cost', { subject: 'r1' }, ana))).toBe('DeepSeek-R1: costs');
    await a.ask('lang', { language: 'id' }, ana);
    const changed = Date.now();
    let seenAfter = Infinity;
    while (Date.now() - changed < 5000) {
      if (title(await b.ask('cost', { subject: 'r1' }, ana)) === 'DeepSeek-R1: biaya') {
        seenAfter = Date.now() - changed;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seenAfter, 'ms until the other process answered in the new language').toBeLessThan(1000);
    return seenAfter;
  }

  test.runIf(REDIS_URL)(
    'a /lang change in one process is used by another on the same Redis within a second (pub/sub)',
    async () => {
      const ms = await seenByTheOther({
        STORE_URL: REDIS_URL ?? '',
        REDIS_PREFIX: redisPrefix('prefs'),
        DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-prefs-')),
      });
      console.log(`[redis] the other process answered in the new language after ${ms} ms`);
    },
  );

  test('a /lang change in one process is used by another on the same SQLite file within a second', async () => {
    const ms = await seenByTheOther({
      DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-prefs-sqlite-')),
    });
    console.log(`[sqlite] the other process answered in the new language after ${ms} ms`);
  });
});
