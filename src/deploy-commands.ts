// `npm run deploy-commands`: registers the slash commands and the context menu with Discord.
// Run it when commands change, never on every start (Discord rate-limits registration).
import { createDiscordAdapter } from './adapters/discord/index.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { ConfigError } from './core/errors.js';
import { createLogger } from './logger.js';
import { resolveDir } from './paths.js';

async function deploy(): Promise<number> {
  const config = loadConfig(process.env);
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    throw new ConfigError('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register commands.');
  }
  const logger = createLogger(config.LOG_LEVEL ?? 'warn');
  const app = await createApp({
    knowledgeDir: resolveDir(config.KNOWLEDGE_DIR, 'knowledge'),
    dataDir: resolveDir(config.DATA_DIR, 'data'),
    storeUrl: 'memory://',
    defaultLocale: config.DEFAULT_LOCALE,
    logger,
  });
  const discord = createDiscordAdapter({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    ...(config.DISCORD_API_ROOT !== undefined && { apiRoot: config.DISCORD_API_ROOT.replace(/\/+$/, '') }),
    core: app.core,
    logger,
  });
  try {
    const report = await discord.deployCommands(config.DISCORD_GUILD_ID);
    const where = config.DISCORD_GUILD_ID
      ? `guild ${config.DISCORD_GUILD_ID}`
      : 'all servers (global; may take up to an hour to show)';
    process.stdout.write(
      `Registered ${report.added.length + report.changed.length + report.unchanged.length} commands for ${where}.\n`,
    );
    for (const label of ['added', 'changed', 'removed', 'unchanged'] as const) {
      const names = report[label];
      if (names.length > 0) process.stdout.write(`  ${label}: ${names.join(', ')}\n`);
    }
    return 0;
  } finally {
    await discord.stop();
    await app.close();
  }
}

deploy().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = err instanceof ConfigError ? 2 : 1;
  },
);
