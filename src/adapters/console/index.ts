import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Actor } from '../../core/command.js';
import type { Core } from '../../core/core.js';
import { renderText } from './render.js';

export interface ConsoleDeps {
  core: Core;
  input: Readable;
  output: Writable;
  logger: Logger;
  /** Show a prompt (for a person at a terminal, not for piped input). */
  interactive: boolean;
}

/** The local operator; one user, so a `/lang` choice persists across runs in the store. */
// The person at the terminal runs the bot, so they may curate its knowledge too.
const LOCAL_ACTOR: Actor = {
  platform: 'console',
  userId: 'local',
  name: 'operator',
  isModerator: true,
  replyTo: 'local',
};

/**
 * Reads command lines from `input` and writes rendered answers to `output`, one at a time, in order.
 * Resolves when the input ends (Ctrl-D or the end of a pipe) or `stop()` is called.
 */
export function createConsoleAdapter({ core, input, output, logger, interactive }: ConsoleDeps) {
  const rl = createInterface({
    input,
    ...(interactive && { output, prompt: 'factdesk> ' }),
    terminal: interactive,
  });
  // Whoever read the answers has gone (`npm start < questions | head`): stop reading, without a fuss.
  output.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') logger.warn({ err }, 'console output failed; stopping');
    rl.close();
  });
  const write = (text: string) => {
    if (!output.destroyed && output.writable) output.write(text);
  };
  core.registerNoticeSender('console', (_chat, text) => {
    write(`${text}\n\n`);
    return Promise.resolve();
  });
  return {
    async run(): Promise<void> {
      if (interactive) {
        write('factdesk: type /help, /cost r1 or /chips deepseek. Ctrl-D to quit.\n');
        rl.prompt();
      }
      for await (const line of rl) {
        if (line.trim()) {
          const answer = await core.dispatchLine(line, LOCAL_ACTOR);
          logger.debug({ command: answer.command, kind: answer.kind }, 'answered');
          write(`${renderText(answer)}\n\n`);
        }
        if (interactive) rl.prompt();
      }
    },
    stop(): void {
      rl.close();
    },
  };
}
