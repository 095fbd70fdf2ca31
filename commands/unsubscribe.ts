import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';
import { meansAllSubjects } from '../src/core/subscriptions.js';
import { unresolvedAnswer } from '../src/core/subject-answer.js';
import { infoAnswer } from '../src/core/views.js';

/** `/unsubscribe [subject|all]`: stops this chat's update notices (all of them by default). */
export const unsubscribe = {
  name: 'unsubscribe',
  changesState: true,
  options: [{ name: 'subject', required: false, autocomplete: 'subject', maxLength: 200 }],
  examples: ['/unsubscribe all'],
  async run({ args, kb, locale, actor, subscriptions }) {
    const chat = actor.replyTo;
    if (chat === undefined) throw new UserError('noticesUnavailable');
    const wanted = args.subject;
    const resolution = wanted && !meansAllSubjects(wanted) ? kb.resolveSubject(wanted) : undefined;
    // A name that resolves to nothing must not fall through to "everything": say so instead.
    if (resolution && resolution.kind !== 'entity')
      return unresolvedAnswer(resolution, 'unsubscribe', wanted ?? '', locale);
    const subject = resolution?.kind === 'entity' ? resolution.entity.id : '*';
    const count = await subscriptions.remove(actor.platform, chat, subject);
    return infoAnswer('unsubscribe', locale, t(locale, 'answer.subscriptionsTitle'), [
      t(locale, 'answer.unsubscribed', { count }),
    ]);
  },
} satisfies Command;
