import type { Command } from '../src/core/command.js';
import { actorIsModerator, chatKey, userKey } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t, type Locale } from '../src/core/i18n/index.js';
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

/** `/lang [en|id]`: shows or sets the answer language for the user. */
export const lang = {
  name: 'lang',
  options: [{ name: 'language', required: false, autocomplete: 'language', maxLength: 40 }],
  examples: ['/lang id', '/lang en'],
  async run({ args, locale, actor, preferences }) {
    const wanted = args.language;
    if (!wanted) {
      return {
        kind: 'info',
        command: 'lang',
        locale,
        title: t(locale, 'answer.langTitle'),
        lines: [t(locale, 'answer.langCurrent')],
        suggestions: ['/lang en', '/lang id'],
      };
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
      return {
        kind: 'info',
        command: 'lang',
        locale: chosen,
        title: t(chosen, 'answer.langTitle'),
        lines: [t(chosen, 'answer.langSetChat')],
        suggestions: ['/help'],
      };
    }
    await preferences.setLocale(userKey(actor), chosen);
    return {
      kind: 'info',
      command: 'lang',
      locale: chosen,
      title: t(chosen, 'answer.langTitle'),
      lines: [t(chosen, 'answer.langSet')],
      suggestions: ['/help'],
    };
  },
} satisfies Command;
