import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { PREFERENCE_KEY_PREFIX } from './core/command.js';
import { createCore, type Core } from './core/core.js';
import { createGapCounter, type GapCounter } from './core/gaps.js';
import { createKnowledgeEditor, type KnowledgeEditor } from './core/knowledge-editor.js';
import type { Locale } from './knowledge/schema.js';
import { KnowledgeIndex } from './knowledge/index.js';
import { loadCompiledKnowledge } from './knowledge/compiled.js';
import { createPreferences, openStore, type Store, type StoreState } from './store/index.js';
import { keyValueOf } from './store/guard.js';
import { migrateLegacyData } from './store/migrate.js';

export interface AppOptions {
  knowledgeDir: string;
  dataDir: string;
  storeUrl: string | undefined;
  defaultLocale: Locale;
  logger: Logger;
  /** The site's address, for links in answers. */
  publicUrl?: string;
  /** Longest a store call may take before the answer goes on without it (default 1,000 ms). */
  storeTimeoutMs?: number;
  /** Prefix of Redis keys and channels (default `factdesk:`), so test runs sharing a Redis never meet. */
  redisPrefix?: string;
}

/** A loaded core with its store; what every entry point (bot, CLI, benchmarks) starts from. */
export interface App {
  core: Core;
  store: Store;
  gaps: GapCounter;
  editor: KnowledgeEditor;
  /** `up`, or `down` while the store cannot be reached (answers go on; changes cannot be saved). */
  storeState(): StoreState;
  close(): Promise<void>;
}

/**
 * Loads and validates the knowledge, opens the store and builds the core.
 * @throws KnowledgeError when the knowledge is invalid (nothing is served from bad files)
 * @throws StoreOpenError when the SQLite store cannot be used (naming DATA_DIR or STORE_URL and why)
 */
export async function createApp(o: AppOptions): Promise<App> {
  const load = () =>
    loadCompiledKnowledge(o.knowledgeDir, o.dataDir, {
      onCompiled: ({ inChild, ms }) =>
        o.logger.info({ ms: Math.round(ms), in_child: inChild }, 'knowledge compiled'),
    });
  const files = await load();
  const store = await openStore(o.storeUrl, o.dataDir, {
    logger: o.logger,
    ...(o.storeTimeoutMs !== undefined && { timeoutMs: o.storeTimeoutMs }),
    ...(o.redisPrefix !== undefined && { redisPrefix: o.redisPrefix }),
  });
  const kv = keyValueOf(store);
  await migrateLegacyData(store, kv, o.logger);
  // The editor publishes new snapshots to the core, which is built from the editor's first one.
  const target: { core?: Core } = {};
  const editor = createKnowledgeEditor({
    changes: store.changes,
    events: store.events,
    loadFiles: load,
    publish: (kb) => target.core?.setKnowledge(kb),
    onChange: async (edit) => target.core?.notifyChange(edit.before, edit.after, edit.reason),
    logger: o.logger,
  });
  let knowledge: KnowledgeIndex;
  try {
    knowledge = await editor.reload(files);
  } catch (err) {
    // Stored changes that no longer fit the files must not keep the bot from answering.
    o.logger.error({ err }, 'moderator changes do not fit the files; serving the files alone');
    knowledge = new KnowledgeIndex(files);
  }
  const gaps = createGapCounter(store.gaps, o.logger);
  const preferences = createPreferences(kv, {
    events: store.events,
    list: () => store.listValues(PREFERENCE_KEY_PREFIX),
    logger: o.logger,
  });
  // Start answering with every stored preference in memory, waiting no longer than one store call may take.
  await Promise.race([preferences.listed(), delay(o.storeTimeoutMs ?? 1000)]);
  const core = createCore({
    gaps,
    ...(o.publicUrl !== undefined && { publicUrl: o.publicUrl }),
    commands,
    knowledge,
    preferences,
    kv,
    subscriptions: store.subscriptions,
    health: store.health,
    editor,
    defaultLocale: o.defaultLocale,
    logger: o.logger,
  });
  o.logger.info(
    {
      figures: knowledge.figures.length,
      sources: knowledge.sources.length,
      store: store.kind,
      storeState: store.health.state,
    },
    'knowledge loaded',
  );
  target.core = core;
  return { core, store, gaps, editor, storeState: () => store.health.state, close: () => store.close() };
}
