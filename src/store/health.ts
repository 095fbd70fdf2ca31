import type { Logger } from 'pino';
import { ConfigError } from '../core/errors.js';

/** Whether the store answers: `down` while it is unreachable, stalled or failing. */
export type StoreState = 'up' | 'down';

/** The store cannot be reached or refused a write: nothing was saved. Users are told to try later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** The store named by `STORE_URL` / `DATA_DIR` cannot be opened at start; the message names the variable and the cause. */
export class StoreOpenError extends ConfigError {}

/** Error fields safe to log: never the error object itself (a Redis error may carry the URL and so a password). */
export function describeError(err: unknown): { message: string; code?: string } {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { message: err.message.split('\n')[0] ?? '', ...(typeof code === 'string' && { code }) };
}

export interface StoreHealthOptions {
  /** For logs: `redis` or `sqlite:<file>` (never a URL with its password). */
  kind: string;
  /** The setting that chose this store (`STORE_URL` or `DATA_DIR`), named in the warning so operators know where to look. */
  setting?: string;
  logger: Logger;
  /** Longest any store call may take before it counts as failed (default 1,000 ms). */
  timeoutMs?: number;
  /** How often to try the store again while it is down (default 1,000 ms). */
  probeEveryMs?: number;
  /** One cheap round trip (Redis PING, a SQLite read): resolves when the store answers. */
  probe: () => Promise<unknown>;
}

/**
 * Tracks whether the store answers and guards every call to it: each call has a timeout, a failure
 * marks the store down (logged once per outage), calls while down fail at once instead of waiting,
 * and a probe brings it back up by itself.
 */
export class StoreHealth {
  #state: StoreState = 'up';
  #probe: NodeJS.Timeout | undefined;
  #listeners = new Set<(state: StoreState) => void>();
  readonly timeoutMs: number;
  constructor(private readonly o: StoreHealthOptions) {
    this.timeoutMs = o.timeoutMs ?? 1000;
  }

  get state(): StoreState {
    return this.#state;
  }

  /** Called with the new state whenever it changes (caches drop what they may have missed, writes queued behind flush). */
  onChange(listener: (state: StoreState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs one store call with the timeout.
   * @throws StoreUnavailableError when the store is down, fails or does not answer in time
   */
  async call<T>(what: string, fn: () => Promise<T> | T): Promise<T> {
    if (this.#state === 'down') throw new StoreUnavailableError(`store down (${what})`);
    try {
      return await withTimeout(fn, this.timeoutMs, what);
    } catch (err) {
      this.markDown(err, what);
      throw new StoreUnavailableError(`store failed (${what})`, { cause: err });
    }
  }

  /** Records an outage: one warning, then a probe every second until the store answers again. */
  markDown(err: unknown, what = 'connection'): void {
    if (this.#state === 'down') return;
    this.#state = 'down';
    this.o.logger.warn(
      { store: this.o.kind, setting: this.o.setting, during: what, cause: describeError(err) },
      `store unavailable (${this.o.setting ?? 'store'}): answering without it in the default language; changes and preferences cannot be saved until it is back`,
    );
    this.#emit();
    this.#probe = setInterval(() => {
      withTimeout(this.o.probe, this.timeoutMs, 'probe').then(
        () => this.markUp(),
        () => undefined,
      );
    }, this.o.probeEveryMs ?? 1000);
    this.#probe.unref();
  }

  /** The store answers again: say so once and let the caches catch up. */
  markUp(): void {
    if (this.#state === 'up') return;
    clearInterval(this.#probe);
    this.#state = 'up';
    this.o.logger.warn({ store: this.o.kind }, 'store is back');
    this.#emit();
  }

  stop(): void {
    clearInterval(this.#probe);
  }

  #emit(): void {
    for (const listener of this.#listeners) {
      try {
        listener(this.#state);
      } catch (err) {
        this.o.logger.error({ cause: describeError(err) }, 'store state listener failed');
      }
    }
  }
}

/** Resolves or rejects like `fn()`, or rejects after `ms` (the call itself may still finish later). */
export async function withTimeout<T>(fn: () => Promise<T> | T, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(fn),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms (${what})`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A synchronous store call (SQLite, memory) as a promise: a throw becomes a rejection, like a network store's. */
export function promised<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
