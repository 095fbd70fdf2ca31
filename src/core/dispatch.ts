import type { Logger } from 'pino';
import type { Locale } from '../knowledge/schema.js';
import { cleanText } from '../knowledge/text.js';
import { StoreUnavailableError } from '../store/health.js';
import type { Answer } from './answer.js';
import type { Actor, Command } from './command.js';
import { actorIsModerator } from './command.js';
import type { CommandRunner } from './command-runner.js';
import { UserError } from './errors.js';
import type { GapCounter } from './gaps.js';
import { t } from './i18n/index.js';
import { parseCommandLine } from './input.js';
import { errorAnswer } from './views.js';

/** What an adapter asks the core to do. */
export interface DispatchRequest {
  command: string;
  args: Readonly<Record<string, string | undefined>>;
  actor: Actor;
  /** Forces the answer language (CLI `--lang`); otherwise it is resolved from preferences and hints. */
  locale?: Locale;
}

export interface Dispatcher {
  /** Checks a request (command, permission, argument lengths), runs it, and answers every failure politely. */
  dispatch: (request: DispatchRequest) => Promise<Answer>;
  /** Parses `/cost r1` (or `/cost@bot r1`) and dispatches it; text without a slash gets a usage hint. */
  dispatchLine: (line: string, actor: Actor, options?: { locale?: Locale }) => Promise<Answer>;
}

/** Command dispatch: the one path from a request to an answer, for every adapter. */
export function createDispatcher(deps: {
  byName: ReadonlyMap<string, Command>;
  run: CommandRunner;
  resolveLocale: (actor: Actor) => Promise<Locale>;
  defaultLocale: Locale;
  logger: Logger;
  gaps?: GapCounter;
}): Dispatcher {
  const { byName, run, resolveLocale, defaultLocale, logger } = deps;

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

  return { dispatch, dispatchLine };
}
