import type { Command } from '../src/core/command.js';
import { actorIsModerator, chatKey, userKey } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t, type Locale, type MessageKey } from '../src/core/i18n/index.js';
import { infoAnswer } from '../src/core/views.js';
import { foldCase } from '../src/knowledge/text.js';

// What people type for each language, in either language.
const NAMES: Readonly<Record<string, Locale>> = {
  en: 'en',
  english: 'en',
  inggris: 'en',
  id: 'id',
  in: 'id',
  indonesia: 'id',
  indonesian: 'id',
  bahasa: 'id',
  'bahasa indonesia': 'id',
};

/** The confirmation, already in the newly chosen language. */
function confirmed(locale: Locale, key: MessageKey) {
  return infoAnswer('lang', locale, t(locale, 'answer.langTitle'), [t(locale, key)], ['/help']);
}

/** `/lang [en|id]`: shows or sets the answer language for the user. */
export const lang = {
  name: 'lang',
  changesState: true,
  options: [{ name: 'language', required: false, autocomplete: 'language', maxLength: 40 }],
  examples: ['/lang id', '/lang en'],
  async run({ args, locale, actor, preferences }) {
    const wanted = args.language;
    if (!wanted) {
      return infoAnswer(
        'lang',
        locale,
        t(locale, 'answer.langTitle'),
        [t(locale, 'answer.langCurrent')],
        ['/lang en', '/lang id'],
      );
    }
    // "/lang id chat": a moderator sets the language of the whole group for people who chose none.
    const [, name = wanted, scope] = /^(.*?)(?:\s+(chat|group|grup|server|obrolan))?$/i.exec(wanted) ?? [];
    const chosen = NAMES[foldCase(name.trim())];
    if (!chosen) throw new UserError('badLanguage');
    const chat = chatKey(actor);
    if (scope !== undefined) {
      if (chat === undefined) throw new UserError('badLanguage');
      if (!(await actorIsModerator(actor))) throw new UserError('notAllowed');
      await preferences.setLocale(chat, chosen);
      return confirmed(chosen, 'answer.langSetChat');
    }
    await preferences.setLocale(userKey(actor), chosen);
    return confirmed(chosen, 'answer.langSet');
  },
} satisfies Command;
