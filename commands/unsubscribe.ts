import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';

/** `/unsubscribe [subject|all]`: stops this chat's update notices (all of them by default). */
export const unsubscribe = {
  name: 'unsubscribe',
  options: [{ name: 'subject', required: false, autocomplete: 'subject', maxLength: 200 }],
  examples: ['/unsubscribe all'],
  async run({ args, kb, locale, actor, subscriptions }) {
    const chat = actor.replyTo;
    if (chat === undefined) throw new UserError('noticesUnavailable');
    const wanted = args.subject;
    const resolution = wanted && !/^(all|semua|\*)$/i.test(wanted) ? kb.resolveSubject(wanted) : undefined;
    const subject = resolution?.kind === 'entity' ? resolution.entity.id : '*';
    const count = await subscriptions.remove(actor.platform, chat, subject);
    return {
      kind: 'info',
      command: 'unsubscribe',
      locale,
      title: t(locale, 'answer.subscriptionsTitle'),
      lines: [t(locale, 'answer.unsubscribed', { count })],
      suggestions: [],
    };
  },
} satisfies Command;
