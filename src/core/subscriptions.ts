import { z } from 'zod';
import { LocaleSchema, type Figure, type Locale } from '../knowledge/schema.js';
import type { KeyValue } from './command.js';

const KEY = 'subscriptions';

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
const ListSchema = z.array(SubscriptionSchema);

/** Subscriptions kept in the store, shared by every bot process. */
export function createSubscriptions(kv: KeyValue) {
  async function all(): Promise<Subscription[]> {
    const parsed = ListSchema.safeParse((await kv.get(KEY)) ?? []);
    return parsed.success ? parsed.data : [];
  }
  const same = (a: Subscription, b: Pick<Subscription, 'platform' | 'chat' | 'subject'>) =>
    a.platform === b.platform && a.chat === b.chat && a.subject === b.subject;

  return {
    all,
    /** Adds (or updates the language of) a chat's subscription; returns false if it already existed. */
    async add(s: Subscription): Promise<boolean> {
      const list = await all();
      const existed = list.some((x) => same(x, s));
      await kv.set(KEY, [...list.filter((x) => !same(x, s)), s]);
      return !existed;
    },
    /** Removes a chat's subscription to one subject, or all of them for `*`; returns how many went. */
    async remove(platform: string, chat: string, subject: string): Promise<number> {
      const list = await all();
      const kept = list.filter(
        (x) => !(x.platform === platform && x.chat === chat && (subject === '*' || x.subject === subject)),
      );
      await kv.set(KEY, kept);
      return list.length - kept.length;
    },
    /** The chats to tell about a change to `figure`: subscribed to its subject, a subject above it, or everything. */
    async forFigure(figure: Figure, subjectsAbove: readonly string[]): Promise<Subscription[]> {
      const subjects = new Set(['*', figure.subject, ...figure.also_about, ...subjectsAbove]);
      return (await all()).filter((s) => subjects.has(s.subject));
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;

/** Delivers an update notice to one chat of one platform; adapters register one each. */
export type NoticeSender = (chat: string, text: string, locale: Locale) => Promise<void>;
