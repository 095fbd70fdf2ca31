import type { Currency, Locale } from '../../knowledge/schema.js';

/** How a statement qualifies its number: "about", "more than", "under", or plain. */
export type StatedQualifier = 'exact' | 'about' | 'over' | 'under';

/** A number found in a statement, with what it counts. */
export type Quantity =
  | {
      kind: 'money';
      /** Every plausible reading (`50.000` is 50 or 50,000 depending on the language). */
      readings: number[];
      max?: number;
      /** Half a unit in the last written digit, relative: "$300,000" is ±17 %, "$294,000" ±0.2 %. */
      precision: number;
      currency: Currency;
      qualifier: StatedQualifier;
      text: string;
    }
  | {
      kind: 'count' | 'hours' | 'gpu_hours';
      readings: number[];
      max?: number;
      precision: number;
      qualifier: StatedQualifier;
      text: string;
    }
  | { kind: 'date'; year?: number; month?: number; day?: number; text: string };

const SCALE_WORDS: readonly [RegExp, number][] = [
  [/^(k|rb|ribu|thousand)$/i, 1e3],
  [/^(m|mn|mln|jt|juta|million|millions)$/i, 1e6],
  [/^(b|bn|miliar|milyar|billion|billions)$/i, 1e9],
  [/^(t|tn|triliun|trillion|trillions)$/i, 1e12],
];

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  januari: 1,
  jan: 1,
  february: 2,
  februari: 2,
  feb: 2,
  march: 3,
  maret: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  mei: 5,
  june: 6,
  juni: 6,
  jun: 6,
  july: 7,
  juli: 7,
  jul: 7,
  august: 8,
  agustus: 8,
  aug: 8,
  agu: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oktober: 10,
  oct: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  desember: 12,
  dec: 12,
  des: 12,
};

/** Month names that are never ordinary words, so they count as dates even without a year. */
const FULL_MONTH_NAME =
  /^(mei|januari|februari|maret|april|juni|juli|agustus|september|oktober|november|desember|january|february|june|july|august|october|december)$/i;

const QUALIFIERS: readonly [RegExp, StatedQualifier][] = [
  [/(more than|over|above|at least|upwards of|lebih dari|di atas|setidaknya|minimal)\s*$/i, 'over'],
  [/(less than|under|below|fewer than|kurang dari|di bawah|hampir|nearly|almost)\s*$/i, 'under'],
  [
    /(about|around|roughly|approximately|approx\.?|some|circa|~|sekitar|kira-kira|kurang lebih|lebih kurang|sekira|nyaris)\s*$/i,
    'about',
  ],
];

// Model and chip codes are names, not numbers: "H800", "R1", "GPT-4o", "A100", "V3".
const CODE = /\b(?:gpt-?\d+[a-z]?|[a-z]{1,3}\d{1,4}[a-z]?s?)\b/gi;
const NOT_CODES = /^(rp|us|usd|idr)\d/i;

/** Replaces model and chip codes with spaces of the same length, so their digits are never read as numbers. */
export function maskCodes(text: string, extra: readonly string[] = []): string {
  let masked = text.replace(CODE, (code) =>
    NOT_CODES.test(code) || /^\d/.test(code) ? code : ' '.repeat(code.length),
  );
  for (const alias of extra) {
    if (!/\d/.test(alias)) continue;
    const pattern = new RegExp(
      `\\b${alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[-\s]+/g, '[-\\s]?')}\\b`,
      'gi',
    );
    masked = masked.replace(pattern, (m) => ' '.repeat(m.length));
  }
  return masked;
}

/**
 * Readings of a written number under both conventions: English (`,` thousands, `.` decimal) and
 * Indonesian (`.` thousands, `,` decimal). The statement's language orders them; both are kept.
 */
export function readNumber(raw: string, locale: Locale): number[] {
  const en = Number(raw.replace(/,/g, ''));
  const id = Number(raw.replace(/\./g, '').replace(',', '.'));
  const valid = (n: number) => Number.isFinite(n);
  // "294,000" and "294.000": groups of three are thousands in both languages; "4,87" and "5.6" are decimals.
  const thousandsOnly =
    /^\d{1,3}([.,]\d{3})+$/.test(raw) && !/^\d{1,3}[.,]\d{3}$/.test(raw) ? true : undefined;
  const readings = locale === 'id' ? [id, en] : [en, id];
  if (thousandsOnly) return [Number(raw.replace(/[.,]/g, ''))];
  return [...new Set(readings.filter(valid))];
}

/** How precisely a number is written: half a unit of its last significant digit, relative to it. */
export function precisionOf(raw: string): number {
  const digits = raw.replace(/[.,]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  const significant = Number(digits || '0');
  return significant === 0 ? 1 : 0.5 / significant;
}

function scaleOf(word: string | undefined, afterRupiah: boolean): number {
  if (!word) return 1;
  // In Indonesian money "Rp4,8 M" means miliar (billion), not million.
  if (afterRupiah && /^m$/i.test(word)) return 1e9;
  return SCALE_WORDS.find(([re]) => re.test(word))?.[1] ?? 1;
}

function qualifierBefore(text: string, index: number): StatedQualifier {
  const before = text.slice(Math.max(0, index - 30), index);
  return QUALIFIERS.find(([re]) => re.test(before))?.[1] ?? 'exact';
}

const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const SCALE = String.raw`(?:k|rb|ribu|thousand|mn|mln|m|jt|juta|million|millions|b|bn|miliar|milyar|billion|billions|t|tn|triliun|trillion|trillions)\b`;
const MONEY = new RegExp(
  String.raw`(?<pre>US\$|USD\s?|\$|Rp\.?\s?|IDR\s?)?(?<num>${NUMBER})(?:\s?(?:-|–|to|sampai|hingga)\s?(?<max>${NUMBER}))?\s?(?<scale>${SCALE})?\.?\s?(?<post>dolar(?:\s+AS)?|dollars?|usd|rupiah|idr)?`,
  'gi',
);
const UNIT_AFTER =
  /^\s*(?<unit>gpu[-\s]?hours?|gpu[-\s]?jam|jam[-\s]?gpu|hours?|hrs?|jam|gpus?|chips?|cips?|unit|units|accelerators?|akselerator|kartu)\b/i;
const CHIPS_AFTER =
  /^\s*(?:(?:nvidia|hopper|huawei|ascend|hgx|seri|series|[a-z]{1,3}\d{2,4}s?)\s*){1,3}(?:gpus?|chips?|units?|unit|akselerator|accelerators?)?(?![\w-])/i;

/** A label before the number, as in "GPU-hours R1: 147.000" or "jam: 80". */
function unitBefore(before: string): 'count' | 'hours' | 'gpu_hours' | undefined {
  const label = /(gpu[-\s]?hours?|jam[-\s]?gpu|hours?|jam|gpus?|chips?)\b[^.\d]{0,20}$/i
    .exec(before)?.[1]
    ?.toLowerCase();
  if (label === undefined) return undefined;
  if (/gpu/.test(label) && /(hour|jam)/.test(label)) return 'gpu_hours';
  return /(hour|jam)/.test(label) ? 'hours' : 'count';
}

/**
 * Finds the quantities in a statement: money in dollars or rupiah (with scales such as juta, M, bn),
 * counts of GPUs or chips, hours, GPU-hours and dates. Model and chip codes are masked first.
 */
export function extractQuantities(
  statement: string,
  locale: Locale,
  codes: readonly string[] = [],
): Quantity[] {
  const text = maskCodes(statement, codes);
  const found: Quantity[] = [];
  const used: [number, number][] = [];
  const overlaps = (s: number, e: number) => used.some(([a, b]) => s < b && e > a);

  for (const m of text.matchAll(MONEY)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].trimEnd().length;
    const num = g.num ?? '';
    const pre = g.pre?.trim().toLowerCase();
    const post = g.post?.toLowerCase();
    const rupiah =
      (pre !== undefined && /^(rp|idr)/.test(pre)) || (post !== undefined && /^(rupiah|idr)/.test(post));
    const dollars =
      (pre !== undefined && /(\$|usd)/.test(pre)) || (post !== undefined && /^(dolar|dollar|usd)/.test(post));
    const scale = scaleOf(g.scale, rupiah);
    const rest = text.slice(end);
    const unit = UNIT_AFTER.exec(rest)?.groups?.unit?.toLowerCase();
    const year = /^(19|20)\d{2}$/.test(num) && !rupiah && !dollars && scale === 1 && !unit;
    if (year) continue;
    const readings = readNumber(num, locale).map((n) => n * scale);
    const max = g.max === undefined ? undefined : (readNumber(g.max, locale)[0] ?? 0) * scale;
    const qualifier = qualifierBefore(text, start);
    const span = m[0].trim();
    if (rupiah || dollars) {
      found.push({
        kind: 'money',
        readings,
        ...(max !== undefined && { max }),
        precision: precisionOf(num),
        currency: rupiah ? 'IDR' : 'USD',
        qualifier,
        text: span,
      });
      used.push([start, end]);
      continue;
    }
    let kind: 'count' | 'hours' | 'gpu_hours' | undefined;
    if (unit !== undefined) {
      if (/gpu/.test(unit) && /(hour|jam)/.test(unit)) kind = 'gpu_hours';
      else if (/^(hours?|hrs?|jam)$/.test(unit)) kind = 'hours';
      else kind = 'count';
    } else if (CHIPS_AFTER.test(statement.slice(end))) {
      // "512 H800s", "512 Nvidia H800 chips", "50,000 Hopper GPUs": chip names after a number count chips.
      kind = 'count';
    } else {
      kind = unitBefore(text.slice(Math.max(0, start - 40), start));
    }
    if (kind === undefined) continue;
    const unitMatch = UNIT_AFTER.exec(rest) ?? CHIPS_AFTER.exec(statement.slice(end));
    const fullEnd = end + (unitMatch ? unitMatch[0].length : 0);
    found.push({
      kind,
      readings,
      ...(max !== undefined && { max }),
      precision: precisionOf(num),
      qualifier,
      text: statement.slice(start, fullEnd).trim(),
    });
    used.push([start, fullEnd]);
  }

  // Dates: "17 September 2025", "September 2025", "Mei", "early 2023" / "awal 2023", "in 2022".
  const DATE =
    /\b(?:(?<day>\d{1,2})\s+)?(?<month>[a-z]{3,9})\.?(?:\s+(?<year>(?:19|20)\d{2}))?\b|\b(?<yearOnly>(?:19|20)\d{2})\b/gi;
  for (const m of text.matchAll(DATE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(start, end)) continue;
    const g = m.groups ?? {};
    if (g.yearOnly !== undefined) {
      found.push({ kind: 'date', year: Number(g.yearOnly), text: m[0] });
      continue;
    }
    const month = MONTHS[(g.month ?? '').toLowerCase()];
    if (month === undefined) {
      // "early 2023", "awal 2023", "in 2023": the word is not a month, the year still counts.
      if (g.year !== undefined) found.push({ kind: 'date', year: Number(g.year), text: m[0] });
      continue;
    }
    // A bare "may"/"mar" is a verb or noun too often: alone, a month needs its full name or a preposition ("in May").
    const bare = g.year === undefined && g.day === undefined;
    const afterPreposition = /\b(in|on|by|since|until|from|pada|sejak|bulan|hingga)\s+$/i.test(
      text.slice(Math.max(0, start - 12), start),
    );
    if (bare && !FULL_MONTH_NAME.test(g.month ?? '') && !afterPreposition) continue;
    found.push({
      kind: 'date',
      ...(g.year !== undefined && { year: Number(g.year) }),
      month,
      ...(g.day !== undefined && { day: Number(g.day) }),
      text: m[0],
    });
  }
  return found;
}

/** Whether a statement denies what it says ("did not", "tidak", "bukan", "never"). */
export function isNegated(statement: string): boolean {
  return /\b(not|never|didn't|did not|isn't|wasn't|no longer|tidak|bukan|tak|belum pernah|tidak pernah)\b/i.test(
    statement,
  );
}
