import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Dispute, Entity, Figure, Property, Value } from '../../knowledge/schema.js';
import { alignNames } from './alignment.js';
import { findCalculation } from './arithmetic.js';
import { judgeChipUse } from './chip-use.js';
import { judgeOwnership } from './ownership.js';
import { judgeRelation } from './relations.js';
import { figuresMaybeOfStage, judgeRatio, stageOf } from './ratios.js';
import { decompose, rootOf, type Claim, type DateEvent, type Decomposition } from './claims.js';
import type { AmountQuantity, Quantity } from './quantities.js';
import { judgeEcho, judgeWords } from './text-claims.js';
import { SEVERITY, VERDICTS, type Verdict } from './verdicts.js';
import { both, figureExcludes, patternOf, wordPattern } from './vocabulary.js';

export { VERDICTS, type Verdict };

/**
 * Within 0.5 % is the same figure, and only when the statement's own digits allow it: "$5.6 million" is
 * $5.576 million, "$295,000" is not $294,000. A number is "close" (mostly accurate) within the rounding
 * its digits imply ("$300,000" covers 250–350k), but never beyond 10 %, the usual reading of "about".
 */
export const SAME_TOLERANCE = 0.005;
export const ABOUT_TOLERANCE = 0.1;

/** Why a part got its verdict; the answer's texts are built from it in the answer language. */
export type Reason =
  | 'matches'
  | 'matches_disputed'
  | 'negated'
  | 'dispute_side'
  | 'other_subject'
  | 'not_actual'
  | 'conflated'
  | 'wrong_chip'
  | 'wrong_scope'
  | 'bigger_cluster'
  | 'differs'
  | 'differs_negated'
  | 'words_match'
  | 'words_dispute'
  | 'words_conflict'
  | 'words_negated'
  | 'uncovered'
  | 'unaligned'
  | 'ratio_matches'
  | 'ratio_differs'
  | 'calculation'
  | 'no_number'
  | 'no_subject'
  | 'nothing';

/** One atomic claim of the statement and what the knowledge says of it. */
export interface PartJudgement {
  text: string;
  verdict: Verdict;
  reason: Reason;
  figures: Figure[];
  dispute?: Dispute;
}

/** The statement's verdict (its most severe judged part), why, and every part. */
export interface Judgement extends PartJudgement {
  parts: PartJudgement[];
  hedge?: string;
  question: boolean;
}

type Match = 'same' | 'close' | 'different';

// By the entities, not the snapshot: a moderator's change to a figure keeps them, and so this.
const codesCache = new WeakMap<readonly Entity[], string[]>();
/** Aliases with digits (r1, h800, gpt-4o) are masked before numbers are read. */
function codesOf(kb: KnowledgeIndex): string[] {
  let codes = codesCache.get(kb.entities);
  if (!codes) {
    codes = kb.entities
      .flatMap((e) => [e.name, ...e.aliases.en, ...e.aliases.id])
      .filter((a) => /\d/.test(a));
    codesCache.set(kb.entities, codes);
  }
  return codes;
}

function relative(a: number, b: number): number {
  return b === 0 ? (a === 0 ? 0 : Infinity) : Math.abs(a - b) / Math.abs(b);
}

/** Compares one stated number with a recorded amount or range. */
function compareNumber(q: AmountQuantity, stated: number, low: number, high: number): Match {
  const { max: statedMax, qualifier, precision } = q;
  const same = Math.min(SAME_TOLERANCE, Math.max(precision, 0.001));
  if (statedMax !== undefined) {
    if (relative(stated, low) <= same && relative(statedMax, high) <= same) return 'same';
    // A stated range that contains the figure, and is not much wider than it, is close.
    const contains = stated <= high * (1 + same) && statedMax >= low * (1 - same);
    const wide = statedMax / Math.max(stated, 1e-9) > Math.max(2, (high / Math.max(low, 1e-9)) * 2);
    return contains && !wide ? 'close' : 'different';
  }
  const inRange = stated >= low * (1 - same) && stated <= high * (1 + same);
  const distance = inRange ? 0 : Math.min(relative(stated, low), relative(stated, high));
  const exactRange = low !== high && inRange;
  switch (qualifier) {
    case 'over':
      return high >= stated * (1 - same) && stated >= low * 0.5
        ? distance <= Math.min(0.01, precision)
          ? 'same'
          : 'close'
        : 'different';
    case 'under':
      return low <= stated * (1 + same) && stated <= high * 2
        ? distance <= Math.min(0.01, precision) && !exactRange
          ? 'same'
          : 'close'
        : 'different';
    case 'about':
      return distance <= same && !exactRange ? 'same' : distance <= ABOUT_TOLERANCE ? 'close' : 'different';
    default:
      if (exactRange) return 'close';
      return distance <= same
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
export function compare(kb: KnowledgeIndex, q: Quantity, value: Value): Match | undefined {
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
  if (value.type !== 'amount' || !('readings' in q)) return undefined;
  let range: [number, number] | undefined;
  if (q.kind === 'money') {
    if ((value.unit === 'USD_PER_GPU_HOUR') !== q.perHour) return undefined;
    range =
      value.unit === 'USD_PER_GPU_HOUR'
        ? q.currency === 'USD'
          ? [value.amount, value.max ?? value.amount]
          : undefined
        : moneyIn(kb, value, q.currency);
  } else {
    const unitFor = { count: ['gpu', 'chip'], hours: ['hour'], gpu_hours: ['gpu_hour'] }[q.kind];
    if (unitFor.includes(value.unit)) range = [value.amount, value.max ?? value.amount];
  }
  if (!range) return undefined;
  const [low, high] = range;
  // Take the reading that fits best: "50.000" is fifty thousand next to a knowledge of thousands.
  const results = q.readings.map((r) => compareNumber(q, r, low, high));
  return results.includes('same') ? 'same' : results.includes('close') ? 'close' : 'different';
}

/** How far beyond a stated number `compare` can still find a recorded one the same (it allows 1 %). */
const SAME_REACH = 0.02;

/**
 * Every figure `compare` may find the same as a stated number, and perhaps a few more, in file order: the
 * recorded amount (or its equivalent, or the amount a recorded rate turns into the number) near a reading.
 */
function figuresNearly(kb: KnowledgeIndex, q: Quantity): Figure[] {
  if (!('readings' in q)) return [];
  const factors = [1, ...kb.rates.flatMap((r) => [r.rate, 1 / r.rate])];
  return kb.figuresWithAmountIn(
    q.readings.flatMap((reading) =>
      factors.map((k) => [(reading * k) / (1 + SAME_REACH), (reading * k) / (1 - SAME_REACH)] as const),
    ),
  );
}

const PROPERTIES_FOR: Readonly<
  Record<'money' | 'count' | 'hours' | 'gpu_hours' | 'date', readonly Property[]>
> = {
  money: ['training_cost', 'cost_forecast', 'investment', 'compute_price'],
  count: ['gpu_count', 'gpu_holdings'],
  hours: ['training_hours'],
  gpu_hours: ['gpu_hours'],
  date: ['announced', 'release', 'planned_release', 'effective', 'rescinded', 'publication'],
};
const DATE_PROPERTIES: Readonly<Record<DateEvent, readonly Property[]>> = {
  release: ['release', 'planned_release'],
  announce: ['announced', 'publication'],
  effective: ['effective'],
  rescinded: ['rescinded'],
  founded: [],
};

/** Whether a figure speaks of what a claim's quantity measures. */
function relevant(claim: Claim, f: Figure): boolean {
  const q = claim.quantity;
  if (!q || q.kind === 'ratio' || q.kind === 'other') return false;
  if (q.kind === 'count') {
    if (claim.holding) return f.property === 'gpu_holdings';
    // A GPU count said of a firm is its holdings; said of a model, the run that trained it.
    return f.property === 'gpu_count' || (claim.subject?.kind !== 'model' && f.property === 'gpu_holdings');
  }
  if (q.kind === 'date' && claim.dateEvent !== undefined) {
    // A paper "comes out" when it is published; a model's release is another date.
    if (f.property === 'publication' && claim.subject?.kind === 'publication') return true;
    return DATE_PROPERTIES[claim.dateEvent].includes(f.property);
  }
  if (q.kind === 'money') {
    if (q.perHour) return f.property === 'compute_price';
    // "A data centre worth $100 billion" is an investment; otherwise money is a training cost or forecast.
    if (INVESTMENT.test(claim.text)) return f.property === 'investment';
    return PROPERTIES_FOR.money.includes(f.property) && f.property !== 'compute_price';
  }
  return PROPERTIES_FOR[q.kind].includes(f.property);
}

/**
 * The figures a claim about this subject is judged against: its own (and its models'), then, only if
 * those say nothing of the kind, the firm's own figures one level up.
 */
function familyFigures(kb: KnowledgeIndex, subject: Entity): { own: Figure[]; inherited: Figure[] } {
  const namedOrUnder = (id: string): boolean => {
    for (let cur: string | undefined = id, depth = 0; cur !== undefined && depth < 8; depth++) {
      if (cur === subject.id) return true;
      cur = kb.entity(cur)?.parent;
    }
    return false;
  };
  // A figure listed under a chip or a model only as "also about" belongs to its own subject: V3's
  // 2,048 H800s answer /chips h800, but "R1 ran on 2,048 H800s" is not supported by them.
  const belongs = (f: Figure) => namedOrUnder(f.subject) || kb.entity(f.subject)?.kind !== 'model';
  const own = kb.figuresAbout(subject.id).filter(belongs);
  const inherited: Figure[] = [];
  for (let parent = subject.parent; parent !== undefined; parent = kb.entity(parent)?.parent) {
    for (const f of kb.figuresAbout(parent)) if (f.subject === parent && !own.includes(f)) inherited.push(f);
  }
  return { own, inherited };
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

const matched = (m: Match | undefined): m is 'same' | 'close' => m === 'same' || m === 'close';

/** A claim's number against the chips it names: "512 H100s" is not the 512 H800s on record. */
function chipConflict(claim: Claim, f: Figure): boolean {
  if (claim.chips.length === 0 || f.value.type !== 'amount') return false;
  const chip = f.value.chip ?? (kbChipSubject(f) ? f.subject : undefined);
  if (chip === undefined) return false;
  return !claim.chips.some((c) => c.id === chip);
}
const kbChipSubject = (f: Figure) => f.property === 'compute_price';

/** The GPUs that ran the subject's training, when the knowledge records them with their chip. */
function runFigure(kb: KnowledgeIndex, claim: Claim): Figure | undefined {
  if (!claim.subject || claim.chips.length === 0) return undefined;
  return familyFigures(kb, claim.subject).own.find(
    (f) =>
      f.property === 'gpu_count' &&
      f.subject === claim.subject?.id &&
      f.value.type === 'amount' &&
      f.value.chip !== undefined,
  );
}

/**
 * Negation flips a verdict: denying a true figure is wrong, denying a false one is right. A scope the
 * claim itself widens stays wrong under a denial of the number ("didn't take more than 80 hours from
 * scratch" still pins the final stage's hours on the whole run).
 */
function negate(part: PartJudgement, claim: Claim): PartJudgement {
  if (part.reason === 'wrong_scope' && claim.widening.length > 0) return part;
  switch (part.verdict) {
    case 'supported':
    case 'mostly_accurate':
      return { ...part, verdict: 'contradicted', reason: 'negated' };
    case 'contradicted':
    case 'misleading':
      return { ...part, verdict: 'supported', reason: 'differs_negated' };
    default:
      return part;
  }
}

/** Judges one claim with a number against the figures of its subject. */
function judgeNumber(kb: KnowledgeIndex, claim: Claim): PartJudgement | undefined {
  const q = claim.quantity;
  const part = (verdict: Verdict, reason: Reason, figures: Figure[], dispute?: Dispute): PartJudgement => ({
    text: q?.text ?? claim.text,
    verdict,
    reason,
    figures,
    ...(dispute !== undefined && { dispute }),
  });
  if (!q || q.kind === 'ratio' || q.kind === 'other') return undefined;
  // "all the RL stages came to 150k H800 GPU-hours": a chip named beside a stage is the run's chip, not
  // its subject.
  if (!claim.subject || (claim.subject.kind === 'chip' && claim.stage !== undefined && q.kind !== 'count')) {
    const implied = impliedSubject(
      kb,
      claim.subject?.kind === 'chip' ? { ...claim, chips: [claim.subject] } : claim,
    );
    if (!implied) return part('not_in_knowledge', 'no_subject', []);
    return judgeNumber(kb, { ...claim, subject: implied });
  }
  // A date needs an event ("released", "announced", "scrapped") unless it is a rule's: "AIME 2024" is not one.
  if (
    q.kind === 'date' &&
    (claim.dateEvent === 'founded' || (claim.dateEvent === undefined && claim.subject.kind !== 'policy'))
  )
    return undefined;
  // Money or chips of another story: a fine, a price per token, chips sold, a yearly bill.
  if (q.kind !== 'date' && (OTHER_TOPIC.test(claim.text) || OTHER_TOPIC.test(claim.context ?? '')))
    return undefined;
  const candidates = candidateFigures(kb, claim, claim.subject);
  // "OpenAI revealed GPT-4o cost $200M": a cost the knowledge records as never disclosed.
  const undisclosed = q.kind === 'money' ? undisclosedCost(kb, claim.subject) : undefined;
  if (undisclosed && DISCLOSED.test(claim.text))
    return claim.negated
      ? part('supported', 'differs_negated', [undisclosed])
      : part('contradicted', 'words_conflict', [undisclosed]);

  const judged = judgeAgainst(kb, claim, candidates, part);
  // "H20 controls were loosened in April 2025": the right date of the opposite event.
  const [figure] = judged?.figures ?? [];
  if (judged && figure?.property === 'effective' && q.kind === 'date' && LOOSENED.test(claim.text))
    return claim.negated ? undefined : part('contradicted', 'words_conflict', [figure]);
  if (judged && judged.reason !== 'differs') return claim.negated ? negate(judged, claim) : judged;

  // A real figure from the same story, said of the wrong subject or stage: "R1 cost $5.6 million".
  const roots = new Set([rootOf(kb, claim.subject.id)]);
  const loose: Quantity = 'qualifier' in q && q.qualifier === 'exact' ? { ...q, qualifier: 'about' } : q;
  const elsewhere = kb.figuresUnder(...roots).find((f) => {
    if (candidates.includes(f) || !relevant(claim, f) || chipConflict(claim, f)) return false;
    if (![f.subject, ...f.also_about].some((id) => roots.has(rootOf(kb, id)))) return false;
    return matched(compare(kb, loose, f.value));
  });
  if (elsewhere) {
    const misleading = part('misleading', 'other_subject', [
      elsewhere,
      ...(judged?.figures.slice(0, 1) ?? []),
    ]);
    return claim.negated ? negate(misleading, claim) : misleading;
  }
  if (!judged) return undefined;
  return claim.negated ? negate(judged, claim) : judged;
}

const OTHER_TOPIC = patternOf('otherMoney', both('otherMoney'));
const INVESTMENT = patternOf('investmentWords', both('investmentWords'));

/**
 * The subject's figures for the claim's property; failing those, figures of the same firm whose scope
 * names the subject ("GPUs used for R1's stages (R1-Zero and R1)" speaks of R1-Zero too), then the
 * chips the claim names ("H800 time at $2 per GPU-hour").
 */
function candidateFigures(kb: KnowledgeIndex, claim: Claim, subject: Entity): Figure[] {
  const { own, inherited } = familyFigures(kb, subject);
  const relevantOwn = own.filter((f) => relevant(claim, f));
  if (relevantOwn.length > 0) return relevantOwn;
  const named = wordPattern([subject.name, ...subject.aliases.en]);
  // Only a model is named in another's scope as part of it; a chip named there is only the hardware.
  const scoped =
    subject.kind === 'model' ? kb.figuresWithScopeWords([subject.name, ...subject.aliases.en]) : [];
  const byScope =
    subject.kind === 'model' ? scoped.filter((f) => relevant(claim, f) && named.test(f.scope.en)) : [];
  if (byScope.length > 0) return byScope;
  const up = inherited.filter((f) => relevant(claim, f));
  if (up.length > 0) return up;
  for (const chip of claim.chips) {
    const figures = kb.figuresAbout(chip.id).filter((f) => f.subject === chip.id && relevant(claim, f));
    if (figures.length > 0) return figures;
  }
  return [];
}

/**
 * The subject of a claim that names none, in a chat that assumes it: the stage it names ("the RL stages",
 * "the SFT data") is R1's, or the one subject whose figure its number is ("$294k" is R1's cost).
 */
function impliedSubject(kb: KnowledgeIndex, claim: Claim): Entity | undefined {
  const q = claim.quantity;
  if (!q || q.kind === 'ratio' || q.kind === 'other' || q.kind === 'date') return undefined;
  // "they priced GPU time at $4 per GPU-hour": the one rental price the knowledge holds.
  if (q.kind === 'money' && q.perHour) {
    const prices = new Set(kb.figuresWithProperty('compute_price').map((f) => f.subject));
    return prices.size === 1 ? kb.entity([...prices][0] ?? '') : undefined;
  }
  // Only a claim that names a stage or a scope speaks of a run; "the model cost $294,000" names nothing.
  if (claim.stage === undefined && claim.widening.length === 0 && claim.excluding.length === 0)
    return undefined;
  const subjects = new Set<string>();
  const near = claim.stage !== undefined ? figuresMaybeOfStage(kb, claim.stage) : figuresNearly(kb, q);
  for (const f of near) {
    if (f.rank === 'deprecated' || !relevant({ ...claim, subject: kb.entity(f.subject) }, f)) continue;
    const matchesStage =
      claim.stage !== undefined ? stageOf(f) === claim.stage : compare(kb, q, f.value) === 'same';
    if (matchesStage) subjects.add(f.subject);
  }
  return subjects.size === 1 ? kb.entity([...subjects][0] ?? '') : undefined;
}

/** The figure's subject's figure of the same property for the whole run, when `f` is one stage's. */
function wholeOf(kb: KnowledgeIndex, f: Figure): Figure | undefined {
  return kb
    .figuresAbout(f.subject)
    .find(
      (g) =>
        g !== f &&
        g.subject === f.subject &&
        g.property === f.property &&
        g.rank !== 'deprecated' &&
        (stageOf(g) === undefined || stageOf(g) === 'total'),
    );
}

function judgeAgainst(
  kb: KnowledgeIndex,
  claim: Claim,
  candidates: readonly Figure[],
  part: (verdict: Verdict, reason: Reason, figures: Figure[], dispute?: Dispute) => PartJudgement,
): PartJudgement | undefined {
  const q = claim.quantity;
  if (!q) return undefined;
  // The figure itself, then, for a chip named, the part of a breakdown that chip makes up.
  const matches = candidates.flatMap((f) => {
    const m = compare(kb, q, f.value);
    return matched(m) ? [{ f, m }] : [];
  });
  const stageOk = (f: Figure) => {
    const s = stageOf(f);
    // One stage's figure said of the whole ("R1 cost $82k", where $82k is the final stage and $294k
    // all of R1's reasoning stages) tells a part as the whole.
    if (claim.stage === undefined)
      return s === undefined || s === 'total' || claim.inBreakdown === true || !wholeOf(kb, f);
    if (claim.stage === 'total') return s === undefined || s === 'total';
    return s === claim.stage || (s === undefined && claim.stage !== 'sft');
  };
  const best =
    matches.find((x) => x.m === 'same' && stageOk(x.f) && !chipConflict(claim, x.f)) ??
    matches.find((x) => stageOk(x.f) && !chipConflict(claim, x.f)) ??
    matches[0];
  if (best) {
    const f = best.f;
    if (chipConflict(claim, f)) return part('contradicted', 'wrong_chip', [f]);
    // A cost or a time said of a run on another chip: "R1 (A100) training: $294,000".
    const run = runFigure(kb, claim);
    if (q.kind !== 'count' && q.kind !== 'date' && run && chipConflict(claim, run))
      return part('contradicted', 'wrong_chip', [run, f]);
    // Shown beside the whole it was told as, so the reader sees both.
    if (!stageOk(f)) {
      const whole = claim.stage === undefined ? wholeOf(kb, f) : undefined;
      return part('misleading', 'wrong_scope', whole ? [f, whole] : [f]);
    }
    const excluded = figureExcludes(f.scope.en);
    // "the whole R1 RL thing": the whole of the stages the figure covers, not everything.
    const wholeOfStages = claim.stage === 'total' && /\b(?:rl|reasoning|penalaran)\b/iu.test(claim.text);
    const widened = claim.widening.some((w) => (w === 'everything' ? !wholeOfStages : excluded.includes(w)));
    if (widened || (claim.combined && q.kind !== 'date')) return part('misleading', 'wrong_scope', [f]);
    if (f.rank === 'deprecated' || f.status === 'disputed' || f.status === 'contradicted')
      return part('disputed', 'matches_disputed', [f]);
    const planned = f.basis === 'planned' || f.basis === 'forecast';
    if (planned && claim.frame !== 'planned' && claim.frame !== 'forecast' && !claim.negated)
      return part('contradicted', 'not_actual', [f]);
    if (planned && claim.negated && claim.frame !== 'planned' && claim.frame !== 'forecast')
      // "R2 did not come out in May": right, May was only the plan.
      return part('contradicted', 'not_actual', [f]);
    // A figure that happened, told as a plan or forecast, is not confirmed: "R1 will cost $294k".
    if (
      !planned &&
      !claim.negated &&
      q.kind !== 'date' &&
      (claim.frame === 'planned' || claim.frame === 'forecast')
    )
      return part('misleading', 'not_actual', [f]);
    // Every name in the clause must be one the figure speaks of before the number is confirmed.
    const names = q.kind === 'date' ? 'aligned' : alignNames(kb, claim, f);
    if (names === 'other_firm') return part('misleading', 'other_subject', [f]);
    if (names === 'unrecorded') return undefined;
    return part(best.m === 'same' ? 'supported' : 'mostly_accurate', 'matches', [f]);
  }
  // A chip named with a breakdown of holdings: "10,000 H100s" is that part of the disputed 50,000.
  // A claim about a chip itself ("30k of those GPUs are H20s") names that chip too.
  const named = claim.subject?.kind === 'chip' ? [...claim.chips, claim.subject] : claim.chips;
  if (q.kind === 'count' && named.length > 0) {
    // The holdings themselves, or holdings a dispute of the subject's figures says were used for it.
    const claimed = candidates.flatMap((f) => [
      ...(f.rank === 'deprecated' && f.value.type === 'amount' ? [f.value.amount] : []),
      ...f.disputes.flatMap((d) => (d.value?.type === 'amount' ? [d.value.amount] : [])),
    ]);
    const near = kb.figuresWithAmountIn(claimed.map((a) => [a, a] as const));
    const holdings = [
      ...candidates,
      ...near.filter(
        (f) => f.property === 'gpu_holdings' && f.value.type === 'amount' && claimed.includes(f.value.amount),
      ),
    ];
    for (const f of holdings) {
      if (f.value.type !== 'amount') continue;
      for (const b of f.value.breakdown) {
        if (!named.some((c) => c.id === b.chip)) continue;
        const value: Value = { ...f.value, amount: b.amount, breakdown: [], equivalents: [] };
        delete (value as { max?: number }).max;
        if (matched(compare(kb, q, value)))
          return part(f.status === 'confirmed' ? 'supported' : 'disputed', 'matches_disputed', [f]);
      }
    }
  }
  for (const f of candidates) {
    for (const d of sidesOf(f)) {
      if (!d.value || !matched(compare(kb, q, d.value))) continue;
      // The other side is an article's error: repeating it is wrong, denying it is right.
      const verdict: Verdict =
        d.kind === 'error'
          ? 'contradicted'
          : d.kind === 'rounding' || d.kind === 'wording'
            ? 'mostly_accurate'
            : 'disputed';
      return part(verdict, 'dispute_side', [f], d);
    }
  }
  // A chip the knowledge records without a count ("an A100 cluster, no count given"): nothing to compare.
  const uncounted = claim.chips.some((c) =>
    kb
      .figuresAbout(c.id)
      .some((f) => f.value.type === 'text' && candidates.some((g) => g.property === f.property)),
  );
  if (q.kind === 'count' && uncounted) return undefined;
  const comparable = candidates.filter((f) => compare(kb, q, f.value) !== undefined);
  if (comparable.length === 0) return undefined;
  return part('contradicted', 'differs', comparable.slice(0, 2));
}

/**
 * A number is confirmed only if every other number of its clause is judged too: in "the 50,000-GPU
 * cluster trained R1 for $294k", an unread 50,000 could make the sentence false. Dates are exempt: "the
 * report with the $5.576M figure came out in December 2024" dates the report, not the figure, and a
 * ratio or a head count ("150 staff") is an assertion of its own.
 */
/**
 * A product worked out in the statement: when it holds, numbers nobody named a subject for are judged
 * against the one figure they match ("147rb jam GPU × US$2 = US$294rb" is R1's); when it does not, or
 * its units do not multiply, the sum itself is misleading if it dresses up real figures, else wrong.
 */
function checkCalculation(kb: KnowledgeIndex, text: string, claims: Claim[], parts: PartJudgement[]): void {
  const calc = findCalculation(text, claims);
  if (!calc) return;
  const retyped = calc.retyped;
  if (retyped && retyped.claim.quantity && 'readings' in retyped.claim.quantity) {
    const i = claims.indexOf(retyped.claim);
    const claim: Claim = {
      ...retyped.claim,
      quantity: { ...retyped.claim.quantity, kind: retyped.kind, unit: '' },
    };
    claims[i] = claim;
    parts[i] = judgeNumber(kb, claim) ?? {
      text: claim.quantity?.text ?? '',
      verdict: 'not_in_knowledge',
      reason: 'uncovered',
      figures: [],
    };
  }
  if (calc.outcome === 'right') {
    claims.forEach((claim, i) => {
      if (claim.subject && claim.subject.kind !== 'chip') return;
      const sole = soleSubject(kb, claim);
      const judged = sole ? judgeNumber(kb, { ...claim, subject: sole }) : undefined;
      if (judged) parts[i] = judged;
    });
    return;
  }
  const real = parts.flatMap((p) =>
    p.verdict === 'supported' || p.verdict === 'mostly_accurate' ? p.figures : [],
  );
  const matching = [calc.result, ...calc.operands].flatMap((c) => {
    const sole = soleSubject(kb, c);
    return sole ? [sole] : [];
  });
  parts.push({
    text: [...calc.operands, calc.result].map((c) => c.quantity?.text ?? '').join(' · '),
    verdict: real.length > 0 || matching.length > 0 ? 'misleading' : 'contradicted',
    reason: 'calculation',
    figures: real.slice(0, 2),
  });
}

/** The one subject whose recorded figure a number is exactly, if only one has it. */
function soleSubject(kb: KnowledgeIndex, claim: Claim): Entity | undefined {
  const q = claim.quantity;
  if (!q) return undefined;
  const subjects = new Set<string>();
  for (const f of figuresNearly(kb, q)) {
    const subject = kb.entity(f.subject);
    if (f.rank === 'deprecated' || !subject || !relevant({ ...claim, subject }, f)) continue;
    if (compare(kb, q, f.value) === 'same') subjects.add(f.subject);
  }
  return subjects.size === 1 ? kb.entity([...subjects][0] ?? '') : undefined;
}

const MEASURED = new Set<Quantity['kind']>(['money', 'count', 'hours', 'gpu_hours']);
function unconfirmUnaligned(claims: readonly Claim[], parts: PartJudgement[]): void {
  claims.forEach((claim, i) => {
    const part = parts[i];
    if (!part || (part.verdict !== 'supported' && part.verdict !== 'mostly_accurate')) return;
    const loose = claims.some(
      (other, j) =>
        j !== i &&
        other.text === claim.text &&
        other.quantity !== undefined &&
        MEASURED.has(other.quantity.kind) &&
        parts[j]?.verdict === 'not_in_knowledge',
    );
    if (loose) parts[i] = { ...part, verdict: 'not_in_knowledge', reason: 'unaligned' };
  });
}

/** Two parts whose figures a dispute says must not be combined ("$294,000 for 80 hours"). */
function conflation(parts: readonly PartJudgement[]): PartJudgement | undefined {
  const good = parts.filter((p) => p.verdict === 'supported' || p.verdict === 'mostly_accurate');
  for (const a of good) {
    for (const b of good) {
      const [fa, fb] = [a.figures[0], b.figures[0]];
      if (a === b || !fa || !fb || fa === fb) continue;
      const dispute = fa.disputes.find((d) => d.conflates.includes(fb.id));
      if (dispute)
        return {
          text: `${a.text} · ${b.text}`,
          verdict: 'misleading',
          reason: 'conflated',
          figures: [fa, fb],
          dispute,
        };
    }
  }
  return undefined;
}

/** A run's real figure pinned on a bigger cluster: "the 50,000-GPU cluster trained R1 for $294k". */
function biggerCluster(parts: readonly PartJudgement[]): PartJudgement | undefined {
  const cluster = parts.find(
    (p) =>
      (p.verdict === 'disputed' || p.verdict === 'contradicted') &&
      p.figures.some((f) => f.property === 'gpu_count' || f.property === 'gpu_holdings') &&
      p.figures.some((f) => f.status !== 'confirmed'),
  );
  if (!cluster) return undefined;
  const run = parts.find(
    (p) =>
      (p.verdict === 'supported' || p.verdict === 'mostly_accurate') &&
      p.figures.some((f) => ['training_cost', 'training_hours', 'gpu_hours'].includes(f.property)),
  );
  if (!run) return undefined;
  return {
    text: `${cluster.text} · ${run.text}`,
    verdict: 'misleading',
    reason: 'bigger_cluster',
    figures: [...run.figures.slice(0, 1), ...cluster.figures.slice(0, 1)],
  };
}

/** The whole statement as one claim in words, its clauses' qualifiers together. */
function wholeClaim(d: Decomposition): Claim {
  return {
    text: d.text,
    mentions: d.mentions,
    chips: [...new Set(d.claims.flatMap((c) => c.chips))],
    negated: d.claims.some((c) => c.negated),
    question: d.question,
    frame: undefined,
    widening: [...new Set(d.claims.flatMap((c) => c.widening))],
    excluding: [...new Set(d.claims.flatMap((c) => c.excluding))],
    combined: false,
    holding: false,
  };
}

const COST_WORD = patternOf('costWords', both('costWords'));
const ANNOUNCED = patternOf('announceWords', both('announceWords'));

const announcedCache = new WeakMap<KnowledgeIndex, { subject: Entity | undefined }>();
/** The one model whose training cost the knowledge records an announcement of, if exactly one. */
function announcedCostSubject(kb: KnowledgeIndex): Entity | undefined {
  let cached = announcedCache.get(kb);
  if (!cached) {
    const announced = kb.figuresWithProperty('announced');
    const subjects = new Set(announced.filter((f) => f.property === 'announced').map((f) => f.subject));
    cached = { subject: subjects.size === 1 ? kb.entity([...subjects][0] ?? '') : undefined };
    announcedCache.set(kb, cached);
  }
  return cached.subject;
}

/**
 * A claim in words about what a model's cost covers: "biaya R1 itu udah termasuk harga beli GPU-nya",
 * "R1's cost covers pretraining". Judged against the model's preferred training cost and what its scope
 * excludes; denying the wider scope is right.
 */
function judgeCostScope(
  kb: KnowledgeIndex,
  claim: Claim,
  previous: Entity | undefined,
): PartJudgement | undefined {
  if (claim.quantity || claim.question || !COST_WORD.test(claim.text)) return undefined;
  if (claim.widening.length === 0 && claim.excluding.length === 0) return undefined;
  const named = claim.mentions.find(
    (m) => m.entity.kind === 'model' || m.entity.kind === 'publication',
  )?.entity;
  // A paper's cost is the cost of the model it reports; "the cost DeepSeek published" is the one announced.
  const model =
    named?.kind === 'publication'
      ? kb.entity(named.parent ?? '')
      : (named ?? (ANNOUNCED.test(claim.text) ? announcedCostSubject(kb) : previous));
  if (model?.kind !== 'model') return undefined;
  const cost = kb
    .figuresAbout(model.id)
    .find((f) => f.subject === model.id && f.property === 'training_cost' && f.rank === 'preferred');
  if (!cost) return undefined;
  const excluded = figureExcludes(cost.scope.en);
  const widens = claim.widening.some((w) => excluded.includes(w));
  const narrows = claim.excluding.some((w) => excluded.includes(w));
  const part = (verdict: Verdict, reason: Reason): PartJudgement => ({
    text: claim.text,
    verdict,
    reason,
    figures: [cost],
  });
  if (widens) return claim.negated ? part('supported', 'words_match') : part('misleading', 'wrong_scope');
  if (narrows) return claim.negated ? part('misleading', 'wrong_scope') : part('supported', 'words_match');
  return undefined;
}

/**
 * Judges a statement against the knowledge: takes it apart into claims, judges each against the figure
 * for its subject and property, and gives the most severe verdict among the judged parts. Parts nothing
 * covers are listed as not in the knowledge. Never invents: no match, no verdict. The verdict depends on
 * the statement only, never on the answer language.
 */
/**
 * "…, not the chinese firms": a few words denied after a clause only say whom that clause is not about;
 * read alone, they would be matched on words that mean something else.
 */
function isDenialFragment(claim: Claim, d: Decomposition): boolean {
  if (!claim.negated || claim.quantity !== undefined || d.claims[0] === claim) return false;
  return /^(?:but\s+|tapi\s+)?(?:not|bukan|never)\s+(?:[\p{L}\p{N}'’-]+\s*){1,4}$/iu.test(claim.text);
}

/** Words that undo a rule: said of the date a rule took effect, they tell the opposite event. */
const LOOSENED = patternOf('loosenWords', both('loosenWords'));

/** Words saying a number was made public. */
const DISCLOSED = patternOf('disclosedWords', both('disclosedWords'));

/** The subject's training cost when the knowledge records it as not disclosed. */
function undisclosedCost(kb: KnowledgeIndex, subject: Entity): Figure | undefined {
  return kb
    .figuresWithSubject(subject.id)
    .find(
      (f) =>
        f.property === 'training_cost' && f.value.type === 'text' && /^not disclosed/iu.test(f.value.text.en),
    );
}

/** "294rb dolar itu setara Rp48 miliar": one amount told in two currencies. */
const CONVERSION = patternOf('conversionWords', both('conversionWords'));

/**
 * A conversion that names no subject is about the one figure one of its amounts is exactly: both
 * amounts are then judged against it, so the wrong conversion of a right figure is not confirmed.
 */
function conversionSubject(kb: KnowledgeIndex, d: Decomposition): Entity | undefined {
  const money = d.claims.filter((c) => c.quantity?.kind === 'money' && !c.quantity.perHour);
  if (money.length !== 2 || money.some((c) => c.subject) || !CONVERSION.test(d.text)) return undefined;
  const currencies = new Set(money.map((c) => (c.quantity?.kind === 'money' ? c.quantity.currency : '')));
  if (currencies.size !== 2) return undefined;
  const subjects = new Set<string>();
  for (const c of money)
    for (const f of kb.figuresWithProperty('training_cost'))
      if (f.rank !== 'deprecated' && c.quantity && compare(kb, c.quantity, f.value) === 'same')
        subjects.add(f.subject);
  return subjects.size === 1 ? kb.entity([...subjects][0] ?? '') : undefined;
}

export function judge(kb: KnowledgeIndex, statement: string): Judgement {
  const d = decompose(kb, statement, codesOf(kb));
  const converted = conversionSubject(kb, d);
  if (converted)
    for (const c of d.claims) if (c.quantity?.kind === 'money' && !c.subject) c.subject = converted;
  const parts: PartJudgement[] = [];
  const withNumbers = d.claims.filter((c) => c.quantity !== undefined);
  withNumbers.forEach((claim, i) => {
    // The whole a share is taken of ("30 % of the $294k") is that whole, not the stage named before it.
    const before = withNumbers[i - 1];
    const ofRatio = before?.quantity?.kind === 'ratio' && before.text === claim.text;
    // A number about something the knowledge holds nothing on ("xAI's Colossus has 100k H100s").
    const judged =
      claim.unknownSubject !== undefined
        ? undefined
        : (judgeNumber(kb, ofRatio ? { ...claim, stage: undefined } : claim) ??
          judgeRatio(kb, claim, before));
    parts.push(
      judged ?? {
        text: claim.quantity?.text ?? claim.text,
        verdict: 'not_in_knowledge',
        reason: 'uncovered',
        figures: [],
      },
    );
  });
  checkCalculation(kb, d.text, withNumbers, parts);
  unconfirmUnaligned(withNumbers, parts);
  const extra = conflation(parts) ?? biggerCluster(parts);
  if (extra) parts.push(extra);
  // Claims in words: the clauses without a number, judged by what the knowledge says in words; a clause
  // with a number is also read for an allegation it repeats ("trained on 512 H800s and edge computing").
  const owned = judgeOwnership(kb, d);
  if (owned) parts.push(owned);
  // A statement in words about a cost's scope may spread over clauses ("biaya yg diumumin itu, udah
  // termasuk pretraining"): read it whole.
  const wholeScope = withNumbers.length === 0 ? judgeCostScope(kb, wholeClaim(d), undefined) : undefined;
  if (wholeScope) parts.push(wholeScope);
  const seen = new Set<string>();
  let previous: Entity | undefined;
  for (const claim of d.claims) {
    const actor = (
      claim.mentions.find((m) => m.entity.kind === 'model') ??
      claim.mentions.find((m) => m.entity.kind === 'org')
    )?.entity;
    if (seen.has(claim.text) || claim.unknownSubject !== undefined) continue;
    seen.add(claim.text);
    const judged =
      (claim.quantity === undefined ? judgeRatio(kb, claim, undefined) : undefined) ??
      judgeRelation(kb, claim, d.text, previous) ??
      (wholeScope ? undefined : judgeCostScope(kb, claim, previous)) ??
      judgeChipUse(kb, claim, d.text) ??
      (isDenialFragment(claim, d) ? undefined : judgeWords(kb, claim, d));
    const inWords = claim.quantity === undefined || claim.quantity.kind === 'date';
    if (judged && (inWords || judged.verdict === 'disputed')) parts.push(judged);
    previous = actor ?? previous;
  }

  if (!parts.some((p) => p.verdict === 'disputed') && !d.claims.some((c) => c.unknownSubject !== undefined)) {
    const echo = judgeEcho(kb, d);
    if (echo) parts.push(echo);
  }
  const judgedParts = parts.filter((p) => p.verdict !== 'not_in_knowledge');
  const worst = judgedParts.reduce<PartJudgement | undefined>(
    (w, p) => (!w || SEVERITY[p.verdict] > SEVERITY[w.verdict] ? p : w),
    undefined,
  );
  const base = {
    parts,
    question: d.question,
    ...(d.hedge !== undefined && { hedge: d.hedge }),
  };
  if (worst) return { ...worst, ...base };
  const reason: Reason =
    d.mentions.length === 0 ? 'no_subject' : withNumbers.length === 0 ? 'no_number' : 'nothing';
  return { text: d.text, verdict: 'not_in_knowledge', reason, figures: [], ...base };
}
