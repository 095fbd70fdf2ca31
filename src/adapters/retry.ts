import type { Logger } from 'pino';

/** Thrown by `retryWithBackoff` when it was asked to stop before the task succeeded. */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
  constructor() {
    super('stopped before the platform API answered');
  }
}

/** Resolves after `ms`, or rejects with StoppedError as soon as `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new StoppedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  /** What is being attempted, for the log line ("telegram start-up"). */
  what: string;
  logger: Logger;
  signal: AbortSignal;
  /** Errors that no retry can fix (a wrong token): thrown at once. */
  isFatal?: (err: unknown) => boolean;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `task` until it succeeds, waiting 1, 2, 4 … up to 60 s between attempts and logging each
 * failure with the next delay, so an unreachable platform API at start is visible and a stop
 * request (the signal) still ends the wait at once.
 * @throws StoppedError when stopped first; the task's error when `isFatal` says so
 */
export async function retryWithBackoff<T>(task: () => Promise<T>, o: RetryOptions): Promise<T> {
  let delay = o.firstDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    if (o.signal.aborted) throw new StoppedError();
    try {
      return await task();
    } catch (err) {
      if (o.signal.aborted) throw new StoppedError();
      if (o.isFatal?.(err) === true) throw err;
      o.logger.warn(
        { err, attempt, retry_in_ms: delay },
        `${o.what} failed: platform API unreachable or failing; retrying`,
      );
      await pause(delay, o.signal);
      delay = Math.min(delay * 2, o.maxDelayMs ?? 60_000);
    }
  }
}
