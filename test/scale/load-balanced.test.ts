import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from '../reliability/bots.js';
import type { BotProcess } from '../reliability/adapters-helpers.js';
import { canRunCluster, startCluster, type Cluster, type Seen } from './cluster.js';

if (!canRunCluster)
  console.log('[factdesk] scale-out tests SKIPPED: they need REDIS_URL and the redis-server binary');

let cluster: Cluster;
beforeAll(async () => {
  if (!canRunCluster) return;
  // Process 0 watches the knowledge folder; process 1 does not, like a process on another machine.
  cluster = await startCluster(2, (i) => i === 0);
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

/** Sends the same command once to every process (round robin: consecutive requests alternate). */
async function onEveryProcess(send: () => Promise<Seen>): Promise<Seen[]> {
  const seen = [await send(), await send()];
  expect(seen.map((s) => s.process).sort()).toEqual([0, 1]);
  return seen;
}

/** Waits until every process answers `send` with text matching `pattern`; returns how long that took. */
async function untilEveryProcess(send: () => Promise<Seen>, pattern: RegExp): Promise<number> {
  const started = Date.now();
  await waitFor(`every process to answer ${pattern}`, async () =>
    (await onEveryProcess(send)).every((s) => pattern.test(s.text)),
  );
  return Date.now() - started;
}

/** Timestamps (pino `time`, ms) of a process's log lines whose message contains `text`. */
const logTimes = (bot: BotProcess | undefined, text: string): number[] =>
  (bot?.output() ?? '')
    .split('\n')
    .filter((l) => l.includes(text))
    .map((l) => (JSON.parse(l) as { time: number }).time);

const costR1 = () => cluster.discordCommand('cost', { subject: 'r1' });
const costV3 = () => cluster.discordCommand('cost', { subject: 'v3' });

describe.runIf(canRunCluster)('two processes behind a round-robin load balancer, sharing Redis', () => {
  test('the same Discord interaction and the same Telegram update get the same answer from either process', async () => {
    const discord = await onEveryProcess(costR1);
    expect(discord[0]?.text).toContain('about $294,000');
    expect(discord[1]?.text).toBe(discord[0]?.text);
    // A button under an answer only one process gave works on every process (its request is in Redis).
    const once = await cluster.discordCommand('cost', { subject: 'gpt-4' });
    const sources = /"custom_id":"(fd:s:[^"]+)"/.exec(once.text)?.[1] ?? 'no sources button';
    // Pressed a moment after the answer, as a person does: the answering process writes the button's
    // request to Redis just behind its answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const clicked = await onEveryProcess(() => cluster.discordClick(sources));
    expect(clicked[0]?.text).toContain('TrenAsia, 19 September 2025');
    expect(clicked[0]?.text).not.toMatch(/expired/i);
    expect(clicked[1]?.text).toBe(clicked[0]?.text);

    const telegram = await onEveryProcess(() => cluster.telegramMessage('/chips deepseek', 501));
    expect(telegram[0]?.text).toContain('H800');
    expect(telegram[1]?.text).toBe(telegram[0]?.text);

    // A language chosen through one process is the user's language on all of them.
    const lang = await cluster.telegramMessage('/lang id', 502);
    expect(lang.text).toContain('Jawaban sekarang dalam Bahasa Indonesia.');
    await untilEveryProcess(() => cluster.telegramMessage('/cost r1', 502), /sekitar US\$294\.000/);
  }, 60_000);

  test('one moderator edit, made through either process, is served by every process', async () => {
    const edit = await cluster.moderator('edit r1-training-cost value.amount 295000 | scale-out test');
    expect(edit.text).toMatch(/Change c\d+ recorded: r1-training-cost/);
    const ms = await untilEveryProcess(costR1, /about \$295,000/);
    console.log(`[scale] a moderator edit through process ${edit.process} was served by both after ${ms} ms`);
    // The edit is the same change everywhere: its history reads alike from both processes.
    const history = await onEveryProcess(() => cluster.moderator('history r1-training-cost'));
    expect(history[0]?.text).toContain('scale-out test');
    expect(history[1]?.text).toBe(history[0]?.text);
  }, 60_000);

  test('a file edit seen by one process’s watcher is announced: the process that does not watch swaps too; a broken file is not', async () => {
    const file = path.join(cluster.knowledgeDir, 'figures/costs.yaml');
    const original = await readFile(file, 'utf8');
    expect(original).toContain('amount: 5576000');
    await writeFile(
      file,
      original
        .replace('amount: 5576000', 'amount: 5577000')
        .replace('original: $5.576M', 'original: $5.577M'),
    );
    const [watcher, follower] = cluster.bots;
    await waitFor(
      'the watching process to reload',
      () => logTimes(watcher, 'knowledge reloaded from files').length === 1,
    );
    await waitFor(
      'the other process to reload',
      () => logTimes(follower, 'another process announced').length === 1,
    );
    // Process 1 has no watcher: only the announcement can have made it re-read the files.
    expect(logTimes(follower, 'knowledge reloaded from files')).toEqual([]);
    const lag =
      (logTimes(follower, 'another process announced')[0] ?? 0) -
      (logTimes(watcher, 'knowledge reloaded from files')[0] ?? 0);
    console.log(`[scale] the non-watching process swapped ${lag} ms after the watching one`);
    await untilEveryProcess(costV3, /about \$5\.577 million/);

    // Invalid files: the watcher keeps its last good knowledge and announces nothing.
    await writeFile(file, original.replace('amount: 5576000', 'amount: not-a-number'));
    await waitFor('the watching process to refuse the files', () =>
      (watcher?.output() ?? '').includes('knowledge files are invalid'),
    );
    const both = await onEveryProcess(costV3);
    for (const s of both) expect(s.text).toContain('about $5.577 million');
    expect(logTimes(follower, 'another process announced')).toHaveLength(1);
    await writeFile(file, original);
  }, 60_000);

  test('with Redis stopped mid-run, both processes keep answering; changes say they cannot be saved', async () => {
    await cluster.stopRedis();
    await waitFor('both processes to see the store down', async () =>
      (await cluster.storeStates()).every((s) => s === 'down'),
    );
    for (let i = 0; i < 10; i++) {
      const seen = await cluster.discordCommand(
        'chips',
        { subject: 'deepseek' },
        { user: { id: `9${i}`, username: 'n' } },
      );
      expect(seen.text).toContain('H800');
    }
    // A user whose language was known before the outage still gets it, from memory.
    await onEveryProcess(() => cluster.telegramMessage('/cost r1', 502)).then((seen) => {
      for (const s of seen) expect(s.text).toContain('sekitar US$295.000');
    });
    const refused = await cluster.telegramMessage('/lang en', 503);
    expect(refused.text).toContain(
      'I can’t save that right now: my storage is unavailable, so nothing was changed. Please try again later.',
    );
  }, 60_000);
});
