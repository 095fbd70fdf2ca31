import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';
import { meansAllSubjects } from '../src/core/subscriptions.js';
import { infoAnswer } from '../src/core/views.js';

/** `/unsubscribe [subject|all]`: stops this chat's update notices (all of them by default). */
export const unsubscribe = {
  name: 'unsubscribe',
  options: [{ name: 'subject', required: false, autocomplete: 'subject', maxLength: 200 }],
  examples: ['/unsubscribe all'],
  async run({ args, kb, locale, actor, subscriptions }) {
    const chat = actor.replyTo;
    if (chat === undefined) throw new UserError('noticesUnavailable');
    const wanted = args.subject;
    const resolution = wanted && !meansAllSubjects(wanted) ? kb.resolveSubject(wanted) : undefined;
    const subject = resolution?.kind === 'entity' ? resolution.entity.id : '*';
    const count = await subscriptions.remove(actor.platform, chat, subject);
    return infoAnswer('unsubscribe', locale, t(locale, 'answer.subscriptionsTitle'), [
      t(locale, 'answer.unsubscribed', { count }),
    ]);
  },
} satisfies Command;
