import type { Locale } from '../../knowledge/schema.js';
import { en } from './en.js';
import { id } from './id.js';

export type { Locale } from '../../knowledge/schema.js';
export { LocaleSchema } from '../../knowledge/schema.js';

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };
/** The shape every catalogue has: the English one with its texts widened to `string`. */
export type Catalogue = Widen<typeof en>;

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every translatable text, as a dotted key such as `answer.scope` or `errors.tooLong`. */
export type MessageKey = Leaves<typeof en>;
/** Codes of expected, user-fixable failures; each is a key of `errors`. */
export type ErrorCode = keyof typeof en.errors;
/** Keys that have a plural form (`one` / `other`). */
export type PluralKey = {
  [K in keyof typeof en.units]: (typeof en.units)[K] extends { one: string } ? K : never;
}[keyof typeof en.units];

const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, id };

/** Intl locale tags behind each answer language. */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-US', id: 'id-ID' };

/** The catalogue for a locale (for adapters that need a whole section, e.g. command descriptions). */
export function catalogue(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}

/**
 * Looks up a text and fills `{placeholders}`. Unknown placeholders are left visible so a missing
 * parameter shows up in review instead of silently vanishing.
 */
export function t(
  locale: Locale,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  let node: unknown = CATALOGUES[locale];
  for (const part of key.split('.')) node = isRecord(node) ? node[part] : undefined;
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : String(value);
  });
}

/** The singular or plural form of a unit for a count, by the locale's plural rules. */
export function plural(locale: Locale, key: PluralKey, count: number): string {
  const forms = CATALOGUES[locale].units[key];
  return pluralRule(locale).select(count) === 'one' ? forms.one : forms.other;
}

const pluralRuleCache = new Map<Locale, Intl.PluralRules>();
function pluralRule(locale: Locale): Intl.PluralRules {
  let rule = pluralRuleCache.get(locale);
  if (rule === undefined) {
    rule = new Intl.PluralRules(INTL_LOCALE[locale]);
    pluralRuleCache.set(locale, rule);
  }
  return rule;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
