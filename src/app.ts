import type { Logger } from 'pino';
import { commands } from '../commands/index.js';
import { createCore, type Core } from './core/core.js';
import { createGapCounter, gapBackendFor, type GapCounter } from './core/gaps.js';
import { createKnowledgeEditor, type KnowledgeEditor } from './core/knowledge-editor.js';
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
  /** The site's address, for links in answers. */
  publicUrl?: string;
}

/** A loaded core with its store; what every entry point (bot, CLI, benchmarks) starts from. */
export interface App {
  core: Core;
  store: Store;
  gaps: GapCounter;
  editor: KnowledgeEditor;
  close(): Promise<void>;
}

/**
 * Loads and validates the knowledge, opens the store and builds the core.
 * @throws KnowledgeError when the knowledge is invalid (nothing is served from bad files)
 */
export async function createApp(o: AppOptions): Promise<App> {
  const load = () => loadKnowledge(o.knowledgeDir, { snapshotDir: o.dataDir });
  const files = await load();
  const store = await openStore(o.storeUrl, o.dataDir);
  // The editor publishes new snapshots to the core, which is built from the editor's first one.
  const target: { core?: Core } = {};
  const editor = createKnowledgeEditor({
    kv: store.keyv,
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
  const gaps = createGapCounter(gapBackendFor(store), o.logger);
  const core = createCore({
    gaps,
    ...(o.publicUrl !== undefined && { publicUrl: o.publicUrl }),
    commands,
    knowledge,
    preferences: createPreferences(store.keyv),
    kv: store.keyv,
    editor,
    defaultLocale: o.defaultLocale,
    logger: o.logger,
  });
  o.logger.info(
    { figures: knowledge.figures.length, sources: knowledge.sources.length, store: store.kind },
    'knowledge loaded',
  );
  target.core = core;
  return { core, store, gaps, editor, close: () => store.close() };
}
