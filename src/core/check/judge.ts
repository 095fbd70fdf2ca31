import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Dispute, Entity, Figure, Locale, Property, Value } from '../../knowledge/schema.js';
import { extractQuantities, isNegated, type Quantity } from './quantities.js';

/** The verdicts of /check, from best to worst for the statement; `not_in_knowledge` abstains. */
export const VERDICTS = [
  'supported',
  'mostly_accurate',
  'disputed',
  'misleading',
  'contradicted',
  'not_in_knowledge',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * Within 1 % is the same figure (the articles round, e.g. Rp4,87 → Rp4,9). Within 5 % a plain number is a
 * loose rounding ("$300,000" for $294,000): mostly accurate. "About X" claims ±10 %, the usual reading of "about".
 */
export const SAME_TOLERANCE = 0.01;
export const ROUNDING_TOLERANCE = 0.05;
export const ABOUT_TOLERANCE = 0.1;

/** Which properties a kind of quantity can speak about. */
const PROPERTIES_FOR: Readonly<Record<Quantity['kind'], readonly Property[]>> = {
  money: ['training_cost', 'cost_forecast', 'investment', 'compute_price'],
  count: ['gpu_count', 'gpu_holdings'],
  hours: ['training_hours'],
  gpu_hours: ['gpu_hours'],
  date: ['announced', 'release', 'effective', 'rescinded'],
};
/** Money first: in "trained for $294,000 on 512 H800s" the cost is the claim, the chips the detail. */
const KIND_ORDER: readonly Quantity['kind'][] = ['money', 'count', 'gpu_hours', 'hours', 'date'];

type Match = 'same' | 'close' | 'different';

/** What the statement was judged against, and why; texts are built from it in the answer language. */
export type Judgement =
  | {
      verdict: 'supported' | 'mostly_accurate' | 'disputed' | 'contradicted';
      reason: 'matches' | 'negated';
      figures: Figure[];
    }
  | { verdict: Verdict; reason: 'dispute_side'; figures: Figure[]; dispute: Dispute }
  | { verdict: 'misleading'; reason: 'other_subject'; figures: Figure[] }
  | { verdict: 'misleading'; reason: 'conflated'; figures: Figure[]; dispute: Dispute }
  | { verdict: 'contradicted' | 'supported'; reason: 'differs'; figures: Figure[] }
  | { verdict: 'not_in_knowledge'; reason: 'no_number' | 'no_subject' | 'nothing'; figures: Figure[] };

const codesCache = new WeakMap<KnowledgeIndex, string[]>();
/** Aliases with digits (r1, h800, gpt-4o) are masked before numbers are read. */
function codesOf(kb: KnowledgeIndex): string[] {
  let codes = codesCache.get(kb);
  if (!codes) {
    codes = kb.entities
      .flatMap((e) => [e.name, ...e.aliases.en, ...e.aliases.id])
      .filter((a) => /\d/.test(a));
    codesCache.set(kb, codes);
  }
  return codes;
}

function relative(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 0 : Infinity) : Math.abs(a - b) / Math.abs(b);
}

/** Compares one stated number with a recorded amount or range. */
function compareNumber(
  stated: number,
  statedMax: number | undefined,
  qualifier: string,
  low: number,
  high: number,
): Match {
  if (statedMax !== undefined) {
    const same = relative(stated, low) <= SAME_TOLERANCE && relative(statedMax, high) <= SAME_TOLERANCE;
    if (same) return 'same';
    return stated <= high * (1 + SAME_TOLERANCE) && statedMax >= low * (1 - SAME_TOLERANCE)
      ? 'close'
      : 'different';
  }
  const inRange = stated >= low * (1 - SAME_TOLERANCE) && stated <= high * (1 + SAME_TOLERANCE);
  const distance = inRange ? 0 : Math.min(relative(stated, low), relative(stated, high));
  switch (qualifier) {
    case 'over':
      return high >= stated * (1 - SAME_TOLERANCE)
        ? distance <= SAME_TOLERANCE
          ? 'same'
          : 'close'
        : 'different';
    case 'under':
      return low <= stated * (1 + SAME_TOLERANCE)
        ? distance <= SAME_TOLERANCE
          ? 'same'
          : 'close'
        : 'different';
    case 'about':
      return distance <= SAME_TOLERANCE ? 'same' : distance <= ABOUT_TOLERANCE ? 'close' : 'different';
    default:
      return distance <= SAME_TOLERANCE ? 'same' : distance <= ROUNDING_TOLERANCE ? 'close' : 'different';
  }
}

/** Money in the statement's currency: the source's own equivalent first, else a rate recorded in the knowledge. */
function moneyIn(
  kb: KnowledgeIndex,
  value: Extract<Value, { type: 'amount' }>,
  currency: 'USD' | 'IDR',
): [number, number] | undefined {
  const high = value.max ?? value.amount;
  if (value.unit === currency) return [value.amount, high];
  if (value.unit !== 'USD' && value.unit !== 'IDR') return undefined;
  const own = value.equivalents.find((q) => q.unit === currency);
  if (own) return [own.amount, own.amount * (high / value.amount)];
  const rate = kb.rates.find((r) => r.from === value.unit && r.to === currency);
  if (rate) return [value.amount * rate.rate, high * rate.rate];
  const inverse = kb.rates.find((r) => r.from === currency && r.to === value.unit);
  return inverse ? [value.amount / inverse.rate, high / inverse.rate] : undefined;
}

/** How a stated quantity compares with a recorded value, or undefined when they measure different things. */
export function compare(kb: KnowledgeIndex, q: Quantity, value: Value, perHour: boolean): Match | undefined {
  if (q.kind === 'date') {
    if (value.type !== 'date') return undefined;
    const [year, month, day] = value.date.split('-').map(Number);
    const pairs: [number | undefined, number | undefined][] = [
      [q.year, year],
      [q.month, month],
      [q.day, day],
    ];
    const compared = pairs.filter(([a, b]) => a !== undefined && b !== undefined);
    if (compared.length === 0) return undefined;
    return compared.every(([a, b]) => a === b) ? 'same' : 'different';
  }
  if (value.type !== 'amount') return undefined;
  let range: [number, number] | undefined;
  if (q.kind === 'money') {
    if ((value.unit === 'USD_PER_GPU_HOUR') !== perHour) return undefined;
    range =
      value.unit === 'USD_PER_GPU_HOUR'
        ? [value.amount, value.max ?? value.amount]
        : moneyIn(kb, value, q.currency);
  } else {
    const unitFor = { count: ['gpu', 'chip'], hours: ['hour'], gpu_hours: ['gpu_hour'] }[q.kind];
    if (unitFor.includes(value.unit)) range = [value.amount, value.max ?? value.amount];
  }
  if (!range) return undefined;
  const [low, high] = range;
  // Take the reading that fits best: "50.000" is fifty thousand next to a knowledge of thousands.
  const results = q.readings.map((r) => compareNumber(r, q.max, q.qualifier, low, high));
  return results.includes('same') ? 'same' : results.includes('close') ? 'close' : 'different';
}

/** The figures a statement about these entities may be judged against: their own, their models', their firm's. */
function familyFigures(kb: KnowledgeIndex, entities: readonly Entity[]): Figure[] {
  const out = new Set<Figure>();
  for (const e of entities) {
    for (const f of kb.figuresAbout(e.id)) out.add(f);
    for (let parent = e.parent; parent !== undefined; parent = kb.entity(parent)?.parent) {
      for (const f of kb.figuresAbout(parent)) if (f.subject === parent) out.add(f);
    }
  }
  return [...out];
}

const PROPERTY_ORDER = Object.values(PROPERTIES_FOR).flat();
const byProperty = (a: Figure, b: Figure) =>
  PROPERTY_ORDER.indexOf(a.property) - PROPERTY_ORDER.indexOf(b.property);

/** Judges a statement with numbers against the knowledge. Never invents: no match, no verdict. */
export function judge(kb: KnowledgeIndex, statement: string, locale: Locale): Judgement {
  const quantities = extractQuantities(statement, locale, codesOf(kb)).sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  if (quantities.length === 0) return { verdict: 'not_in_knowledge', reason: 'no_number', figures: [] };
  const entities = kb.mentionedEntities(statement);
  if (entities.length === 0) return { verdict: 'not_in_knowledge', reason: 'no_subject', figures: [] };

  const negated = isNegated(statement);
  const perHour = /\b(per|\/)\s*(gpu[-\s]?)?(hour|jam)|per jam/i.test(statement);
  const family = familyFigures(kb, entities);
  const relevant = (q: Quantity, f: Figure) => PROPERTIES_FOR[q.kind].includes(f.property);

  // Own-value matches of every quantity, for the "two scopes merged" check.
  const ownMatches = quantities.flatMap((q) =>
    family
      .filter((f) => relevant(q, f))
      .flatMap((f) => {
        const m = compare(kb, q, f.value, perHour);
        return m === 'same' || m === 'close' ? [{ q, f, m }] : [];
      }),
  );
  for (const a of ownMatches) {
    for (const b of ownMatches) {
      if (a.q === b.q) continue;
      const dispute = a.f.disputes.find((d) => d.conflates.includes(b.f.id));
      if (dispute) return { verdict: 'misleading', reason: 'conflated', figures: [a.f, b.f], dispute };
    }
  }

  for (const q of quantities) {
    const candidates = family.filter((f) => relevant(q, f)).sort(byProperty);
    const own = ownMatches
      .filter((m) => m.q === q)
      .sort((a, b) => (a.m === b.m ? byProperty(a.f, b.f) : a.m === 'same' ? -1 : 1));
    const best = own[0];
    if (best) {
      const contested = best.f.status === 'disputed' || best.f.status === 'contradicted';
      if (negated) return { verdict: 'contradicted', reason: 'negated', figures: [best.f] };
      const verdict = contested ? 'disputed' : best.m === 'same' ? 'supported' : 'mostly_accurate';
      return { verdict, reason: 'matches', figures: [best.f] };
    }
    for (const f of candidates) {
      for (const d of f.disputes) {
        if (!d.value) continue;
        const m = compare(kb, q, d.value, perHour);
        if (m !== 'same' && m !== 'close') continue;
        const verdict: Verdict =
          d.kind === 'error'
            ? negated
              ? 'supported'
              : 'contradicted'
            : d.kind === 'rounding'
              ? 'mostly_accurate'
              : 'disputed';
        return { verdict, reason: 'dispute_side', figures: [f], dispute: d };
      }
    }
    if (candidates.length === 0) continue;
    // A real figure, but someone else's: "R1 cost $5.6 million" is DeepSeek-V3's cost.
    // Read loosely ("$6 million" is the $5.576 million rounded), since the point is whose figure it is.
    const loose: Quantity = q.kind === 'date' || q.qualifier !== 'exact' ? q : { ...q, qualifier: 'about' };
    const elsewhere = kb.figures.find((f) => {
      if (family.includes(f) || !PROPERTIES_FOR[q.kind].includes(f.property)) return false;
      const m = compare(kb, loose, f.value, perHour);
      return m === 'same' || m === 'close';
    });
    if (elsewhere && !negated)
      return {
        verdict: 'misleading',
        reason: 'other_subject',
        figures: [elsewhere, ...candidates.slice(0, 1)],
      };
    const comparable = candidates.filter((f) => compare(kb, q, f.value, perHour) !== undefined);
    if (comparable.length > 0) {
      return {
        verdict: negated ? 'supported' : 'contradicted',
        reason: 'differs',
        figures: comparable.slice(0, 2),
      };
    }
  }
  return { verdict: 'not_in_knowledge', reason: 'nothing', figures: [] };
}
