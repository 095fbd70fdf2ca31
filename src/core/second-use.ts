import { LRUCache } from 'lru-cache';

/**
 * Remembers keys seen once, so that a cache keeps a value from its second use. Values used once (a
 * stream of new subjects, someone going through a list) would otherwise push out the popular ones, and
 * every value kept lives through V8's young collections, whose pauses set the answers' slowest times.
 */
export class SecondUse {
  private readonly seenOnce: LRUCache<string, true>;

  /** @param max keys remembered at most (the least recently seen go first) */
  constructor(max: number) {
    this.seenOnce = new LRUCache<string, true>({ max });
  }

  /** Whether `key` was seen before: true from its second use on (then it is forgotten here). */
  again(key: string): boolean {
    if (this.seenOnce.delete(key)) return true;
    this.seenOnce.set(key, true);
    return false;
  }
}
