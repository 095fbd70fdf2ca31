import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t } from '../src/core/i18n/index.js';
import { unresolvedAnswer } from '../src/core/subject-answer.js';
import { meansAllSubjects } from '../src/core/subscriptions.js';
import { handleOf, infoAnswer } from '../src/core/views.js';

/** `/subscribe <subject|all>`: this chat gets one short notice whenever such a figure changes. */
export const subscribe = {
  name: 'subscribe',
  changesState: true,
  options: [{ name: 'subject', required: true, autocomplete: 'subject', maxLength: 200 }],
  examples: ['/subscribe r1', '/subscribe all'],
  async run({ args, kb, locale, actor, subscriptions }) {
    const wanted = args.subject;
    if (!wanted) throw new UserError('argMissing', { example: '/subscribe r1' });
    const chat = actor.replyTo;
    if (chat === undefined) throw new UserError('noticesUnavailable');
    let subject = '*';
    let name = t(locale, 'answer.everything');
    let handle = 'all';
    if (!meansAllSubjects(wanted)) {
      const resolution = kb.resolveSubject(wanted);
      if (resolution.kind !== 'entity') return unresolvedAnswer(resolution, 'subscribe', wanted, locale);
      subject = resolution.entity.id;
      name = resolution.entity.name;
      handle = handleOf(resolution.entity);
    }
    const added = await subscriptions.add({ platform: actor.platform, chat, subject, locale });
    const line = added
      ? t(locale, 'answer.subscribed', { subject: name, handle })
      : t(locale, 'answer.alreadySubscribed', { subject: name });
    return infoAnswer('subscribe', locale, t(locale, 'answer.subscriptionsTitle'), [line]);
  },
} satisfies Command;
