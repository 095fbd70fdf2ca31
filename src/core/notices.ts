import type { Logger } from 'pino';
import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Figure } from '../knowledge/schema.js';
import type { Actor } from './command.js';
import { t } from './i18n/index.js';
import type { NoticeSender, Subscriptions } from './subscriptions.js';
import { figureView } from './views.js';

/** Update notices: each platform registers how it sends one, and a changed figure tells its subscribers. */
export interface Notices {
  /** Lets an adapter deliver update notices to its chats. */
  registerSender: (platform: Actor['platform'], send: NoticeSender) => void;
  /** Tells subscribed chats, once, that a figure's value or status changed. Returns how many were told. */
  notifyChange: (before: Figure | null, after: Figure | null, reason: string) => Promise<number>;
}

/** Builds the notices of one core over its subscriptions and current knowledge. */
export function createNotices(deps: {
  subscriptions: Subscriptions;
  knowledge: () => KnowledgeIndex;
  logger: Logger;
}): Notices {
  const { subscriptions, logger } = deps;
  const senders = new Map<string, NoticeSender>();

  async function notifyChange(before: Figure | null, after: Figure | null, reason: string): Promise<number> {
    const figure = after ?? before;
    if (!figure) return 0;
    const changed =
      before === null ||
      after === null ||
      before.status !== after.status ||
      JSON.stringify(before.value) !== JSON.stringify(after.value);
    if (!changed) return 0;
    const kb = deps.knowledge();
    const above: string[] = [];
    for (
      let id = kb.entity(figure.subject)?.parent;
      id !== undefined && above.length < 8;
      id = kb.entity(id)?.parent
    )
      above.push(id);
    let told = 0;
    for (const s of await subscriptions.forFigure(figure, above)) {
      const send = senders.get(s.platform);
      if (!send) continue;
      const now = figureView(kb, figure, s.locale);
      const old = before ? figureView(kb, before, s.locale) : undefined;
      const text = t(s.locale, 'answer.updateNotice', {
        figure: `${now.subject.name}, ${now.propertyLabel}`,
        before: old ? `${old.value} (${old.statusLabel})` : '—',
        after: after ? `${now.value} (${now.statusLabel})` : '—',
        reason,
      });
      try {
        await send(s.chat, text, s.locale);
        told++;
      } catch (err) {
        logger.warn({ err, platform: s.platform }, 'could not deliver an update notice');
      }
    }
    return told;
  }

  return {
    registerSender: (platform, send) => {
      senders.set(platform, send);
    },
    notifyChange,
  };
}
