import { afterEach, describe, expect, test } from 'vitest';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/discord-api.js';
import { startFakeGateway, type FakeGateway } from '../fakes/discord-gateway.js';
import { APP_ID, SECRETS, slashCommand, startBot, type BotProcess } from '../reliability/adapters-helpers.js';

// The real bot process in gateway mode (no DISCORD_PUBLIC_KEY) against a fake REST API, whose
// GET /gateway/bot points at a fake gateway on 127.0.0.1 recommending a shard count.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakes(recommendedShards: number) {
  const api = await startFakeDiscordApi();
  const gateway = await startFakeGateway(APP_ID);
  api.setGateway(gateway.url, recommendedShards);
  cleanups.push(
    () => api.close(),
    () => gateway.close(),
  );
  return { api, gateway };
}

async function gatewayBot(api: FakeDiscordApi, shards?: string): Promise<BotProcess> {
  const bot = await startBot({
    DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_ROOT: api.url,
    LOG_LEVEL: 'info',
    ...(shards !== undefined && { DISCORD_SHARDS: shards }),
  });
  cleanups.push(() => bot.stop());
  await bot.waitForOutput(/discord gateway connected/);
  return bot;
}

/** Sends `/chips r1` on a shard's connection and returns the text of the interaction callback. */
async function askOnShard(api: FakeDiscordApi, gateway: FakeGateway, shard: number): Promise<string> {
  const interaction = slashCommand('chips', { subject: 'r1' });
  gateway.dispatch(shard, 'INTERACTION_CREATE', interaction);
  const callback = await api.nextCall(
    (c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    15_000,
  );
  expect(callback.method).toBe('POST');
  return JSON.stringify(callback.body);
}

/** The `discord gateway connected` log line's shard fields. */
function connectedLine(bot: BotProcess): { shards: number[]; shardCount: number } {
  const line = bot
    .output()
    .split('\n')
    .find((l) => l.includes('discord gateway connected'));
  return JSON.parse(line ?? '{}') as { shards: number[]; shardCount: number };
}

describe('Discord gateway sharding (DISCORD_SHARDS)', () => {
  test('unset: the process runs Discord’s recommended 2 shards, identifies each with the Guilds intent only, and answers on both', async () => {
    const { api, gateway } = await fakes(2);
    const bot = await gatewayBot(api);
    await gateway.waitForShards([0, 1]);
    expect(gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(gateway.identifies.every((i) => i.intents === 1 && i.token === SECRETS.DISCORD_TOKEN)).toBe(true);
    expect(connectedLine(bot)).toMatchObject({ shards: [0, 1], shardCount: 2 });
    for (const shard of [0, 1])
      expect(await askOnShard(api, gateway, shard)).toContain('512 Nvidia H800 GPUs');
  }, 60_000);

  test('two processes with 0/2 and 1/2 split the shards: each identifies only its own and answers its interactions', async () => {
    const { api, gateway } = await fakes(5); // the recommendation is ignored when a count is set
    const [first, second] = await Promise.all([gatewayBot(api, '0/2'), gatewayBot(api, '1/2')]);
    await gateway.waitForShards([0, 1]);
    expect(gateway.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(connectedLine(first)).toMatchObject({ shards: [0], shardCount: 2 });
    expect(connectedLine(second)).toMatchObject({ shards: [1], shardCount: 2 });
    for (const shard of [0, 1])
      expect(await askOnShard(api, gateway, shard)).toContain('512 Nvidia H800 GPUs');
  }, 60_000);
});
