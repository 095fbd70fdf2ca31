import type { Logger } from 'pino';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { KnowledgeIndex } from '../knowledge/index.js';
import { MAX_CHOICES } from '../knowledge/index.js';
import type { Locale } from '../knowledge/schema.js';
import { cleanText } from '../knowledge/text.js';
import { answerFigures, type Answer, type Choice } from './answer.js';
import type { Actor, Command, CommandName, KeyValue, Preferences } from './command.js';
import { actorIsModerator, chatKey, userKey } from './command.js';
import { UserError } from './errors.js';
import { catalogue, t } from './i18n/index.js';
import { parseCommandLine } from './input.js';
import type { KnowledgeEditor } from './knowledge-editor.js';
import { choices, errorAnswer, figureView } from './views.js';
import { createSubscriptions, type NoticeSender } from './subscriptions.js';
import type { GapCounter } from './gaps.js';
import { withLink } from './links.js';
import { StoreUnavailableError, type StoreHealth } from '../store/health.js';
import { memorySubscriptions } from '../store/memory.js';
import { createSavedRequests } from '../store/requests.js';
import type { SubscriptionStore } from '../store/types.js';
import type { Figure } from '../knowledge/schema.js';

/** Command metadata adapters need for menus and registration, with texts in both languages. */
export interface CommandInfo {
  name: CommandName;
  /** Hidden from menus and help for everyone but moderators. */
  moderatorOnly: boolean;
  /** It changes a preference, a subscription or the knowledge. */
  changesState: boolean;
  /** Answers are shown only to the asker; adapters defer such commands privately too. */
  privateAnswer: boolean;
  /** Takes the text of the message it replies to (Telegram) when typed without text. */
  takesRepliedMessage: boolean;
  /** Offered as the action on a message (Discord's message context menu). */
  messageAction: boolean;
  /** Offered in Telegram inline mode for a typed query or an empty one. */
  inline?: 'query' | 'empty';
  description: Record<Locale, string>;
  options: {
    name: string;
    required: boolean;
    autocomplete: boolean;
    maxLength: number;
    description: Record<Locale, string>;
  }[];
}

/** A command and its arguments, as kept behind a button. */
export const SavedRequestSchema = z.object({
  command: z.string().max(32),
  args: z.record(z.string(), z.string().max(2000)),
});
export type SavedRequest = z.infer<typeof SavedRequestSchema>;

/** What an adapter asks the core to do. */
export interface DispatchRequest {
  command: string;
  args: Readonly<Record<string, string | undefined>>;
  actor: Actor;
  /** Forces the answer language (CLI `--lang`); otherwise it is resolved from preferences and hints. */
  locale?: Locale;
}

/** An answer as an adapter sends it: to whom, and with which buttons. */
export interface Served {
  answer: Answer;
  /** Shown only to the asker: the command says so, or the answer is a mistake of theirs. */
  private: boolean;
  /** The saved request behind the answer's view and language buttons, when it has figures to re-view. */
  token?: string;
}

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

/** Answers kept per knowledge snapshot (a few MB at most); a new snapshot starts an empty cache. */
const ANSWER_CACHE_MAX = 2000;

/** Maps a platform hint (`id`, `id-ID`, `in`, `en-GB`) to an answer language, if we have it. */
export function localeFromHint(hint: string | undefined): Locale | undefined {
  const lang = hint?.toLowerCase().split(/[-_]/)[0];
  if (lang === 'id' || lang === 'in') return 'id';
  if (lang === 'en') return 'en';
  return undefined;
}

/** Builds the core. Nothing runs at import time; every dependency is passed in. */
export function createCore(deps: CoreDeps): Core {
  const { commands, preferences, defaultLocale, logger } = deps;
  let kb = deps.knowledge;
  const byName = new Map<string, Command>(commands.map((c) => [c.name, c]));
  const subscriptions = createSubscriptions(deps.subscriptions ?? memorySubscriptions());
  const requests = createSavedRequests(deps.kv, {
    parse: (value) => {
      const parsed = SavedRequestSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    },
    logger,
  });
  deps.health?.onChange((state) => {
    if (state === 'up') void requests.flush();
  });
  const senders = new Map<string, NoticeSender>();
  // Answers that depend on nothing but the knowledge, the command, its arguments and the language.
  // Kept for one snapshot: a moderator edit or a file reload publishes a new one, and the cache goes with it.
  let cached = { kb, answers: new LRUCache<string, Answer>({ max: ANSWER_CACHE_MAX }) };
  function answersFor(snapshot: KnowledgeIndex): LRUCache<string, Answer> | undefined {
    if (cached.kb !== snapshot && snapshot === kb)
      cached = { kb, answers: new LRUCache<string, Answer>({ max: ANSWER_CACHE_MAX }) };
    return cached.kb === snapshot ? cached.answers : undefined;
  }

  /**
   * Runs a command, reusing its answer for the same question on the same snapshot. An answer is kept
   * only when the command read nothing about the asker, their chat or the store (tracked as it runs).
   */
  async function run(
    command: Command,
    args: Record<string, string | undefined>,
    locale: Locale,
    actor: Actor,
  ): Promise<Answer> {
    const snapshot = kb;
    const key = `${command.name}\n${locale}\n${JSON.stringify(args)}`;
    const hit = answersFor(snapshot)?.get(key);
    if (hit) return hit;
    let personal = command.moderatorOnly === true;
    const touched = <T>(value: T): T => {
      personal = true;
      return value;
    };
    const answer = withLink(
      await command.run({
        args,
        locale,
        kb: snapshot,
        commands,
        get actor() {
          return touched(actor);
        },
        get preferences() {
          return touched(preferences);
        },
        get subscriptions() {
          return touched(subscriptions);
        },
        get editor() {
          return touched(deps.editor);
        },
        get gaps() {
          return touched(deps.gaps);
        },
      }),
      deps.publicUrl,
    );
    if (!personal) answersFor(snapshot)?.set(key, answer);
    return answer;
  }

  async function resolveLocale(actor: Actor): Promise<Locale> {
    const chat = chatKey(actor);
    return (
      (await preferences.getLocale(userKey(actor))) ??
      (chat === undefined ? undefined : await preferences.getLocale(chat)) ??
      localeFromHint(actor.localeHint) ??
      defaultLocale
    );
  }

  async function dispatch(request: DispatchRequest): Promise<Answer> {
    const name = request.command.toLowerCase();
    let locale = request.locale ?? defaultLocale;
    try {
      locale = request.locale ?? (await resolveLocale(request.actor));
      const command = byName.get(name);
      if (!command) throw new UserError('unknownCommand', { command: `/${cleanText(name).slice(0, 32)}` });
      if (command.moderatorOnly === true && !(await actorIsModerator(request.actor)))
        throw new UserError('notAllowed');
      const args: Record<string, string | undefined> = {};
      for (const option of command.options) {
        const raw = request.args[option.name];
        if (raw === undefined) continue;
        if (raw.length > option.maxLength)
          throw new UserError('tooLong', { length: raw.length, max: option.maxLength });
        const value = cleanText(raw);
        if (value) args[option.name] = value;
      }
      const answer = await run(command, args, locale, request.actor);
      deps.gaps?.recordAnswer(answer);
      return answer;
    } catch (err) {
      if (err instanceof UserError)
        return errorAnswer(name, locale, err.code, t(locale, `errors.${err.code}`, err.params));
      // Nothing was saved; the store's health has logged why, once.
      if (err instanceof StoreUnavailableError)
        return errorAnswer(name, locale, 'storeUnavailable', t(locale, 'errors.storeUnavailable'));
      logger.error({ err, command: name }, 'command failed');
      return errorAnswer(name, locale, 'unexpected', t(locale, 'errors.unexpected'));
    }
  }

  async function dispatchLine(
    line: string,
    actor: Actor,
    options: { locale?: Locale } = {},
  ): Promise<Answer> {
    const parsed = parseCommandLine(line);
    if (!parsed) {
      const locale = options.locale ?? (await resolveLocale(actor));
      return errorAnswer('', locale, 'notACommand', t(locale, 'errors.notACommand'));
    }
    const command = byName.get(parsed.name);
    const first = command?.options[0];
    const args = first && parsed.rest ? { [first.name]: parsed.rest } : {};
    return dispatch({ command: parsed.name, args, actor, ...(options.locale && { locale: options.locale }) });
  }

  function autocomplete(commandName: string, optionName: string, typed: string, locale: Locale): Choice[] {
    const option = byName.get(commandName)?.options.find((o) => o.name === optionName);
    const text = cleanText(typed.slice(0, 200));
    switch (option?.autocomplete) {
      case 'subject':
        return choices(kb.completeSubjects(text, MAX_CHOICES), commandName, locale);
      case 'source':
        return kb.sources
          .filter((s) => !text || `${s.id} ${s.outlet}`.toLowerCase().includes(text.toLowerCase()))
          .slice(0, MAX_CHOICES)
          .map((s) => ({
            id: s.id,
            label: `${s.outlet} (${s.published})`,
            description: s.title,
            command: `/sources ${s.id}`,
          }));
      case 'language':
        return (['en', 'id'] as const).map((l) => ({
          id: l,
          label: catalogue(l).meta.languageName,
          description: catalogue(locale).languages[l],
          command: `/lang ${l}`,
        }));
      default:
        return [];
    }
  }

  async function serve(request: DispatchRequest): Promise<Served> {
    const answer = await dispatch(request);
    const command = byName.get(request.command.toLowerCase());
    // Moderators' work is never re-run from a button; only answers with figures have other views.
    const keep = command !== undefined && command.moderatorOnly !== true && answerFigures(answer).length > 0;
    const token = keep
      ? requests.save({ command: command.name, args: definedArgs(request.args) })
      : undefined;
    return {
      answer,
      private: command?.privateAnswer === true || answer.kind === 'error',
      ...(token !== undefined && { token }),
    };
  }

  function commandInfo(): CommandInfo[] {
    return commands.map((c) => {
      const texts = { en: catalogue('en').commands[c.name], id: catalogue('id').commands[c.name] };
      return {
        name: c.name,
        moderatorOnly: c.moderatorOnly === true,
        changesState: c.changesState === true,
        privateAnswer: c.privateAnswer === true,
        takesRepliedMessage: c.takesRepliedMessage === true,
        messageAction: c.messageAction === true,
        ...(c.inline !== undefined && { inline: c.inline }),
        description: { en: texts.en.description, id: texts.id.description },
        options: c.options.map((o) => ({
          name: o.name,
          required: o.required,
          autocomplete: o.autocomplete !== undefined,
          maxLength: o.maxLength,
          description: { en: optionText(texts.en.options, o.name), id: optionText(texts.id.options, o.name) },
        })),
      };
    });
  }

  async function notifyChange(before: Figure | null, after: Figure | null, reason: string): Promise<number> {
    const figure = after ?? before;
    if (!figure) return 0;
    const changed =
      before === null ||
      after === null ||
      before.status !== after.status ||
      JSON.stringify(before.value) !== JSON.stringify(after.value);
    if (!changed) return 0;
    const above: string[] = [];
    for (
      let id = kb.entity(figure.subject)?.parent;
      id !== undefined && above.length < 8;
      id = kb.entity(id)?.parent
    )
      above.push(id);
    let told = 0;
    for (const s of await subscriptions.forFigure(figure, above)) {
      const send = senders.get(s.platform);
      if (!send) continue;
      const now = figureView(kb, figure, s.locale);
      const old = before ? figureView(kb, before, s.locale) : undefined;
      const text = t(s.locale, 'answer.updateNotice', {
        figure: `${now.subject.name}, ${now.propertyLabel}`,
        before: old ? `${old.value} (${old.statusLabel})` : '—',
        after: after ? `${now.value} (${now.statusLabel})` : '—',
        reason,
      });
      try {
        await send(s.chat, text, s.locale);
        told++;
      } catch (err) {
        logger.warn({ err, platform: s.platform }, 'could not deliver an update notice');
      }
    }
    return told;
  }

  const infoByName = new Map<string, CommandInfo>(commandInfo().map((c) => [c.name, c]));
  return {
    dispatch,
    serve,
    command: (name) => infoByName.get(name.toLowerCase()),
    registerNoticeSender: (platform, send) => {
      senders.set(platform, send);
    },
    notifyChange,
    dispatchLine,
    // The same request always gets the same token; it is stored behind the answer, never awaited.
    saveRequest: (request) => Promise.resolve(requests.save(request)),
    loadRequest: (token) => requests.load(token),
    autocomplete,
    resolveLocale,
    commandInfo,
    knowledge: () => kb,
    setKnowledge: (next) => {
      kb = next;
    },
  };
}

function definedArgs(args: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) out[k] = v;
  return out;
}

function optionText(options: Readonly<Record<string, string>>, name: string): string {
  return options[name] ?? name;
}
