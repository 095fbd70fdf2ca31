import type { AmountValue, Currency, Entity, Locale, Value } from '../knowledge/schema.js';
import { INTL_LOCALE, plural, t } from './i18n/index.js';

// Building an Intl formatter costs far more than using one; keep one per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  // The key encodes the constructor, so the stored formatter has the type `make` returns.
  return formatter as T;
}

const SCALES = [
  { size: 1e12, key: 'scale.trillion' },
  { size: 1e9, key: 'scale.billion' },
  { size: 1e6, key: 'scale.million' },
] as const;

/**
 * A number in the locale's style: `294,000` (en) or `294.000` (id).
 * @param maxFraction decimals kept at most (default 2)
 */
export function formatNumber(value: number, locale: Locale, maxFraction = 2): string {
  return cached(
    `number:${locale}:${maxFraction}`,
    () => new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: maxFraction }),
  ).format(value);
}

/** The currency sign as people write it: `$` and `Rp` in English, `US$` and `Rp` in Indonesian. */
const signs = new Map<string, string>();
function currencySign(currency: Currency, locale: Locale): string {
  const key = `${currency}:${locale}`;
  let sign = signs.get(key);
  if (sign === undefined) {
    const parts = new Intl.NumberFormat(INTL_LOCALE[locale], {
      style: 'currency',
      currency,
      currencyDisplay: locale === 'en' ? 'narrowSymbol' : 'symbol',
    }).formatToParts(0);
    sign = parts.find((p) => p.type === 'currency')?.value ?? currency;
    signs.set(key, sign);
  }
  return sign;
}

/**
 * Money as a reader expects it: `$294,000`, `US$294.000`, `Rp4,87 miliar`, `$10–100 billion`.
 * Amounts of a million or more use the scale word so that digits stay readable.
 */
export function formatMoney(amount: number, currency: Currency, locale: Locale, max?: number): string {
  const sign = currencySign(currency, locale);
  const top = max ?? amount;
  const scale = SCALES.find((s) => top >= s.size);
  if (!scale) {
    const range = max === undefined ? '' : `–${formatNumber(max, locale)}`;
    return `${sign}${formatNumber(amount, locale)}${range}`;
  }
  const scaled = (n: number) => formatNumber(n / scale.size, locale, 3);
  const range = max === undefined ? '' : `–${scaled(max)}`;
  return `${sign}${scaled(amount)}${range} ${t(locale, scale.key)}`;
}

/** A date at the precision the source gave: `2022`, `September 2025`, `17 September 2025`. */
export function formatDate(iso: string, locale: Locale): string {
  const key = `${locale}:${iso}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    text = formatDateUncached(iso, locale);
    // Sources share a few dozen dates; the cap only guards against unbounded growth.
    if (formattedDates.size > 10_000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

const formattedDates = new Map<string, string>();

function formatDateUncached(iso: string, locale: Locale): string {
  const [year, month, day] = iso.split('-');
  if (month === undefined) return year ?? iso;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, day === undefined ? 1 : Number(day)));
  const tag = locale === 'en' ? 'en-GB' : INTL_LOCALE[locale];
  const options: Intl.DateTimeFormatOptions =
    day === undefined
      ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  return cached(
    `date:${locale}:${day === undefined ? 'month' : 'day'}`,
    () => new Intl.DateTimeFormat(tag, options),
  ).format(date);
}

/** Looks up chip names for counts such as "512 Nvidia H800 GPUs". */
export type EntityLookup = (id: string) => Entity | undefined;

function formatAmountCore(v: AmountValue, locale: Locale, entity: EntityLookup): string {
  switch (v.unit) {
    case 'USD':
    case 'IDR':
      return formatMoney(v.amount, v.unit, locale, v.max);
    case 'USD_PER_GPU_HOUR':
      return t(locale, 'units.perGpuHour', { money: formatMoney(v.amount, 'USD', locale) });
    case 'gpu':
    case 'chip':
    case 'hour':
    case 'gpu_hour': {
      const count =
        formatNumber(v.amount, locale) + (v.max === undefined ? '' : `–${formatNumber(v.max, locale)}`);
      const unit = plural(locale, v.unit, v.max ?? v.amount);
      const chip = v.chip === undefined ? undefined : (entity(v.chip)?.name ?? v.chip);
      return chip === undefined
        ? t(locale, 'units.count', { count, unit })
        : t(locale, 'units.countWithChip', { count, unit, chip });
    }
  }
}

/** A figure's value in the answer language, with its qualifier: "about $294,000", "sekitar 80 jam". */
export function formatValue(value: Value, locale: Locale, entity: EntityLookup): string {
  switch (value.type) {
    case 'amount':
      return t(locale, `qualifiers.${value.qualifier}`, { value: formatAmountCore(value, locale, entity) });
    case 'date':
      return formatDate(value.date, locale);
    case 'text':
      return value.text[locale];
  }
}

/** Other currencies the source itself gave, e.g. "Rp4,87 miliar" beside "$294,000". */
export function formatEquivalents(value: Value, locale: Locale): string[] {
  if (value.type !== 'amount') return [];
  return value.equivalents.map((q) => formatMoney(q.amount, q.unit, locale));
}

/** "30,000 Nvidia H20 + 10,000 Nvidia H800 + 10,000 Nvidia H100", or undefined without a breakdown. */
export function formatBreakdown(value: Value, locale: Locale, entity: EntityLookup): string | undefined {
  if (value.type !== 'amount' || value.breakdown.length === 0) return undefined;
  return value.breakdown
    .map((b) => `${formatNumber(b.amount, locale)} ${entity(b.chip)?.name ?? b.chip}`)
    .join(' + ');
}
