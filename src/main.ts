import { loadConfig } from './config.js';
import { ConfigError } from './core/errors.js';
import { KnowledgeError } from './knowledge/errors.js';
import { createApp } from './app.js';
import { createConsoleAdapter } from './adapters/console/index.js';
import { startHttpServer, type RouteHandler } from './adapters/http.js';
import { createLogger, errorFields } from './logger.js';
import { StoppedError } from './adapters/retry.js';
import { resolveDir } from './paths.js';
import { siteForApp } from './web/site.js';
import { watchKnowledgeDir } from './knowledge/watch.js';

/** A running adapter: `run` resolves when it has stopped by itself; `stop` asks it to. */
interface Running {
  name: string;
  done: Promise<void>;
  stop(): Promise<void> | void;
}

/** Something that runs until asked to stop (a gateway connection, an HTTP server). */
function runUntilStopped(name: string, stop: () => Promise<void>): Running {
  let stopped: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  return {
    name,
    done,
    stop: async () => {
      await stop();
      stopped();
    },
  };
}

// The only module that reads process.env; everything below gets plain values.
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const hasPlatform = Boolean(config.TELEGRAM_BOT_TOKEN || config.DISCORD_TOKEN);
  const logger = createLogger(config.LOG_LEVEL ?? (hasPlatform ? 'info' : 'warn'), [
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.DISCORD_TOKEN,
    config.DISCORD_PUBLIC_KEY,
  ]);
  // A promise nobody awaited must not take the bot down (nor print a library object with its token).
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting');
    process.exit(1);
  });

  // Stop requests are honoured from the start, also while a platform API is still unreachable.
  const stoppers: (() => Promise<void> | void)[] = [];
  let stopping = false;
  let stopReason = '';
  const stopAll = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    stopReason = reason;
    logger.info({ reason }, 'stopping');
    if (reason !== 'adapters finished') {
      // A container is killed 10 s after SIGTERM: leave on our own terms before that.
      setTimeout(() => {
        logger.error({ reason }, 'still stopping after 9 s; exiting now');
        process.exit(1);
      }, 9000).unref();
    }
    await Promise.allSettled(stoppers.map(async (stop) => stop()));
  };
  process.once('SIGINT', () => void stopAll('SIGINT'));
  process.once('SIGTERM', () => void stopAll('SIGTERM'));
  const app = await createApp({
    knowledgeDir: resolveDir(config.KNOWLEDGE_DIR, 'knowledge'),
    dataDir: resolveDir(config.DATA_DIR, 'data'),
    storeUrl: config.STORE_URL,
    defaultLocale: config.DEFAULT_LOCALE,
    logger,
    ...(config.PUBLIC_URL !== undefined && { publicUrl: config.PUBLIC_URL }),
  });

  const running: Running[] = [];
  const routes: Record<string, RouteHandler> = {};
  const notifiers: ((text: string) => Promise<void>)[] = [];
  // Each platform's library is loaded only when it is configured: the console never loads grammY or discord.js.
  if (config.TELEGRAM_BOT_TOKEN) {
    const { createTelegramAdapter } = await import('./adapters/telegram/index.js');
    const telegram = createTelegramAdapter({
      token: config.TELEGRAM_BOT_TOKEN,
      ...(config.TELEGRAM_API_ROOT !== undefined && {
        apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      }),
      core: app.core,
      logger: logger.child({ adapter: 'telegram' }),
      flood: { limit: config.FLOOD_LIMIT, windowMs: 10_000 },
      webhookReply: config.TELEGRAM_WEBHOOK_REPLY,
      moderatorIds: config.TELEGRAM_MODERATOR_IDS.map(Number),
    });
    stoppers.push(() => telegram.stop());
    notifiers.push(async (text) => {
      for (const target of config.MODERATOR_CHAT_IDS.filter((t) => t.startsWith('telegram:'))) {
        await telegram.bot.api.sendMessage(Number(target.slice('telegram:'.length)), text);
      }
    });
    if (config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET) {
      const path = new URL(config.TELEGRAM_WEBHOOK_URL).pathname;
      try {
        routes[`POST ${path}`] = await telegram.webhook(
          config.TELEGRAM_WEBHOOK_URL,
          config.TELEGRAM_WEBHOOK_SECRET,
        );
        logger.info({ path }, 'telegram webhook registered');
      } catch (err) {
        if (!(err instanceof StoppedError)) throw err;
      }
    } else {
      running.push({ name: 'telegram', done: telegram.start(), stop: () => telegram.stop() });
    }
  }
  if (config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) {
    const { createDiscordAdapter } = await import('./adapters/discord/index.js');
    const discord = createDiscordAdapter({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      ...(config.DISCORD_API_ROOT !== undefined && { apiRoot: config.DISCORD_API_ROOT.replace(/\/+$/, '') }),
      core: app.core,
      logger: logger.child({ adapter: 'discord' }),
      moderatorRoleIds: config.DISCORD_MODERATOR_ROLE_IDS,
      shards: config.DISCORD_SHARDS,
    });
    stoppers.push(() => discord.stop());
    notifiers.push(async (text) => {
      for (const target of config.MODERATOR_CHAT_IDS.filter((t) => t.startsWith('discord:'))) {
        await discord.notify(target.slice('discord:'.length), text);
      }
    });
    if (config.DISCORD_PUBLIC_KEY) {
      // HTTP interactions: no gateway connection; Discord posts each interaction to /interactions.
      routes['POST /interactions'] = discord.interactionsRoute(config.DISCORD_PUBLIC_KEY);
      logger.info('discord http interactions enabled at /interactions');
    } else {
      try {
        await discord.start();
        running.push(runUntilStopped('discord', () => discord.stop()));
        logger.info(discord.shardInfo(), 'discord gateway connected');
      } catch (err) {
        if (!(err instanceof StoppedError)) throw err;
      }
    }
  }
  const site = siteForApp(app, config);
  if ((Object.keys(routes).length > 0 || site) && !stopping) {
    const server = await startHttpServer({
      port: config.PORT,
      routes,
      ...(site && { fallback: site }),
      logger,
      storeState: () => app.storeState(),
    }).catch((err: unknown) => {
      // At the console the site is a convenience: a busy port must not take the console away.
      if (hasPlatform || !(err instanceof Error && 'code' in err && err.code === 'EADDRINUSE')) throw err;
      process.stderr.write(
        `factdesk: port ${config.PORT} is in use, so the site is not served (set PORT or WEB=off)\n`,
      );
      return undefined;
    });
    if (server) {
      const http = runUntilStopped('http', () => server.close());
      stoppers.push(() => http.stop());
      running.push(http);
      logger.info({ url: server.url }, 'http server listening');
    }
  }
  if (!hasPlatform) {
    const adapter = createConsoleAdapter({
      core: app.core,
      input: process.stdin,
      output: process.stdout,
      logger,
      interactive: process.stdin.isTTY,
    });
    stoppers.push(() => adapter.stop());
    running.push({ name: 'console', done: adapter.run(), stop: () => adapter.stop() });
  }

  // Edited files are validated and swapped in; broken ones keep the last good knowledge and alert moderators.
  // A good reload is announced, so processes whose watcher cannot see the change (another machine, a
  // network share, WATCH_KNOWLEDGE=false) re-read their files too.
  const knowledgeDir = resolveDir(config.KNOWLEDGE_DIR, 'knowledge');
  const stopWatching = config.WATCH_KNOWLEDGE
    ? watchKnowledgeDir(knowledgeDir, () => {
        app.editor.reloadEverywhere().then(
          (kb) => logger.info({ figures: kb.figures.length }, 'knowledge reloaded from files'),
          (err: unknown) => {
            const detail = err instanceof KnowledgeError ? err.message : String(err);
            logger.error({ err }, 'knowledge files are invalid; still serving the last good knowledge');
            const text =
              `factdesk: the knowledge files are invalid, so the bot keeps serving the last good version.\n${detail}`.slice(
                0,
                4000,
              );
            for (const notify of notifiers)
              notify(text).catch((e: unknown) => logger.warn({ err: e }, 'could not alert moderators'));
          },
        );
      })
    : () => undefined;

  const stopFollowing = app.editor.followOtherProcesses();

  stoppers.push(stopWatching, stopFollowing);
  if (stopping) await Promise.allSettled(stoppers.map(async (stop) => stop()));
  // The console is in the foreground: the end of its input stops the site too.
  const stopWithConsole = () => stopAll('console input ended');
  void running.find((r) => r.name === 'console')?.done.then(stopWithConsole, stopWithConsole);

  const results = await Promise.allSettled(running.map((r) => r.done));
  await stopAll('adapters finished');
  await app.close();
  const failed = results.filter((r) => r.status === 'rejected');
  for (const f of failed) logger.error({ err: f.reason }, 'adapter failed');
  if (stopReason) logger.info({ reason: stopReason }, 'stopped');
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Operators get the whole story; none of it contains secret values.
    if (err instanceof ConfigError || err instanceof KnowledgeError) process.stderr.write(`${err.message}\n`);
    else {
      // Named fields only: a platform library's error carries its client (and the token) with it.
      const fields = errorFields(err);
      process.stderr.write(`factdesk failed to start: ${JSON.stringify(fields, null, 2)}\n`);
    }
    process.exitCode = err instanceof ConfigError ? 2 : 1;
  },
);
