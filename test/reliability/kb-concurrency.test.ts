import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Edit } from '../../src/knowledge/overlay.js';
import { realKnowledge } from '../helpers.js';
import { moderator, openApp, redisPrefix, startBot, type Bot } from './bots.js';

const REDIS_URL = process.env.REDIS_URL;
const CHANGED_MEANWHILE = /^Someone changed (\S+) meanwhile\. Check \/kb history \1 and try again\.$/;
const bots: Bot[] = [];
afterAll(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});

type Ask = (action: string) => Promise<Answer>;
interface Outcome {
  pair: number;
  side: 'a' | 'b';
  figure: string;
  sameFigure: boolean;
  reason: string;
  answer: Answer;
}

/**
 * 100 edit pairs in batches of 10 pairs sent at the same moment: even pairs have both moderators edit
 * one figure, odd pairs two different figures. Every figure is used by one pair per batch.
 */
async function runPairs(a: Ask, b: Ask): Promise<Outcome[]> {
  const figures = (await realKnowledge()).figures.map((f) => f.id);
  const run = Date.now();
  const outcomes: Outcome[] = [];
  for (let batch = 0; batch < 10; batch++) {
    let f = 0;
    const jobs: Promise<Outcome>[] = [];
    for (let pair = batch * 10; pair < batch * 10 + 10; pair++) {
      const sameFigure = pair % 2 === 0;
      const first = figures[f++] ?? '';
      const second = sameFigure ? first : (figures[f++] ?? '');
      for (const [side, figure, ask] of [
        ['a', first, a],
        ['b', second, b],
      ] as const) {
        const reason = `pair ${pair} ${side} run ${run}`;
        jobs.push(
          ask(`edit ${figure} scope.en Scope set by ${reason}. | ${reason}`).then((answer) => ({
            pair,
            side,
            figure,
            sameFigure,
            reason,
            answer,
          })),
        );
      }
    }
    outcomes.push(...(await Promise.all(jobs)));
  }
  return outcomes;
}

/** What a user was told, and what the log holds, must agree: nothing reported recorded is missing. */
function checkOutcomes(outcomes: Outcome[], log: readonly Edit[]) {
  const recorded = outcomes.filter((o) => o.answer.notice?.startsWith('Change c') === true);
  const refused = outcomes.filter((o) => !recorded.includes(o));
  // The only way an edit fails is "changed meanwhile", and only when the other side edited the same figure.
  for (const o of refused) {
    expect(o.answer.kind, JSON.stringify(o.answer)).toBe('error');
    expect(o.answer.kind === 'error' && o.answer.message).toMatch(CHANGED_MEANWHILE);
    expect(o.sameFigure, `pair ${o.pair} edited different figures yet was refused`).toBe(true);
  }
  // Every edit reported recorded is in the log under the id the moderator was given, and nothing else is.
  const byReason = new Map(log.map((e) => [e.reason, e]));
  for (const o of recorded) {
    const id = /^Change (c\d+) recorded/.exec(o.answer.notice ?? '')?.[1];
    expect(byReason.get(o.reason)?.id, `${o.reason} was reported recorded as ${id}`).toBe(id);
  }
  expect(log.filter((e) => outcomes.some((o) => o.reason === e.reason))).toHaveLength(recorded.length);
  // No lost update: each change of a figure starts from what the previous change of it left.
  const last = new Map<string, Edit>();
  for (const e of log) {
    const previous = last.get(e.figure);
    if (previous) expect(e.before, `${e.id} overwrote ${previous.id}`).toEqual(previous.after);
    last.set(e.figure, e);
  }
  // Of each same-figure pair at least one edit is recorded; different figures are always both recorded.
  for (let pair = 0; pair < 100; pair++) {
    const mine = outcomes.filter((o) => o.pair === pair);
    const ok = mine.filter((o) => recorded.includes(o)).length;
    expect(ok, `pair ${pair}`).toBeGreaterThanOrEqual(mine[0]?.sameFigure === true ? 1 : 2);
  }
  return { recorded: recorded.length, collided: refused.length };
}

async function logOf(storeUrl: string | undefined, dataDir: string, prefix?: string): Promise<Edit[]> {
  const app = await openApp(storeUrl, dataDir, prefix);
  try {
    const figures = (await realKnowledge()).figures.map((f) => f.id);
    const all = (await Promise.all(figures.map((f) => app.editor.history(f)))).flat();
    return all.sort((x, y) => Number(x.id.slice(1)) - Number(y.id.slice(1)));
  } finally {
    await app.close();
  }
}

async function twoProcesses(env: Record<string, string>) {
  const [a, b] = await Promise.all([startBot(env), startBot(env)]);
  bots.push(a, b);
  const ask = (bot: Bot) => (action: string) => bot.ask('kb', { action }, moderator);
  return runPairs(ask(a), ask(b));
}

describe('concurrent moderators lose nothing', () => {
  test.runIf(REDIS_URL)(
    '100 edit pairs from two processes on one Redis: every recorded edit is in the log; only same-figure races fail, with "changed meanwhile"',
    async () => {
      const prefix = redisPrefix('kb');
      const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-kb-redis-'));
      const outcomes = await twoProcesses({
        STORE_URL: REDIS_URL ?? '',
        REDIS_PREFIX: prefix,
        DATA_DIR: dataDir,
      });
      const { recorded, collided } = checkOutcomes(outcomes, await logOf(REDIS_URL, dataDir, prefix));
      console.log(`[redis, two processes] ${recorded} recorded, ${collided} refused as changed meanwhile`);
    },
    120_000,
  );

  test('100 edit pairs from two processes on one SQLite file: the same guarantees', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-kb-sqlite2-'));
    const outcomes = await twoProcesses({ DATA_DIR: dataDir });
    const { recorded, collided } = checkOutcomes(outcomes, await logOf(undefined, dataDir));
    console.log(`[sqlite, two processes] ${recorded} recorded, ${collided} refused as changed meanwhile`);
  }, 120_000);

  test('100 edit pairs in one process on SQLite: the same guarantees', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-kb-sqlite1-'));
    const app = await openApp(undefined, dataDir);
    try {
      const ask = (action: string) =>
        app.core.dispatch({ command: 'kb', args: { action }, actor: moderator });
      const outcomes = await runPairs(ask, ask);
      const { recorded, collided } = checkOutcomes(outcomes, await logOf(undefined, dataDir));
      console.log(`[sqlite, one process] ${recorded} recorded, ${collided} refused as changed meanwhile`);
    } finally {
      await app.close();
    }
  }, 120_000);
});
