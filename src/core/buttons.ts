import type { Logger } from 'pino';
import { z } from 'zod';
import type { StoreHealth } from '../store/health.js';
import { createSavedRequests } from '../store/requests.js';
import { answerFigures, type Answer } from './answer.js';
import type { Command, KeyValue } from './command.js';
import type { DispatchRequest } from './dispatch.js';

/** A command and its arguments, as kept behind a button. */
export const SavedRequestSchema = z.object({
  command: z.string().max(32),
  args: z.record(z.string(), z.string().max(2000)),
});
export type SavedRequest = z.infer<typeof SavedRequestSchema>;

/** An answer as an adapter sends it: to whom, and with which buttons. */
export interface Served {
  answer: Answer;
  /** Shown only to the asker: the command says so, or the answer is a mistake of theirs. */
  private: boolean;
  /** The saved request behind the answer's view and language buttons, when it has figures to re-view. */
  token?: string;
}

export interface Buttons {
  /** `dispatch`, plus what the adapter needs to send it: privacy and the buttons' token. */
  serve: (request: DispatchRequest) => Promise<Served>;
  /** The token of a request; the same request always gets the same token, stored behind the answer. */
  saveRequest: (request: SavedRequest) => Promise<string>;
  /** The request behind a token, or undefined when it has expired or never existed. */
  loadRequest: (token: string) => Promise<SavedRequest | undefined>;
}

/**
 * Requests behind the buttons under answers (other views, the other language): saved by a short
 * content-derived token that fits Telegram's 64-byte callback data and Discord's custom ids.
 */
export function createButtons(deps: {
  kv: KeyValue;
  health?: StoreHealth;
  logger: Logger;
  byName: ReadonlyMap<string, Command>;
  dispatch: (request: DispatchRequest) => Promise<Answer>;
}): Buttons {
  const { byName } = deps;
  const requests = createSavedRequests(deps.kv, {
    parse: (value) => {
      const parsed = SavedRequestSchema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    },
    logger: deps.logger,
  });
  // Requests that could not be written while the store was down are written when it is back.
  deps.health?.onChange((state) => {
    if (state === 'up') void requests.flush();
  });

  async function serve(request: DispatchRequest): Promise<Served> {
    const answer = await deps.dispatch(request);
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

  return {
    serve,
    // The token is known at once; the request is stored behind the answer, never awaited.
    saveRequest: (request) => Promise.resolve(requests.save(request)),
    loadRequest: (token) => requests.load(token),
  };
}

function definedArgs(args: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) out[k] = v;
  return out;
}
