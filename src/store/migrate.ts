import type { Logger } from 'pino';
import { z } from 'zod';
import type { KeyValue } from '../core/command.js';
import { describeError } from './health.js';
import type { Store } from './types.js';

// Earlier versions kept the whole change log, and all subscriptions, as one keyv value each.
const LEGACY_EDITS = 'kb:edits';
const LEGACY_SUBSCRIPTIONS = 'subscriptions';
const LegacyEditsSchema = z.array(z.looseObject({ id: z.string(), figure: z.string() }));
const LegacySubscriptionsSchema = z.array(
  z.object({ platform: z.string(), chat: z.string(), subject: z.string(), locale: z.string() }),
);

/**
 * Moves data kept by earlier versions into the atomic structures, once: the change log keeps its
 * `c<n>` ids and order; subscriptions are added one by one (adding twice changes nothing).
 * With the store down it does nothing and runs again at the next start.
 */
export async function migrateLegacyData(store: Store, kv: KeyValue, logger: Logger): Promise<void> {
  try {
    const edits = LegacyEditsSchema.safeParse(await kv.get(LEGACY_EDITS));
    if (edits.success && edits.data.length > 0) {
      const imported = await store.changes.importIfEmpty(
        // The id is the entry's number in the new log, which keeps the order and so the c<n> ids.
        edits.data.map((e) => ({ target: e.figure, body: JSON.stringify({ ...e, id: undefined }) })),
      );
      if (imported)
        logger.info({ changes: edits.data.length }, 'moved the change log to one entry per change');
      await store.keyv.delete(LEGACY_EDITS);
    }
    const subscriptions = LegacySubscriptionsSchema.safeParse(await kv.get(LEGACY_SUBSCRIPTIONS));
    if (subscriptions.success && subscriptions.data.length > 0) {
      for (const s of subscriptions.data) await store.subscriptions.add(s);
      logger.info({ subscriptions: subscriptions.data.length }, 'moved subscriptions to a set per subject');
      await store.keyv.delete(LEGACY_SUBSCRIPTIONS);
    }
  } catch (err) {
    logger.warn(
      { cause: describeError(err) },
      'could not move data of an earlier version yet; will try at the next start',
    );
  }
}
