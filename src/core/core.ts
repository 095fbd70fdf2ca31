import type { Logger } from 'pino';
import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Figure, Locale } from '../knowledge/schema.js';
import type { StoreHealth } from '../store/health.js';
import { memorySubscriptions } from '../store/memory.js';
import type { SubscriptionStore } from '../store/types.js';
import type { Answer, Choice } from './answer.js';
import { createAutocomplete } from './autocomplete.js';
import { createButtons, type SavedRequest, type Served } from './buttons.js';
import type { Actor, Command, KeyValue, Preferences } from './command.js';
import { commandInfoOf, type CommandInfo } from './command-info.js';
import { createCommandRunner } from './command-runner.js';
import { createDispatcher, type DispatchRequest } from './dispatch.js';
import type { GapCounter } from './gaps.js';
import type { KnowledgeEditor } from './knowledge-editor.js';
import { createLocaleResolver } from './locale.js';
import { createNotices } from './notices.js';
import { createSubscriptions, type NoticeSender } from './subscriptions.js';

export { SavedRequestSchema, type SavedRequest, type Served } from './buttons.js';
export type { CommandInfo } from './command-info.js';
export type { DispatchRequest } from './dispatch.js';
export { localeFromHint } from './locale.js';

/** The platform-neutral heart of factdesk: one `dispatch` for every adapter. */
export interface Core {
  dispatch(request: DispatchRequest): Promise<Answer>;
  /** `dispatch`, plus what the adapter needs to send it: privacy and the buttons' token. */
  serve(request: DispatchRequest): Promise<Served>;
  /** A command's metadata by name, ignoring case (`/KB` is `/kb`). */
  command(name: string): CommandInfo | undefined;
  /** Parses `/cost r1` (or `/cost@bot r1`) and dispatches it; text without a slash gets a usage hint. */
  dispatchLine(line: string, actor: Actor, options?: { locale?: Locale }): Promise<Answer>;
  /** Up to 25 choices for an option as the user types, never slower than a map lookup and a scan of aliases. */
  autocomplete(command: string, option: string, typed: string, locale: Locale): Choice[];
  resolveLocale(actor: Actor): Promise<Locale>;
  commandInfo(): CommandInfo[];
  /**
   * Keeps a request for later (a button under an answer re-runs it in another view or language) and
   * returns a short token that fits in Telegram's 64-byte callback data and Discord's custom ids.
   */
  saveRequest(request: SavedRequest): Promise<string>;
  /** The request behind a token, or undefined when it has expired or never existed. */
  loadRequest(token: string): Promise<SavedRequest | undefined>;
  /** Lets an adapter deliver update notices to its chats. */
  registerNoticeSender(platform: Actor['platform'], send: NoticeSender): void;
  /** Tells subscribed chats, once, that a figure's value or status changed. Returns how many were told. */
  notifyChange(before: Figure | null, after: Figure | null, reason: string): Promise<number>;
  /** The knowledge snapshot answers are read from now. */
  knowledge(): KnowledgeIndex;
  /** Swaps in a new, already validated knowledge snapshot; answers in flight keep the old one. */
  setKnowledge(kb: KnowledgeIndex): void;
}

export interface CoreDeps {
  commands: readonly Command[];
  knowledge: KnowledgeIndex;
  preferences: Preferences;
  /** Where button requests are kept (the same store as preferences), written behind the answers. */
  kv: KeyValue;
  /** Chats' subscriptions to update notices (default: kept in this process only). */
  subscriptions?: SubscriptionStore;
  /** The store's health: button requests that could not be written while it was down are written when it is back. */
  health?: StoreHealth;
  editor?: KnowledgeEditor;
  defaultLocale: Locale;
  logger: Logger;
  /** The site's address; answers then link to their page. */
  publicUrl?: string;
  /** Counts misses (fire and forget) and answers `/kb gaps`. */
  gaps?: GapCounter;
}

/**
 * Builds the core from its parts: locale resolution, the command runner (with its per-snapshot
 * answer cache), dispatch, buttons, autocomplete and update notices. Nothing runs at import time;
 * every dependency is passed in.
 */
export function createCore(deps: CoreDeps): Core {
  const { commands, preferences, defaultLocale, logger } = deps;
  let kb = deps.knowledge;
  const knowledge = () => kb;
  const byName = new Map<string, Command>(commands.map((c) => [c.name, c]));
  const subscriptions = createSubscriptions(deps.subscriptions ?? memorySubscriptions());
  const resolveLocale = createLocaleResolver({ preferences, defaultLocale });
  const run = createCommandRunner({
    commands,
    knowledge,
    preferences,
    subscriptions,
    ...(deps.editor !== undefined && { editor: deps.editor }),
    ...(deps.gaps !== undefined && { gaps: deps.gaps }),
    ...(deps.publicUrl !== undefined && { publicUrl: deps.publicUrl }),
  });
  const { dispatch, dispatchLine } = createDispatcher({
    byName,
    run,
    resolveLocale,
    defaultLocale,
    logger,
    ...(deps.gaps !== undefined && { gaps: deps.gaps }),
  });
  const buttons = createButtons({
    kv: deps.kv,
    ...(deps.health !== undefined && { health: deps.health }),
    logger,
    byName,
    dispatch,
  });
  const notices = createNotices({ subscriptions, knowledge, logger });
  const infos = commandInfoOf(commands);
  const infoByName = new Map<string, CommandInfo>(infos.map((c) => [c.name, c]));

  return {
    dispatch,
    serve: buttons.serve,
    command: (name) => infoByName.get(name.toLowerCase()),
    registerNoticeSender: notices.registerSender,
    notifyChange: notices.notifyChange,
    dispatchLine,
    saveRequest: buttons.saveRequest,
    loadRequest: buttons.loadRequest,
    autocomplete: createAutocomplete({ byName, knowledge }),
    resolveLocale,
    commandInfo: () => commandInfoOf(commands),
    knowledge,
    setKnowledge: (next) => {
      kb = next;
    },
  };
}
