import { execFileSync } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messageUpdate, startFakeBotApi, type FakeBotApi } from '../fakes/bot-api.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../fakes/discord-api.js';
import { KNOWLEDGE_DIR } from '../helpers.js';
import {
  APP_ID,
  PUBLIC_KEY_HEX,
  SECRETS,
  signInteraction,
  slashCommand,
  startBot,
  type BotProcess,
} from '../reliability/adapters-helpers.js';
import { freePort, startRedisServer } from '../reliability/bots.js';
import { startRoundRobin, type RoundRobin } from './round-robin.js';

/** Whether this machine can run the scale-out tests: they need REDIS_URL set and a redis-server binary. */
export const canRunCluster = (() => {
  if (!process.env.REDIS_URL) return false;
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export const MODERATOR_TELEGRAM_ID = 77;
const MODERATOR_ROLE = '55555';
const WEBHOOK_PATH = '/telegram';

/** What a user saw: the text of a Telegram message or of a Discord response, and which process answered. */
export interface Seen {
  text: string;
  /** Index of the process the load balancer sent the request to. */
  process: number;
}

/**
 * Several real bot processes (`dist/src/main.js`) serving the Telegram webhook and Discord HTTP
 * interactions behind one round-robin load balancer, sharing a redis-server of the test's own and a
 * knowledge folder of the test's own, answering through fake platform APIs on 127.0.0.1.
 */
export interface Cluster {
  bots: BotProcess[];
  lb: RoundRobin;
  telegram: FakeBotApi;
  discord: FakeDiscordApi;
  knowledgeDir: string;
  /** Stops the cluster's redis-server (the processes keep running). */
  stopRedis(): Promise<void>;
  /** Sends a Discord slash command through the load balancer; `member` adds roles and the like. */
  discordCommand(
    name: string,
    options: Record<string, string>,
    member?: Record<string, unknown>,
  ): Promise<Seen>;
  /** Presses a button (its custom_id) under an answer, through the load balancer. */
  discordClick(customId: string): Promise<Seen>;
  /** Sends a Telegram message update through the load balancer and returns the bot's reply. */
  telegramMessage(text: string, userId: number): Promise<Seen>;
  /** A moderator's `/kb …` by Telegram (a user in TELEGRAM_MODERATOR_IDS). */
  moderator(action: string): Promise<Seen>;
  /** Each process's `/healthz` store field, in process order. */
  storeStates(): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Starts `count` processes; `watching(i)` says whether process i watches the knowledge folder
 * (the others learn of file changes only by announcement, as on another machine).
 */
export async function startCluster(count: number, watching: (i: number) => boolean): Promise<Cluster> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    const redisPort = await freePort();
    let redis = await startRedisServer(redisPort);
    cleanups.push(() => redis.stop());
    const knowledgeDir = await mkdtemp(path.join(tmpdir(), 'factdesk-scale-kb-'));
    await cp(KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
    const telegram = await startFakeBotApi();
    const discord = await startFakeDiscordApi();
    cleanups.push(
      () => telegram.close(),
      () => discord.close(),
    );
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const bots = await Promise.all(
      ports.map((port, i) =>
        startBot({
          STORE_URL: `redis://127.0.0.1:${redisPort}`,
          KNOWLEDGE_DIR: knowledgeDir,
          WATCH_KNOWLEDGE: String(watching(i)),
          PORT: String(port),
          LOG_LEVEL: 'info',
          TELEGRAM_BOT_TOKEN: SECRETS.TELEGRAM_BOT_TOKEN,
          TELEGRAM_API_ROOT: telegram.url,
          TELEGRAM_WEBHOOK_URL: `https://bot.example.org${WEBHOOK_PATH}`,
          TELEGRAM_WEBHOOK_SECRET: SECRETS.TELEGRAM_WEBHOOK_SECRET,
          TELEGRAM_MODERATOR_IDS: String(MODERATOR_TELEGRAM_ID),
          DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
          DISCORD_APPLICATION_ID: APP_ID,
          DISCORD_API_ROOT: discord.url,
          DISCORD_PUBLIC_KEY: PUBLIC_KEY_HEX,
          DISCORD_MODERATOR_ROLE_IDS: MODERATOR_ROLE,
        }),
      ),
    );
    for (const b of bots) cleanups.push(() => b.stop());
    await Promise.all(bots.map((b) => b.waitForOutput(/http server listening/, 60_000)));
    const lb = await startRoundRobin(ports);
    cleanups.push(() => lb.close());

    const lastServed = () => lb.served[lb.served.length - 1] ?? -1;
    const telegramMessage = async (text: string, userId: number): Promise<Seen> => {
      const res = await fetch(`${lb.url}${WEBHOOK_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': SECRETS.TELEGRAM_WEBHOOK_SECRET,
        },
        body: JSON.stringify({
          update_id: Math.floor(Math.random() * 1e9),
          ...messageUpdate(text, { id: userId, is_bot: false, first_name: 'U' }),
        }),
      });
      const served = lastServed();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      const sent = await telegram.nextCall('sendMessage', 15_000);
      return { text: String(sent.payload.text), process: served };
    };

    const discordInteraction = async (interaction: { token: string }): Promise<Seen> => {
      const raw = JSON.stringify(interaction);
      const res = await fetch(`${lb.url}/interactions`, {
        method: 'POST',
        headers: signInteraction(raw),
        body: raw,
      });
      const served = lastServed();
      if (res.status !== 200) throw new Error(`interactions answered ${res.status}`);
      const body = (await res.json()) as { type: number; data?: unknown };
      if (body.type !== 5 && body.type !== 6) return { text: JSON.stringify(body.data), process: served };
      // Deferred (a slow moment): the answer arrives as an edit of the original response.
      const edit = await discord.nextCall(
        (c) => c.method === 'PATCH' && c.path.includes(interaction.token),
        15_000,
      );
      return { text: JSON.stringify(edit.body), process: served };
    };

    return {
      bots,
      lb,
      telegram,
      discord,
      knowledgeDir,
      async stopRedis() {
        await redis.stop();
        // A stopped server stays stopped; cleanup has nothing left to do for it.
        redis = { stop: () => Promise.resolve() };
      },
      discordCommand: (name, options, member = {}) => discordInteraction(slashCommand(name, options, member)),
      discordClick: (customId) => {
        const click = {
          ...slashCommand('x'),
          type: 3,
          data: { custom_id: customId, component_type: 2 },
          message: { id: '77', channel_id: '901', content: '' },
        };
        return discordInteraction(click);
      },
      telegramMessage,
      moderator: (action) => telegramMessage(`/kb ${action}`, MODERATOR_TELEGRAM_ID),
      storeStates: () =>
        Promise.all(
          ports.map(async (port) => {
            const res = await fetch(`http://127.0.0.1:${port}/healthz`);
            return String(((await res.json()) as { store?: string }).store);
          }),
        ),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
