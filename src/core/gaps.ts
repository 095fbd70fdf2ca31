import type { Logger } from 'pino';
import { cleanText } from '../knowledge/text.js';
import { day, GAP_DAYS, type Gap, type GapStore } from '../store/gaps.js';
import type { Answer } from './answer.js';

export { GAP_DAYS, type Gap } from '../store/gaps.js';
const MAX_TEXT_LENGTH = 200;

/**
 * Counts what users asked that the knowledge could not answer, by normalised text only (no user or chat
 * ids), per day, kept for 90 days. Every increment is a single atomic store operation.
 */
export interface GapCounter {
  /** Counts the answer if it is a miss; returns at once and never throws (the write is fire and forget). */
  recordAnswer(answer: Answer): void;
  /** The most asked misses of the last 90 days, most first. */
  top(limit: number): Promise<Gap[]>;
}

/** The normalised text an answer counts under, or undefined when it is not a miss. */
export function gapText(answer: Answer): string | undefined {
  let text: string;
  if (answer.kind === 'not_found') text = answer.query;
  else if (answer.kind === 'check' && answer.verdict === 'not_in_knowledge') text = answer.statement;
  else return undefined;
  const normal = cleanText(text)
    .toLowerCase()
    .replace(/[\s.!?]+$/, '')
    .slice(0, MAX_TEXT_LENGTH);
  return normal ? `/${answer.command} ${normal}` : undefined;
}

/** A counter over a backend; `now` is injectable so tests can age entries. */
export function createGapCounter(
  backend: GapStore,
  logger: Logger,
  now: () => number = Date.now,
): GapCounter {
  return {
    recordAnswer(answer) {
      const text = gapText(answer);
      if (text === undefined) return;
      // Never awaited: counting must not delay or fail an answer.
      backend.increment(day(now()), text).catch((err: unknown) => {
        logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'could not count a knowledge gap',
        );
      });
    },
    top(limit) {
      const t = now();
      return backend.sums(
        Array.from({ length: GAP_DAYS }, (_, i) => day(t, i)),
        limit,
      );
    },
  };
}
