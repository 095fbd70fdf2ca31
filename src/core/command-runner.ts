import { LRUCache } from 'lru-cache';
import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Locale } from '../knowledge/schema.js';
import type { Answer } from './answer.js';
import type { Actor, Command, Preferences } from './command.js';
import type { GapCounter } from './gaps.js';
import type { KnowledgeEditor } from './knowledge-editor.js';
import { jsonSize } from './json-size.js';
import { withLink } from './links.js';
import { SecondUse } from './second-use.js';
import type { Subscriptions } from './subscriptions.js';

/**
 * Answers kept per knowledge snapshot, at most this many and this much text as JSON (about what they
 * take in memory: a list of figures is a few KB, a page of sources 12 KB); a new snapshot starts an
 * empty cache.
 */
const ANSWER_CACHE_MAX = 2000;
const ANSWER_CACHE_CHARS = 4 << 20;

/** Questions asked once on a snapshot, remembered so that the second asking keeps its answer. */
const ASKED_ONCE_MAX = 10_000;

interface AnswerCache {
  answers: LRUCache<string, Answer>;
  asked: SecondUse;
}

function answerCache(): AnswerCache {
  return {
    answers: new LRUCache<string, Answer>({
      max: ANSWER_CACHE_MAX,
      maxSize: ANSWER_CACHE_CHARS,
      sizeCalculation: jsonSize,
    }),
    asked: new SecondUse(ASKED_ONCE_MAX),
  };
}

/** Runs a command on the current knowledge; arguments are already checked and cleaned. */
export type CommandRunner = (
  command: Command,
  args: Record<string, string | undefined>,
  locale: Locale,
  actor: Actor,
) => Promise<Answer>;

export interface CommandRunnerDeps {
  commands: readonly Command[];
  knowledge: () => KnowledgeIndex;
  preferences: Preferences;
  subscriptions: Subscriptions;
  editor?: KnowledgeEditor;
  gaps?: GapCounter;
  /** The site's address; answers then link to their page. */
  publicUrl?: string;
}

/**
 * Runs commands, reusing an answer for the same question on the same snapshot. An answer is kept
 * only when the command read nothing about the asker, their chat or the store (tracked as it runs):
 * it then depends on nothing but the knowledge, the command, its arguments and the language.
 */
export function createCommandRunner(deps: CommandRunnerDeps): CommandRunner {
  const { commands, preferences, subscriptions } = deps;
  // Kept for one snapshot: a moderator edit or a file reload publishes a new one, and the cache goes with it.
  let cached = { kb: deps.knowledge(), cache: answerCache() };
  function answersFor(snapshot: KnowledgeIndex): AnswerCache | undefined {
    if (cached.kb !== snapshot && snapshot === deps.knowledge())
      cached = { kb: snapshot, cache: answerCache() };
    return cached.kb === snapshot ? cached.cache : undefined;
  }

  return async function run(command, args, locale, actor) {
    const snapshot = deps.knowledge();
    const key = `${command.name}\n${locale}\n${JSON.stringify(args)}`;
    const hit = answersFor(snapshot)?.answers.get(key);
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
    const cache = answersFor(snapshot);
    // Kept from the second asking (see `SecondUse`).
    if (!personal && cache?.asked.again(key)) cache.answers.set(key, answer);
    return answer;
  };
}
