import type { Locale } from '../knowledge/schema.js';
import type { Actor, Preferences } from './command.js';
import { chatKey, userKey } from './command.js';

/** Maps a platform hint (`id`, `id-ID`, `in`, `en-GB`) to an answer language, if we have it. */
export function localeFromHint(hint: string | undefined): Locale | undefined {
  const lang = hint?.toLowerCase().split(/[-_]/)[0];
  if (lang === 'id' || lang === 'in') return 'id';
  if (lang === 'en') return 'en';
  return undefined;
}

/**
 * The answer language for an actor: their own `/lang` choice, then their chat's, then the
 * platform's hint, then the default.
 */
export function createLocaleResolver(deps: {
  preferences: Preferences;
  defaultLocale: Locale;
}): (actor: Actor) => Promise<Locale> {
  const { preferences, defaultLocale } = deps;
  return async function resolveLocale(actor) {
    const chat = chatKey(actor);
    return (
      (await preferences.getLocale(userKey(actor))) ??
      (chat === undefined ? undefined : await preferences.getLocale(chat)) ??
      localeFromHint(actor.localeHint) ??
      defaultLocale
    );
  };
}
