import { localeFromHint } from '../core/core.js';
import type { Locale } from '../knowledge/schema.js';

/**
 * The page language: `?lang=` when it names one we have, then the best of `Accept-Language`
 * (by its q-values), then the default.
 */
export function pageLocale(
  lang: string | null,
  acceptLanguage: string | undefined,
  fallback: Locale,
): Locale {
  const asked = localeFromHint(lang ?? undefined);
  if (asked) return asked;
  const ranked = (acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { locale: localeFromHint(tag.trim()), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.locale !== undefined && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.locale ?? fallback;
}
