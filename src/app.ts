import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { createCore, type Core } from './core/core.js';
import type { Locale } from './knowledge/schema.js';
import { KnowledgeIndex } from './knowledge/index.js';
import { loadKnowledge } from './knowledge/load.js';
import { createPreferences, openStore, type Store } from './store/index.js';

export interface AppOptions {
  knowledgeDir: string;
  dataDir: string;
  storeUrl: string | undefined;
  defaultLocale: Locale;
  logger: Logger;
}

/** A loaded core with its store; what every entry point (bot, CLI, benchmarks) starts from. */
export interface App {
  core: Core;
  store: Store;
  close(): Promise<void>;
}

/**
 * Loads and validates the knowledge, opens the store and builds the core.
 * @throws KnowledgeError when the knowledge is invalid (nothing is served from bad files)
 */
export async function createApp(o: AppOptions): Promise<App> {
  const knowledge = new KnowledgeIndex(await loadKnowledge(o.knowledgeDir));
  const store = await openStore(o.storeUrl, o.dataDir);
  const core = createCore({
    commands,
    knowledge,
    preferences: createPreferences(store.keyv),
    kv: store.keyv,
    defaultLocale: o.defaultLocale,
    logger: o.logger,
  });
  o.logger.info(
    { figures: knowledge.figures.length, sources: knowledge.sources.length, store: store.kind },
    'knowledge loaded',
  );
  return { core, store, close: () => store.close() };
}
