import type { Currency, Locale } from '../../knowledge/schema.js';
import { both, patternOf, VOCABULARY } from './vocabulary.js';

/** How a statement qualifies its number: "about", "more than", "under", or plain. */
export type StatedQualifier = 'exact' | 'about' | 'over' | 'under';

interface Span {
  /** The words of the statement the quantity was read from. */
  text: string;
  /** Where it starts and ends in the (normalised) statement. */
  start: number;
  end: number;
}

interface Amount extends Span {
  /** Every plausible reading (`50.000` is 50 or 50,000 depending on the language). */
  readings: number[];
  max?: number;
  /** Half a unit in the last written digit, relative: "$300,000" is ±17 %, "$294,000" ±0.2 %. */
  precision: number;
  qualifier: StatedQualifier;
}

/** A number found in a statement, with what it counts. */
export type Quantity =
  | (Amount & {
      kind: 'money';
      currency: Currency;
      /** A price per GPU-hour ("$2 per GPU-hour"), not an amount spent. */
      perHour: boolean;
    })
  /** GPUs or chips; hours (days, weeks, minutes converted to hours); GPU-hours. */
  | (Amount & { kind: 'count' | 'hours' | 'gpu_hours'; unit: string })
  | (Span & { kind: 'date'; year?: number; month?: number; day?: number })
  /** A ratio or share ("19x", "30 %"), or a number of something /check has no figure kind for. */
  | (Span & { kind: 'ratio' | 'other' });

export type AmountQuantity = Extract<Quantity, { readings: number[] }>;

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

// Model and chip codes are names, not numbers: "H800", "R1", "GPT-4o", "A100", "V3", "Ascend 910B".
const CODE = /\b(?:gpt-?\d+[a-z]?|[a-z]{1,3}\d{1,4}[a-z]?s?|ascend\s+\d{3}[a-z]?)\b/gi;
const NOT_CODES = /^(rp|us|usd|idr)\d/i;

/** Replaces model and chip codes with spaces of the same length, so their digits are never read as numbers. */
export function maskCodes(text: string, extra: readonly string[] = []): string {
  let masked = text.replace(CODE, (code) =>
    NOT_CODES.test(code) || /^\d/.test(code) ? code : ' '.repeat(code.length),
  );
  for (const alias of extra) {
    if (!/\d/.test(alias)) continue;
    // A match holds the alias's digits as written: most aliases are passed over before a pattern is built.
    if (!masked.includes(/\d+/.exec(alias)?.[0] ?? '')) continue;
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
  const thousandsOnly = /^\d{1,3}([.,]\d{3})+$/.test(raw) && !/^\d{1,3}[.,]\d{3}$/.test(raw);
  if (thousandsOnly) return [Number(raw.replace(/[.,]/g, ''))];
  const readings = locale === 'id' ? [id, en] : [en, id];
  return [...new Set(readings.filter(valid))];
}

/** How precisely a number is written: half a unit of its last significant digit, relative to it. */
export function precisionOf(raw: string): number {
  const digits = raw.replace(/[.,]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  const significant = Number(digits || '0');
  return significant === 0 ? 1 : 0.5 / significant;
}

/** One table of both languages' entries for a field of numbers. */
const merged = (tables: readonly Readonly<Record<string, number>>[]): Readonly<Record<string, number>> =>
  Object.fromEntries(tables.flatMap((t) => Object.entries(t)));
const SCALES = merged(both('scales'));
const NUMBER_WORDS = merged([{ seribu: 1e3, sejuta: 1e6, semiliar: 1e9 }, ...both('numbers')]);
const FRACTIONS = merged(both('fractions'));
const TIME_UNITS = merged(both('timeUnits'));

function scaleOf(word: string | undefined, afterRupiah: boolean): number {
  if (!word) return 1;
  // In Indonesian money "Rp4,8 M" means miliar (billion), not million; "Rp1,6 T" triliun.
  if (afterRupiah && /^m$/i.test(word)) return 1e9;
  if (!afterRupiah && /^m$/i.test(word)) return 1e6;
  return SCALES[word.toLowerCase()] ?? 1;
}

const alternation = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('|');

const SCALE_WORDS = alternation(Object.keys(SCALES));
const NUMBER_WORD = alternation(Object.keys(NUMBER_WORDS));
const FRACTION_WORD = alternation(Object.keys(FRACTIONS));

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** The value of a run of number words ("three hundred", "lima puluh", "sepuluh"), or undefined. */
function wordsValue(run: string): number | undefined {
  let total = 0;
  let current = 0;
  for (const w of run.toLowerCase().split(/\s+/)) {
    const v = NUMBER_WORDS[w];
    if (v === undefined) return undefined;
    if (v === 100 || (v === 10 && (w === 'puluh' || w === 'belas'))) {
      if (w === 'belas') current = (current || 1) + 10;
      else current = (current || 1) * v;
    } else if (v >= 1000) {
      total += (current || 1) * v;
      current = 0;
    } else current += v;
  }
  return total + current;
}

/**
 * Rewrites informal number forms as digits, so one reader handles them all: number words ("fifty
 * thousand", "lima puluh ribu", "a billion"), fractions of a scale ("setengah juta", "a quarter of a
 * million"), "between A and B", the Indonesian approximate suffix ("500-an", "198 jam-an"), "kira2",
 * and "100mn+".
 */
export function normaliseNumbers(text: string): string {
  let s = text
    .replace(/[’‘]/g, "'")
    // "sept 17 2025", "September 17, 2025": the day is read before the month, as in "17 Sept 2025".
    .replace(
      /\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b/gi,
      (m, month: string, day: string, year: string) =>
        month.toLowerCase() in MONTHS ? `${day} ${month} ${year}` : m,
    )
    .replace(/\s?[\u2012\u2013\u2014]\s?(?=(?:US\$|\$|Rp)?\d)/g, '-')
    // Indonesian reduplication written with a 2 ("kira2", "gara2", "dua2nya") is a word, not a number.
    .replace(/\b(?!llama)([A-Za-z][a-z]{2,})2(nya)?\b/g, '$1-$1$2')
    .replace(/(\d)\s*(jam|hari|harian)-?an\b/gi, '$1 $2 ~')
    .replace(/((?:Rp\.?\s?|US\$|\$)?\d[\d.,]*)\s(ribu|juta|miliar|triliun)-?an\b/gi, '~$1 $2')
    .replace(/(\d[\d.,]*(?:rb|ribu|jt|juta|k)?)(?:-an|an)\b/gi, '~$1')
    // "300k-ish": about.
    .replace(/(\d[\d.,]*\s?[a-z]{0,5}?)-?ish\b/gi, '~$1')
    .replace(/(\d[\d.,]*\s*(?:[a-z]{1,8})?)\+(?=\s|$|[^\d])/gi, (m, body: string) =>
      /\d\s*[a-z]*$/i.test(body) ? `more than ${body}` : m,
    );
  // Fractions of a scale: "setengah juta" → 500000, "a quarter of a million" → 250000.
  const fractionScale = new RegExp(
    String.raw`\b(?:an?\s+)?(${FRACTION_WORD})(?:\s+(?:and|dan|to|sampai|-)\s+(?:an?\s+)?(${FRACTION_WORD}))?(?:\s+of)?(?:\s+an?)?\s+(${SCALE_WORDS})\b`,
    'gi',
  );
  s = s.replace(fractionScale, (_m, f1: string, f2: string | undefined, scale: string) => {
    const unit = SCALES[scale.toLowerCase()] ?? 1;
    const a = (FRACTIONS[f1.toLowerCase().replace(/\s+/g, ' ')] ?? 0) * unit;
    if (f2 === undefined) return fmt(a);
    const b = (FRACTIONS[f2.toLowerCase().replace(/\s+/g, ' ')] ?? 0) * unit;
    return `${fmt(a)}-${fmt(b)}`;
  });
  // "half a million" → 500000.
  s = s.replace(
    new RegExp(String.raw`\b(half)\s+an?\s+(${SCALE_WORDS})\b`, 'gi'),
    (_m, _f: string, scale: string) => fmt(0.5 * (SCALES[scale.toLowerCase()] ?? 1)),
  );
  // Number words before a scale, a unit or another number word: "fifty thousand", "a billion".
  const run = new RegExp(
    String.raw`\b((?:(?:${NUMBER_WORD})\s+)*(?:${NUMBER_WORD}))(?=\s+(${SCALE_WORDS})\b|\s+\S)`,
    'gi',
  );
  s = s.replace(run, (m: string, words: string, scale: string | undefined) => {
    const tokens = words.toLowerCase().split(/\s+/);
    // "a", "se" and "do" alone are words, not numbers; a lone number word needs a scale after it.
    if (tokens.length === 1 && (scale === undefined || ['se'].includes(tokens[0] ?? ''))) {
      if (scale === undefined || tokens[0] === 'se') return m;
    }
    if (tokens.every((t) => t === 'a')) return scale === undefined ? m : '1';
    const v = wordsValue(words.replace(/^an?\s+/i, ''));
    return v === undefined || v === 0 ? m : fmt(v);
  });
  // "between 250k and 350k", "antara 250 dan 350 ribu" → "250k-350k".
  s = s.replace(
    /\b(?:between|antara)\s+(\S*\d[\d.,]*\s?[a-z]{0,8})\s+(?:and|dan)\s+(\S*\d)/gi,
    (_m, a: string, b: string) => `${a.trim()}-${b}`,
  );
  return s;
}

const QUALIFIERS: readonly [RegExp, StatedQualifier][] = [
  [patternOf('over', both('over')), 'over'],
  [patternOf('under', both('under')), 'under'],
  [patternOf('approximate', both('approximate')), 'about'],
];

function qualifierBefore(text: string, index: number, after: string): StatedQualifier {
  const before = text.slice(Math.max(0, index - 32), index);
  for (const [re, q] of QUALIFIERS) {
    const anchored = new RegExp(
      `(?:${re.source})\\s*(?:an?\\s+)?(?:us\\$|usd|rp\\.?|\\$|idr)?\\s*$`,
      re.flags,
    );
    if (anchored.test(before)) return q;
  }
  // "198 jam ~" (from "198 jam-an") and "100mn+" read as approximate and over.
  if (/^\s*~/.test(after)) return 'about';
  return 'exact';
}

const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
const AMOUNT = new RegExp(
  String.raw`(?<pre>US\$|USD\s?|\$|Rp\.?\s?|IDR\s?)?(?<num>${NUMBER})(?:\s?(?<scale1>(?:${SCALE_WORDS})(?![\p{L}\p{N}])))?(?:\s?(?:-|–|to|sampai|sampe|ampe|hingga|s\.d\.)\s?(?:US\$|\$|Rp\.?\s?)?(?<max>${NUMBER}))?\s?(?<scale>(?:${SCALE_WORDS})(?![\p{L}\p{N}]))?\.?\s?(?<post>dolar(?:\s+AS)?|dollars?|bucks|usd|rupiah|idr)?`,
  'giu',
);
const OTHER_CURRENCY = patternOf('otherCurrencies', both('otherCurrencies'));
const GPU_HOUR_UNIT = new RegExp(
  String.raw`^\s*(?:(?:nvidia\s+)?(?:h800|h100|h20|a100)\s+)?(?:${alternation(both('gpuHourUnits').flat())}|(?:h800|h100|h20|a100)[-\s]?hours?|jam[-\s](?:nvidia\s+)?(?:h800|h100|h20|a100))(?![\p{L}\p{N}])`,
  'iu',
);
const TIME_UNIT = new RegExp(
  String.raw`^\s*-?(?<unit>${alternation(Object.keys(TIME_UNITS))})(?![\p{L}\p{N}])`,
  'iu',
);
const COUNT_UNIT = new RegExp(
  String.raw`^\s*(?:-?(?:strong|gpu|chip)\s+)?-?(?:(?:nvidia|hopper|hoppers|huawei|ascend|hgx|seri|series|buah|[a-z]{1,3}\d{2,4}s?)\s*){0,3}(?:${alternation(both('countUnits').flat())}|hoppers?|h800s?|h100s?|h20s?|a100s?)(?![\p{L}\p{N}])`,
  'iu',
);
const CHIP_AFTER =
  /^\s*-?(?:(?:nvidia|hopper|huawei|ascend|hgx|seri|series|[a-z]{1,3}\d{2,4}s?)\s*){1,3}(?:gpus?|chips?|units?|unit|akselerator|accelerators?|cluster|kluster)?(?![\w-])/i;
const RATIO_AFTER = new RegExp(
  String.raw`^\s*(?:%|x(?![\p{L}])(?!\s*\d)|×(?!\s*\d)|${alternation(
    both('ratioWords')
      .flat()
      .filter((w) => w !== '%' && w !== 'x'),
  )})`,
  'iu',
);
const TIMES_BEFORE = /(?:\bkali|\bdikali|\bx|×|\btimes)\s*$/i;
const PER_HOUR =
  /^\s*(?:per|\/|an?|se)\s*(?:(?:h800|h100|a100|h20|gpu)[-\s]?)?(?:hours?|hr|jam|jam[-\s]gpu)\b/i;
/** "$2 is an assumed rental price per H800 GPU-hour", "US$2 itu harga sewa per jam-GPU": a price per GPU-hour said a few words later. */
const PRICE_PER_HOUR_LATER =
  /^\s*(?:is|was|adalah|itu)?\s*(?:an?\s+)?(?:[\p{L}-]+\s+){0,3}?(?:price|rate|rent|harga|tarif|sewa)(?:\s+(?:sewa|sewanya|rental))?\s+(?:per|\/|se)\s*(?:\S+\s+)?(?:gpu[-\s]?hours?|jam[-\s]gpu)\b/iu;
const PER_OTHER_TIME =
  /^\s*(?:per|\/|an?|se)\s*(?:weeks?|days?|months?|years?|minutes?|minggu|hari|bulan|tahun|pekan|menit)\b/i;
const PART_OF_COUNT = new RegExp(
  String.raw`^\s*(?:of|dari)\s+(?:[\p{L}\p{N}'’.,-]+\s+){0,3}(?:${alternation(both('countUnits').flat())}|gpus?|chips?)(?![\p{L}])`,
  'iu',
);
const OTHER_COUNT = patternOf('otherCounts', both('otherCounts'));

/** Scale words chat uses for money only. */
const MONEY_SCALES = new Set(['mil', 'mill', 'grand']);

/** A label before the number, as in "GPU-hours R1: 147.000" or "jam: 80". */
const COST_WORDS = patternOf('costWords', [VOCABULARY.en.costWords, VOCABULARY.id.costWords]);
/** "…to train", "buat latih": what a bare amount right after a number was spent on. */
const SPENT_ON = /^\s*(?:to train|for training|buat (?:latih|ngelatih|training)|untuk melatih)\b/iu;

/** "built R1 from scratch for under 300k", "dilatih cuma 294rb": a price paid to build or train. */
const BUILT_FOR =
  /\b(?:built|build|made|trained|train|developed|bikin|dibikin|dibuat|dilatih|ngelatih)\b[^.;!?]*\b(?:for|with|dengan|seharga|cuma|only|just)\s*(?:under|below|about|around|roughly|less than|kurang dari|sekitar|~)?\s*$/iu;

/** Whether the clause around a bare number says it is a cost ("cost", "biaya", "…to train"). */
function saidAsCost(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const clauseBefore = before.slice(before.search(/[^.;,!?]*$/));
  return COST_WORDS.test(clauseBefore) || BUILT_FOR.test(clauseBefore) || SPENT_ON.test(text.slice(end));
}

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
 * counts of GPUs or chips, hours (days and weeks converted), GPU-hours, dates, and ratios or numbers of
 * something else, which /check lists as unverified. Model and chip codes are masked first. The
 * statement should already be normalised with `normaliseNumbers`.
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
  let lastKind: 'count' | 'hours' | 'gpu_hours' | 'money' | undefined;
  let lastCurrency: Currency = 'USD';
  const bareLarge: (Amount & { start: number; end: number; text: string })[] = [];

  for (const m of text.matchAll(AMOUNT)) {
    const g = m.groups ?? {};
    const start = m.index;
    let end = start + m[0].trimEnd().length;
    const num = g.num ?? '';
    const pre = g.pre?.trim().toLowerCase();
    const post = g.post?.toLowerCase();
    const rupiah =
      (pre !== undefined && /^(rp|idr)/.test(pre)) || (post !== undefined && /^(rupiah|idr)/.test(post));
    const dollars =
      (pre !== undefined && /(\$|usd)/.test(pre)) ||
      (post !== undefined && /^(dolar|dollar|usd|bucks)/.test(post));
    const scale = scaleOf(g.scale ?? g.scale1, rupiah);
    const maxScale = g.max === undefined ? 1 : scaleOf(g.scale ?? g.scale1, rupiah);
    const rest = text.slice(end);
    // A scale word belongs to one language: "2.788 million" is read the English way, "4,87 miliar" the Indonesian.
    const scaleWord = (g.scale ?? g.scale1)?.toLowerCase();
    // Rupiah with an English scale word is written either way: "Rp4,87 billion", "Rp4.87 billion".
    const scaleLocale: Locale | undefined = rupiah
      ? undefined
      : scaleWord === undefined || scaleWord.length === 1
        ? undefined
        : scaleWord in VOCABULARY.en.scales && !(scaleWord in VOCABULARY.id.scales)
          ? 'en'
          : scaleWord in VOCABULARY.id.scales && !(scaleWord in VOCABULARY.en.scales)
            ? 'id'
            : undefined;
    const readingsOf = (raw: string) =>
      scaleLocale === undefined ? readNumber(raw, locale) : readNumber(raw, scaleLocale).slice(0, 1);
    const readings = readingsOf(num).map(
      (n) => n * (g.scale1 !== undefined || g.max === undefined ? scale : maxScale),
    );
    // "5,5-5,6 juta" and "270-320rb": the scale after the range applies to both ends; the upper end is
    // read in the convention that keeps the range narrowest.
    const max =
      g.max === undefined
        ? undefined
        : readingsOf(g.max)
            .map((n) => n * maxScale)
            .filter((n) => n > (readings[0] ?? 0))
            .sort((a, b) => a - b)[0];
    const qualifier = qualifierBefore(text, start, rest.replace(/^\s*[\p{L}-]+/u, ''));
    const spanOf = (s: number, e: number) => statement.slice(s, e).trim();
    const amount = {
      readings,
      ...(max !== undefined && { max }),
      precision: precisionOf(num),
      qualifier,
    };
    // "19x" is a ratio; "512 x 80 hours" is a product.
    const ratio = RATIO_AFTER.exec(rest) ?? (/^x\b(?!\s*\d)/i.test(rest) ? /^x/i.exec(rest) : null);
    if (ratio && !rupiah && !dollars) {
      end += ratio[0].length;
      found.push({ kind: 'ratio', text: spanOf(start, end), start, end });
      used.push([start, end]);
      continue;
    }
    const perOtherTime = PER_OTHER_TIME.exec(rest);
    if ((rupiah || dollars) && perOtherTime) {
      // "$20 a month", "US$2 per minggu": a price per some other time, which no figure records.
      end += perOtherTime[0].length;
      found.push({ kind: 'other', text: spanOf(start, end), start, end });
      used.push([start, end]);
      continue;
    }
    if (rupiah || dollars) {
      // "$2 per GPU-hour", and "147k GPU-hours × $2": a price, not an amount spent.
      const perHour = PER_HOUR.exec(rest) ?? PRICE_PER_HOUR_LATER.exec(rest);
      if (perHour) end += perHour[0].length;
      const times = TIMES_BEFORE.test(text.slice(Math.max(0, start - 12), start));
      found.push({
        kind: 'money',
        ...amount,
        currency: rupiah ? 'IDR' : 'USD',
        perHour: perHour !== null || times,
        text: spanOf(start, end),
        start,
        end,
      });
      used.push([start, end]);
      if (!insideBrackets(text, start) && lastKind === undefined) lastKind = 'money';
      lastCurrency = rupiah ? 'IDR' : 'USD';
      continue;
    }
    const other = OTHER_CURRENCY.exec(rest.slice(0, 12));
    if (other && other.index <= 2) {
      end += other.index + other[0].length;
      found.push({ kind: 'other', text: spanOf(start, end), start, end });
      used.push([start, end]);
      continue;
    }
    let kind: 'count' | 'hours' | 'gpu_hours' | undefined;
    let unit = '';
    let factor = 1;
    // Chip codes are masked in the text numbers are read from: "150k H800 hours" is read in the statement.
    const gpuHours = GPU_HOUR_UNIT.exec(rest) ?? GPU_HOUR_UNIT.exec(statement.slice(end));
    const time = TIME_UNIT.exec(rest);
    const count = COUNT_UNIT.exec(rest) ?? CHIP_AFTER.exec(statement.slice(end));
    if (gpuHours) {
      kind = 'gpu_hours';
      unit = gpuHours[0];
    } else if (time?.groups?.unit !== undefined) {
      kind = 'hours';
      unit = time[0];
      factor = TIME_UNITS[time.groups.unit.toLowerCase()] ?? 1;
    } else if (count && count[0].trim().length > 0) {
      kind = 'count';
      unit = count[0];
    }
    const isYear = /^(19|20)\d{2}$/.test(num) && scale === 1 && kind === undefined;
    if (isYear) continue;
    if (kind === undefined) {
      const label = unitBefore(text.slice(Math.max(0, start - 40), start));
      if (label !== undefined) kind = label;
    }
    // "R1 cost under 300 grand", "V3 cost like 5.5 mil": a large bare number said to be a cost is dollars.
    const large = (g.scale ?? g.scale1) !== undefined || (readings[0] ?? 0) >= 10_000;
    // "v3 base ≈ 5.5 mil", "300 grand": chat's money scale words say dollars without a cost word.
    const moneyScale = scaleWord !== undefined && MONEY_SCALES.has(scaleWord);
    if (kind === undefined && large && (moneyScale || saidAsCost(text, start, end))) {
      found.push({
        kind: 'money',
        ...amount,
        currency: 'USD',
        perHour: false,
        text: spanOf(start, end),
        start,
        end,
      });
      used.push([start, end]);
      if (lastKind === undefined) lastKind = 'money';
      continue;
    }
    // "10,000 of DeepSeek's GPUs are H100s", "30 ribu dari 50 ribu GPU itu H20": a part of a count.
    if (kind === undefined && PART_OF_COUNT.test(rest)) kind = 'count';
    if (kind === undefined && OTHER_COUNT.test(rest.slice(0, 24))) {
      end += Math.min(rest.length, /^\s*\S+(?:\s+\S+)?/.exec(rest)?.[0].length ?? 0);
      found.push({ kind: 'other', text: spanOf(start, end), start, end });
      used.push([start, end]);
      continue;
    }
    if (
      kind === undefined &&
      lastKind !== undefined &&
      ((g.scale ?? g.scale1) !== undefined || qualifier !== 'exact')
    ) {
      // "R1-Zero ≈ 101k GPU-hours, R1 ≈ 41k": a bare number in a list counts what the one before it counted.
      if (lastKind === 'money') {
        found.push({
          kind: 'money',
          ...amount,
          currency: lastCurrency,
          perHour: false,
          text: spanOf(start, end),
          start,
          end,
        });
        used.push([start, end]);
        continue;
      }
      kind = lastKind;
    }
    if (kind === undefined) {
      if (/^\d{1,2}$/.test(num) && DAY_BEFORE_MONTH.test(rest)) continue;
      // "R1 bukan 294rb kok, yang bener 5,6 juta dolar": a bare large number before money may be money.
      if (large) bareLarge.push({ ...amount, start, end, text: spanOf(start, end) });
      found.push({ kind: 'other', text: spanOf(start, end), start, end });
      used.push([start, end]);
      continue;
    }
    const fullEnd = end + unit.length;
    found.push({
      kind,
      ...amount,
      readings: amount.readings.map((r) => r * factor),
      ...(max !== undefined && { max: max * factor }),
      unit: unit.trim().toLowerCase(),
      text: spanOf(start, fullEnd),
      start,
      end: fullEnd,
    });
    used.push([start, fullEnd]);
    // A list repeats the unit of its first item: "R1-Zero ~198 hours, R1 ~80" — keep the first.
    if (!insideBrackets(text, start) && lastKind === undefined) lastKind = kind;
  }

  // Dates: "17 September 2025", "September 2025", "Mei", "early 2023" / "awal 2023", "in 2022".
  const DATE =
    /\b(?:(?<day>\d{1,2})\s+)?(?<month>[a-z]{3,9})\.?(?:\s+(?<year>(?:19|20)\d{2}))?\b|\b(?<yearOnly>(?:19|20)\d{2})\b/gi;
  for (const m of text.matchAll(DATE)) {
    const start = m.index;
    const end = start + m[0].length;
    const g = m.groups ?? {};
    if (g.yearOnly !== undefined) {
      if (overlaps(start, end)) continue;
      found.push({ kind: 'date', year: Number(g.yearOnly), text: m[0], start, end });
      continue;
    }
    const month = MONTHS[(g.month ?? '').toLowerCase()];
    if (month === undefined) {
      // "early 2023", "awal 2023", "in 2023": the word is not a month, the year still counts.
      if (g.year !== undefined) {
        const yearStart = start + m[0].lastIndexOf(g.year);
        if (!overlaps(yearStart, end))
          found.push({ kind: 'date', year: Number(g.year), text: g.year, start: yearStart, end });
      }
      continue;
    }
    if (overlaps(start, end)) continue;
    // A bare "may"/"mar" is a verb or noun too often: alone, a month needs its full name or a preposition ("in May").
    const bare = g.year === undefined && g.day === undefined;
    const afterPreposition =
      /\b(in|on|by|for|since|until|from|pada|sejak|bulan|hingga|rilis|dirilis|untuk)\s+$/i.test(
        text.slice(Math.max(0, start - 12), start),
      );
    if (bare && !FULL_MONTH_NAME.test(g.month ?? '') && !afterPreposition) continue;
    found.push({
      kind: 'date',
      ...(g.year !== undefined && { year: Number(g.year) }),
      month,
      ...(g.day !== undefined && { day: Number(g.day) }),
      text: m[0],
      start,
      end,
    });
  }
  // A bare large number is money when a later large amount of the statement is: "bukan 294rb, tapi 5,6 juta dolar".
  const money = found.filter((q) => q.kind === 'money' && !q.perHour && (q.readings[0] ?? 0) >= 10_000);
  for (const b of bareLarge) {
    const after = money.find((q) => q.start > b.start);
    const i = found.findIndex((q) => q.kind === 'other' && q.start === b.start);
    if (after?.kind === 'money' && i >= 0)
      found[i] = { kind: 'money', ...b, currency: after.currency, perHour: false };
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Whether a position is inside brackets: "(~$202k)" is a detail of the item before it. */
function insideBrackets(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return (before.match(/\(/g)?.length ?? 0) > (before.match(/\)/g)?.length ?? 0);
}

const DAY_BEFORE_MONTH =
  /^\s+(jan|feb|mar|apr|may|mei|jun|jul|aug|agu|sep|oct|okt|nov|dec|des)[a-z]*\.?(\s|$)/i;

const NEGATION = patternOf('negations', both('negations'));
/** Whether a statement denies what it says ("did not", "tidak", "bukan", "never"). */
export function isNegated(statement: string): boolean {
  return NEGATION.test(statement);
}

/** The language a statement is written in, from its words: Indonesian when it uses more of them. */
export function statementLanguage(statement: string): Locale {
  const lower = statement.toLowerCase();
  const count = (locale: Locale) =>
    VOCABULARY[locale].commonWords.filter((w) => new RegExp(`(?<![\\p{L}])${w}(?![\\p{L}])`, 'u').test(lower))
      .length;
  return count('id') > count('en') ? 'id' : 'en';
}
