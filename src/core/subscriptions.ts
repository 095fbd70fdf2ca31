import { z } from 'zod';
import { LocaleSchema, type Figure, type Locale } from '../knowledge/schema.js';
import type { SubscriptionStore } from '../store/types.js';

/** Whether what the user typed means every subject ("all", "semua", "*"). */
export function meansAllSubjects(text: string): boolean {
  return /^(all|semua|\*|everything|semuanya)$/i.test(text.trim());
}
/** A chat that wants a short notice when figures about a subject (or any, `*`) change. */
export const SubscriptionSchema = z.object({
  platform: z.string(),
  chat: z.string(),
  subject: z.string(),
  locale: LocaleSchema,
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

/** Subscriptions kept in the store, shared by every bot process; each add or remove is one atomic step. */
export function createSubscriptions(store: SubscriptionStore) {
  return {
    /** Adds (or updates the language of) a chat's subscription; returns false if it already existed. */
    add: (s: Subscription): Promise<boolean> => store.add(s),
    /** Removes a chat's subscription to one subject, or all of them for `*`; returns how many went. */
    remove: (platform: string, chat: string, subject: string): Promise<number> =>
      store.remove(platform, chat, subject),
    /** The chats to tell about a change to `figure`: subscribed to its subject, a subject above it, or everything. */
    async forFigure(figure: Figure, subjectsAbove: readonly string[]): Promise<Subscription[]> {
      const subjects = [...new Set(['*', figure.subject, ...figure.also_about, ...subjectsAbove])];
      const found = await store.forSubjects(subjects);
      // A chat subscribed both to the subject and to everything hears once.
      const seen = new Set<string>();
      return found.flatMap((s) => {
        const parsed = SubscriptionSchema.safeParse(s);
        const key = `${s.platform}\t${s.chat}`;
        if (!parsed.success || seen.has(key)) return [];
        seen.add(key);
        return [parsed.data];
      });
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;

/** Delivers an update notice to one chat of one platform; adapters register one each. */
export type NoticeSender = (chat: string, text: string, locale: Locale) => Promise<void>;
