import type Keyv from 'keyv';
import type { GapStore } from './gaps.js';
import type { StoreHealth } from './health.js';

/** One moderator change as stored: its sequence number (the `c<n>` id) and its JSON without the id. */
export interface StoredChange {
  seq: number;
  body: string;
}

/**
 * Moderators' change log: one entry per change, numbered by an atomic counter, and a revision per
 * figure (the sequence number of its last change) checked and set in the same atomic step.
 */
export interface ChangeLogStore {
  /** Changes numbered above `after`, oldest first. */
  since(after: number): Promise<StoredChange[]>;
  /**
   * Records a change of `target` if its revision is still `expected` (0: never changed).
   * @returns the new change's sequence number, or `undefined` when `target` changed meanwhile
   */
  append(target: string, expected: number, body: string): Promise<number | undefined>;
  /** Writes an older log (kept as one value by earlier versions) if the log is still empty; true if it did. */
  importIfEmpty(changes: readonly { target: string; body: string }[]): Promise<boolean>;
}

/** A chat's wish to hear about changes of one subject (`*`: all), in a language. */
export interface SubscriptionRecord {
  platform: string;
  chat: string;
  subject: string;
  locale: string;
}

/** Subscriptions as a set per subject: each add or remove is one atomic step, so concurrent chats never overwrite each other. */
export interface SubscriptionStore {
  /** Adds or updates the language; true when it is new. */
  add(s: SubscriptionRecord): Promise<boolean>;
  /** Removes one subject of a chat, or all of them for `*`; returns how many went. */
  remove(platform: string, chat: string, subject: string): Promise<number>;
  /** The subscriptions to any of these subjects. */
  forSubjects(subjects: readonly string[]): Promise<SubscriptionRecord[]>;
}

/** Channels processes sharing a store announce changes on. */
export type StoreChannel = 'kb' | 'prefs';

/** Announcements between processes sharing a store: Redis pub/sub, or a small SQLite table read twice a second. */
export interface StoreEvents {
  publish(channel: StoreChannel, message: string): Promise<void>;
  /** Handles messages from other processes (never this process's own). */
  subscribe(channel: StoreChannel, handler: (message: string) => void): void;
  /** Runs `handler` whenever announcements may have been missed (the store was down, the connection dropped). */
  onResync(handler: () => void): void;
}

/** One simple value as keyv keeps it: the key without keyv's namespace, and the value itself. */
export type StoredValue = readonly [key: string, value: unknown];

/** The store of one process: keyv for simple values, and the atomic structures beside it. */
export interface Store {
  /** Simple values (preferences, button requests); calls go through `health` for timeouts. */
  keyv: Keyv;
  changes: ChangeLogStore;
  subscriptions: SubscriptionStore;
  /** Questions the knowledge could not answer, counted per day by text alone. */
  gaps: GapStore;
  events: StoreEvents;
  /**
   * Every unexpired simple value whose key starts with `prefix`, in one pass. For start-up and resyncs,
   * never an answer: not bounded by the store's timeout, and a failure never marks the store down.
   */
  listValues(prefix: string): Promise<StoredValue[]>;
  health: StoreHealth;
  /** What backs it, for logs: `sqlite:<file>`, `redis` or `memory` (never the URL, which may hold a password). */
  kind: string;
  close(): Promise<void>;
}
