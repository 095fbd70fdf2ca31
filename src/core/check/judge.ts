import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Dispute, Entity, Figure, Locale, Property, Value } from '../../knowledge/schema.js';
import { extractQuantities, isNegated, type Quantity } from './quantities.js';
import { VERDICTS, type Verdict } from './verdicts.js';

export { VERDICTS, type Verdict };

/**
 * Within 1 % is the same figure (sources round, e.g. 2.788 → 2.8 million). A plain number is also "close"
 * (mostly accurate) within the rounding its own digits imply ("$300,000" covers 250–350k, "Rp4,8 M"
 * 4,75–4,85), but never beyond 10 %, the usual reading of "about", which is also what "about X" allows.
 */
export const SAME_TOLERANCE = 0.01;
export const ABOUT_TOLERANCE = 0.1;

/** Which properties a kind of quantity can speak about. */
const PROPERTIES_FOR: Readonly<Record<Quantity['kind'], readonly Property[]>> = {
  money: ['training_cost', 'cost_forecast', 'investment', 'compute_price'],
  count: ['gpu_count', 'gpu_holdings'],
  hours: ['training_hours'],
  gpu_hours: ['gpu_hours'],
  date: ['announced', 'release', 'planned_release', 'effective', 'rescinded'],
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
  /** A plan, an assumption or a forecast stated as something that happened. */
  | { verdict: 'contradicted'; reason: 'not_actual'; figures: Figure[] }
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
  precision: number,
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
      return distance <= SAME_TOLERANCE
        ? 'same'
        : distance <= Math.min(ABOUT_TOLERANCE, Math.max(SAME_TOLERANCE, precision))
          ? 'close'
          : 'different';
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
  const results = q.readings.map((r) => compareNumber(r, q.max, q.qualifier, q.precision, low, high));
  return results.includes('same') ? 'same' : results.includes('close') ? 'close' : 'different';
}

/**
 * The figures a statement about these entities is judged against: first their own (and their models'),
 * then, only if those say nothing of the kind, the firm's own figures one level up.
 */
function familyFigures(
  kb: KnowledgeIndex,
  entities: readonly Entity[],
): { own: Figure[]; inherited: Figure[] } {
  const own = new Set<Figure>();
  const inherited = new Set<Figure>();
  const named = new Set(entities.map((e) => e.id));
  // A figure listed under a chip or a model only as "also about" belongs to its own subject: V3's
  // 2,048 H800s answer /chips h800, but "R1 ran on 2,048 H800s" is not supported by them.
  const namedOrUnder = (id: string): boolean => {
    for (let cur: string | undefined = id, depth = 0; cur !== undefined && depth < 8; depth++) {
      if (named.has(cur)) return true;
      cur = kb.entity(cur)?.parent;
    }
    return false;
  };
  const belongs = (f: Figure) => namedOrUnder(f.subject) || kb.entity(f.subject)?.kind !== 'model';
  for (const e of entities) for (const f of kb.figuresAbout(e.id)) if (belongs(f)) own.add(f);
  for (const e of entities) {
    for (let parent = e.parent; parent !== undefined; parent = kb.entity(parent)?.parent) {
      for (const f of kb.figuresAbout(parent)) if (f.subject === parent && !own.has(f)) inherited.add(f);
    }
  }
  return { own: [...own], inherited: [...inherited] };
}

/** The firm at the top of an entity's parent chain: R1, V3 and R2 all lead to DeepSeek. */
function rootOf(kb: KnowledgeIndex, id: string): string {
  let current = id;
  for (let depth = 0; depth < 8; depth++) {
    const parent = kb.entity(current)?.parent;
    if (parent === undefined) break;
    current = parent;
  }
  return current;
}

const PROPERTY_ORDER = Object.values(PROPERTIES_FOR).flat();
const byProperty = (a: Figure, b: Figure) =>
  PROPERTY_ORDER.indexOf(a.property) - PROPERTY_ORDER.indexOf(b.property);

// Money in a sentence about a fine, revenue, funding or shares is another story than a training or build cost.
const OTHER_MONEY =
  /\b(fine|fined|fines|penalty|revenue|revenues|sales|valuation|valued|funding|raised|salary|salaries|stock|stocks|shares|profit|loss|market cap|denda|mendenda|didenda|pendapatan|penjualan|valuasi|pendanaan|gaji|saham|laba|rugi)\b/i;
// "holds", "has", "stockpiled" speak of GPUs owned; otherwise a GPU count is about a training run.
const HOLDING_WORDS =
  /\b(holds?|has|have|had|owns?|owned|stockpiled?|hoard(?:ed)?|possess(?:es)?|punya|memiliki|dimiliki|menimbun|menumpuk|kepemilikan)\b/i;

// A date said of a release is judged against releases only, one said of an announcement against
// announcements: "R1 was released on 17 September 2025" is not supported by the day its cost was published.
const RELEASE_WORDS =
  /\b(release[sd]?|launch(?:ed|es)?|rilis|dirilis|merilis|diluncurkan|meluncurkan|peluncuran)\b/i;
const ANNOUNCE_WORDS =
  /\b(announce[sd]?|announcement|disclosed?|published|revealed?|diumumkan|mengumumkan|diterbitkan|menerbitkan|diungkap(?:kan)?)\b/i;
const DATE_PROPERTIES: Readonly<Record<'release' | 'announce', readonly Property[]>> = {
  release: ['release', 'planned_release'],
  announce: ['announced', 'publication'],
};
// Words that put a statement in the future or in a plan, where a planned date or a forecast belongs.
const PLAN_WORDS =
  /\b(plan(?:s|ned)?|schedul(?:e|ed)|expect(?:s|ed)?|forecasts?|project(?:s|ed|ion)|predicts?|will|would|soon|future|assum(?:e|es|ed|ing)|estimated?|rencana|direncanakan|berencana|dijadwalkan|jadwal|akan|diperkirakan|memperkirakan|perkiraan|proyeksi|diproyeksikan|asumsi|diasumsikan|nanti|masa depan)\b/i;

/** Whether a figure speaks of what a quantity measures; GPU counts split into used (default) and held. */
function relevant(q: Quantity, f: Figure, holding: boolean, dateEvent?: 'release' | 'announce'): boolean {
  if (q.kind === 'count') return f.property === (holding ? 'gpu_holdings' : 'gpu_count');
  if (q.kind === 'date' && dateEvent !== undefined) return DATE_PROPERTIES[dateEvent].includes(f.property);
  return PROPERTIES_FOR[q.kind].includes(f.property);
}

/** The other sides /check can match: disputes, and notes that carry the source's own wording of a value. */
function sidesOf(f: Figure): Dispute[] {
  const notes = f.notes.flatMap((n): Dispute[] =>
    n.value === undefined || (n.kind !== 'rounding' && n.kind !== 'wording')
      ? []
      : [
          {
            kind: n.kind,
            says: n.says,
            value: n.value,
            citations: n.citations,
            conflates: [],
            reason: n.reason ?? n.says,
          },
        ],
  );
  return [...f.disputes, ...notes];
}

/** How bad a verdict is for the statement, to combine the verdicts of several numbers in one sentence. */
const SEVERITY: Readonly<Record<Verdict, number>> = {
  not_in_knowledge: -1,
  supported: 0,
  mostly_accurate: 1,
  disputed: 2,
  misleading: 3,
  contradicted: 4,
};

/** Judges one quantity against a set of figures; undefined when none of them speaks of it. */
function judgeQuantity(
  kb: KnowledgeIndex,
  q: Quantity,
  figures: readonly Figure[],
  context: {
    negated: boolean;
    perHour: boolean;
    holding: boolean;
    dateEvent?: 'release' | 'announce';
    speaksOfPlan: boolean;
  },
): Judgement | undefined {
  const { negated, perHour } = context;
  const candidates = figures
    .filter((f) => relevant(q, f, context.holding, context.dateEvent))
    .sort(byProperty);
  const matches = candidates.flatMap((f) => {
    const m = compare(kb, q, f.value, perHour);
    return m === 'same' || m === 'close' ? [{ f, m }] : [];
  });
  const best = matches.find((x) => x.m === 'same') ?? matches[0];
  if (best) {
    // Sources disagree on this figure: saying it, or denying it, is disputed either way.
    if (best.f.status === 'disputed' || best.f.status === 'contradicted')
      return { verdict: 'disputed', reason: 'matches', figures: [best.f] };
    if ((best.f.basis === 'planned' || best.f.basis === 'forecast') && !context.speaksOfPlan && !negated)
      return { verdict: 'contradicted', reason: 'not_actual', figures: [best.f] };
    if (negated) return { verdict: 'contradicted', reason: 'negated', figures: [best.f] };
    return {
      verdict: best.m === 'same' ? 'supported' : 'mostly_accurate',
      reason: 'matches',
      figures: [best.f],
    };
  }
  for (const f of candidates) {
    for (const d of sidesOf(f)) {
      if (!d.value) continue;
      const m = compare(kb, q, d.value, perHour);
      if (m !== 'same' && m !== 'close') continue;
      // The other side is an article's error: repeating it is wrong, denying it is right.
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
  const comparable = candidates.filter((f) => compare(kb, q, f.value, perHour) !== undefined);
  if (comparable.length === 0) return undefined;
  return {
    verdict: negated ? 'supported' : 'contradicted',
    reason: 'differs',
    figures: comparable.slice(0, 2),
  };
}

/** Judges a statement with numbers against the knowledge. Never invents: no match, no verdict. */
export function judge(kb: KnowledgeIndex, statement: string, locale: Locale): Judgement {
  const found = extractQuantities(statement, locale, codesOf(kb));
  const quantities = found
    .filter((q) => q.kind !== 'money' || !OTHER_MONEY.test(statement))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  if (quantities.length === 0)
    return { verdict: 'not_in_knowledge', reason: found.length === 0 ? 'no_number' : 'nothing', figures: [] };
  const entities = kb.mentionedEntities(statement);
  if (entities.length === 0) return { verdict: 'not_in_knowledge', reason: 'no_subject', figures: [] };

  const dateEvent = RELEASE_WORDS.test(statement)
    ? ('release' as const)
    : ANNOUNCE_WORDS.test(statement)
      ? ('announce' as const)
      : undefined;
  const context = {
    negated: isNegated(statement),
    holding: HOLDING_WORDS.test(statement),
    speaksOfPlan: PLAN_WORDS.test(statement),
    ...(dateEvent !== undefined && { dateEvent }),
    perHour: /\b(per|\/)\s*(gpu[-\s]?)?(hour|jam)|per jam/i.test(statement),
  };
  const { own, inherited } = familyFigures(kb, entities);
  const all = [...own, ...inherited];

  // Two numbers that each match, but from figures a dispute says must not be combined ("$294,000 for 80 hours").
  const matched = quantities.flatMap((q) =>
    all
      .filter((f) => relevant(q, f, context.holding, context.dateEvent))
      .flatMap((f) => {
        const m = compare(kb, q, f.value, context.perHour);
        return m === 'same' || m === 'close' ? [{ q, f }] : [];
      }),
  );
  for (const a of matched) {
    for (const b of matched) {
      const dispute = a.q === b.q ? undefined : a.f.disputes.find((d) => d.conflates.includes(b.f.id));
      if (dispute) return { verdict: 'misleading', reason: 'conflated', figures: [a.f, b.f], dispute };
    }
  }

  const roots = new Set(entities.map((e) => rootOf(kb, e.id)));
  const verdicts: Judgement[] = [];
  for (const q of quantities) {
    let result = judgeQuantity(kb, q, own, context) ?? judgeQuantity(kb, q, inherited, context);
    if (result?.reason === 'differs' && !context.negated) {
      // A real figure from the same story, said of the wrong subject: "R1 cost $5.6 million" is V3's cost.
      const loose: Quantity = q.kind === 'date' || q.qualifier !== 'exact' ? q : { ...q, qualifier: 'about' };
      const elsewhere = kb.figures.find((f) => {
        if (all.includes(f) || !relevant(q, f, context.holding, context.dateEvent)) return false;
        if (![f.subject, ...f.also_about].some((id) => roots.has(rootOf(kb, id)))) return false;
        const m = compare(kb, loose, f.value, context.perHour);
        return m === 'same' || m === 'close';
      });
      if (elsewhere)
        result = {
          verdict: 'misleading',
          reason: 'other_subject',
          figures: [elsewhere, ...result.figures.slice(0, 1)],
        };
    }
    if (result) verdicts.push(result);
  }
  // One wrong number makes the sentence wrong: the most severe verdict stands for the whole statement.
  const worst = verdicts.reduce<Judgement | undefined>(
    (w, j) => (!w || SEVERITY[j.verdict] > SEVERITY[w.verdict] ? j : w),
    undefined,
  );
  return worst ?? { verdict: 'not_in_knowledge', reason: 'nothing', figures: [] };
}
