import { promised } from './health.js';
import type { ChangeLogStore, StoreEvents, SubscriptionRecord, SubscriptionStore } from './types.js';

/** The change log in this process only (tests, the one-shot CLI). Each method runs without awaiting, so it is atomic. */
export function memoryChangeLog(): ChangeLogStore {
  const log: { target: string; body: string }[] = [];
  const revisions = new Map<string, number>();
  return {
    since: (after) => promised(() => log.slice(after).map((c, i) => ({ seq: after + i + 1, body: c.body }))),
    append: (target, expected, body) =>
      promised(() => {
        if ((revisions.get(target) ?? 0) !== expected) return undefined;
        log.push({ target, body });
        revisions.set(target, log.length);
        return log.length;
      }),
    importIfEmpty: (changes) =>
      promised(() => {
        if (log.length > 0) return false;
        for (const c of changes) {
          log.push(c);
          revisions.set(c.target, log.length);
        }
        return true;
      }),
  };
}

const chatOf = (s: Pick<SubscriptionRecord, 'platform' | 'chat'>) => `${s.platform}\t${s.chat}`;

/** Subscriptions in this process only: a map per subject. */
export function memorySubscriptions(): SubscriptionStore {
  const bySubject = new Map<string, Map<string, SubscriptionRecord>>();
  return {
    add: (s) =>
      promised(() => {
        const chats = bySubject.get(s.subject) ?? new Map<string, SubscriptionRecord>();
        bySubject.set(s.subject, chats);
        const existed = chats.has(chatOf(s));
        chats.set(chatOf(s), s);
        return !existed;
      }),
    remove: (platform, chat, subject) =>
      promised(() => {
        let removed = 0;
        for (const [key, chats] of bySubject)
          if ((subject === '*' || key === subject) && chats.delete(chatOf({ platform, chat }))) removed++;
        return removed;
      }),
    forSubjects: (subjects) =>
      promised(() => subjects.flatMap((s) => [...(bySubject.get(s)?.values() ?? [])])),
  };
}

/** Announcements within this process: there is no other process to tell. */
export function memoryEvents(): StoreEvents {
  return { publish: () => Promise.resolve(), subscribe: () => undefined, onResync: () => undefined };
}
