import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Entity, Locale } from '../../knowledge/schema.js';
import { aliasKey } from '../../knowledge/text.js';
import { extractQuantities, normaliseNumbers, statementLanguage, type Quantity } from './quantities.js';
import {
  both,
  patternOf,
  type Stage,
  UNKNOWN_NAMES,
  type WideningConcept,
  VOCABULARY,
  wordPattern,
} from './vocabulary.js';

/** Where an entity is named in the statement. */
export interface Mention {
  entity: Entity;
  start: number;
  end: number;
}

/** When a claim says something happens: as done (now or past), planned, or forecast. */
export type TimeFrame = 'now' | 'planned' | 'forecast' | undefined;

/** One atomic claim: a quantity (or none, for a claim in words), its subject and its qualifiers. */
export interface Claim {
  /** The clause it was read from, as the user wrote it (numbers normalised). */
  text: string;
  quantity?: Quantity;
  subject?: Entity;
  /** Every entity the clause names. */
  mentions: Mention[];
  /** Chips the clause names beside its subject ("512 H100s"), the subject itself excluded. */
  chips: Entity[];
  negated: boolean;
  question: boolean;
  /** The hedge or attribution word, shown with the verdict ("reportedly", "katanya"). */
  hedge?: string;
  frame: TimeFrame;
  widening: WideningConcept[];
  /** Scope words the clause excludes ("not including the base model"): it speaks of a run's scope. */
  excluding: WideningConcept[];
  stage?: Stage;
  /** For a clause that names nothing, the text before it, which its subject and topic come from. */
  context?: string;
  /** Two subjects joined into one amount ("V3 and R1 together"). */
  combined: boolean;
  holding: boolean;
  /**
   * The statement lists a run's stages or works out a product ("R1-Zero ≈ 101k, R1 ≈ 41k"; "512 × 80
   * hours = 41k"): a bare model name there may mean its stage.
   */
  inBreakdown?: boolean;
  dateEvent?: DateEvent;
  /** A name the knowledge holds nothing on, standing where the claim's subject would ("xAI's Colossus …"). */
  unknownSubject?: string;
}

export type DateEvent = 'release' | 'announce' | 'effective' | 'rescinded' | 'founded';

/** A statement taken apart: its claims, in order, and the language it is written in. */
export interface Decomposition {
  text: string;
  language: Locale;
  claims: Claim[];
  mentions: Mention[];
  question: boolean;
  hedge?: string;
  negated: boolean;
}

const SPECIFIC_KINDS = new Set(['model', 'cluster', 'project', 'policy', 'place']);
/** Chip names that name a family, not a chip: "Hopper GPUs" or "Nvidia chips" do not conflict with H800. */
const GENERIC_CHIP_WORDS = /\b(hopper|nvidia|gpus?|chips?)\b/i;

/** The one entity each alias key names, from the knowledge's own alias index (no copy per snapshot). */
function aliasesOf(kb: KnowledgeIndex): { get: (key: string) => Entity | undefined } {
  return { get: (key) => kb.entityWithAlias(key) };
}

/** Entities named in a text with their positions; longer names first ("deepseek r1" before "deepseek"). */
export function findMentions(kb: KnowledgeIndex, text: string): Mention[] {
  const aliases = aliasesOf(kb);
  const tokens: { word: string; start: number; end: number; money: boolean }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)) {
    let word = m[0].replace(/[.'’-]+$/, '');
    word = word.replace(/['’]s$/i, '');
    // "plan a $100 billion": an amount is never part of a name ("a 100" is not the A100).
    const money = /(?:\$|rp\.?\s?)$/iu.test(text.slice(Math.max(0, m.index - 3), m.index));
    tokens.push({ word, start: m.index, end: m.index + word.length, money });
  }
  const found: Mention[] = [];
  const used = new Array<boolean>(tokens.length).fill(false);
  const lookup = (word: string): Entity | undefined =>
    aliases.get(aliasKey(word)) ??
    // "H800s", "A100s": a chip code in the plural; "R1s": a model code whose apostrophe chat dropped.
    (/^[a-z]{1,3}\d{1,4}s$/i.test(word) ? aliases.get(aliasKey(word.slice(0, -1))) : undefined);
  for (let size = Math.min(4, tokens.length); size >= 1; size--) {
    for (let i = 0; i + size <= tokens.length; i++) {
      if (used.slice(i, i + size).some(Boolean)) continue;
      const slice = tokens.slice(i, i + size);
      if (slice.some((t) => t.money)) continue;
      const entity = lookup(slice.map((t) => t.word).join(' '));
      if (entity) {
        found.push({ entity, start: slice[0]?.start ?? 0, end: slice.at(-1)?.end ?? 0 });
        used.fill(true, i, i + size);
      }
    }
  }
  // "Alibaba-ByteDance", "H800-hour": names joined by hyphens.
  tokens.forEach((t, i) => {
    if (used[i] || !t.word.includes('-')) return;
    let offset = t.start;
    for (const part of t.word.split('-')) {
      const entity = part.length > 1 ? lookup(part) : undefined;
      if (entity) found.push({ entity, start: offset, end: offset + part.length });
      offset += part.length + 1;
    }
  });
  return narrowPolicies(kb, found).sort((a, b) => a.start - b.start);
}

/** "export controls on the H20": a rule named beside a chip that has a rule of its own is that rule. */
// By the entities, not the snapshot: a moderator's change to a figure keeps them, and so this.
const policiesCache = new WeakMap<readonly Entity[], Entity[]>();
function narrowPolicies(kb: KnowledgeIndex, found: Mention[]): Mention[] {
  if (!found.some((m) => m.entity.kind === 'policy')) return found;
  let policies = policiesCache.get(kb.entities);
  if (!policies) {
    policies = kb.entities.filter((e) => e.kind === 'policy');
    policiesCache.set(kb.entities, policies);
  }
  return found.map((m) => {
    if (m.entity.kind !== 'policy') return m;
    const chip = found.find(
      (c) => c.entity.kind === 'chip' && (Math.abs(c.start - m.end) <= 20 || Math.abs(m.start - c.end) <= 20),
    );
    if (!chip) return m;
    const code = aliasKey(chip.entity.aliases.en[0] ?? chip.entity.name);
    const own = policies.find(
      (p) =>
        p !== m.entity && [p.name, ...p.aliases.en, ...p.aliases.id].some((a) => aliasKey(a).includes(code)),
    );
    return own ? { ...m, entity: own } : m;
  });
}

const CLAUSE_BREAK = new RegExp(
  String.raw`[.;!?\n]+(?=\s|$)|,\s|\s[-—–]\s|\s[—–]|[()]|:\s|\s=\s|\s(?:but|tapi|tetapi|namun|sedangkan|sementara|padahal|whereas|while|vs|versus|kok|it was|itu)\s`,
  'giu',
);

/** The clauses of a statement as [start, end) ranges. */
function clauses(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    // "X itu Y" splits a number from what it is said of ("294rb dolar itu buat 80 jam"); without a
    // number before it, "itu" joins a topic to what is said of it ("sewa GPU di Malaysia itu melanggar").
    if (m[0].trim().toLowerCase() === 'itu' && !/\d/.test(text.slice(start, m.index))) continue;
    if (m.index > start) out.push([start, m.index]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

const P = {
  negation: patternOf('negations', both('negations')),
  notNegation: patternOf('notNegations', both('notNegations')),
  questionTag: patternOf('questionTags', both('questionTags')),
  questionWord: new RegExp(`^\\s*(?:${patternOf('questionWords', both('questionWords')).source})`, 'iu'),
  hedge: patternOf('hedges', both('hedges')),
  now: patternOf('now', [VOCABULARY.en.timeFrame.now, VOCABULARY.id.timeFrame.now]),
  planned: patternOf('planned', [VOCABULARY.en.timeFrame.planned, VOCABULARY.id.timeFrame.planned]),
  forecast: patternOf('forecast', [VOCABULARY.en.timeFrame.forecast, VOCABULARY.id.timeFrame.forecast]),
  combining: patternOf('combining', both('combining')),
  asPlanned: patternOf('asPlanned', both('asPlanned')),
  holding: patternOf('holding', both('holding')),
  release: patternOf('releaseWords', both('releaseWords')),
  announce: patternOf('announceWords', both('announceWords')),
  effective: patternOf('effectiveWords', both('effectiveWords')),
  rescinded: patternOf('rescindedWords', both('rescindedWords')),
  founded: patternOf('foundedWords', both('foundedWords')),
  cost: patternOf('costWords', both('costWords')),
};
/** A product worked out in the statement ("512 × 80", "512 GPUs x 80h", "80 jam dikali 512"). */
const PRODUCT = /×|\d\s*[a-z-]*\s*x\s*[~≈]?\s*\d|\btimes\b|multiplied by|\b(?:di)?kali\b/iu;
const WIDENING = (['base_model', 'hardware', 'research', 'everything'] as const).map(
  (c) => [c, patternOf(`widening-${c}`, [VOCABULARY.en.widening[c], VOCABULARY.id.widening[c]])] as const,
);
const STAGES = (['zero', 'final', 'sft', 'total'] as const).map(
  (s) => [s, patternOf(`stage-${s}`, [VOCABULARY.en.stages[s], VOCABULARY.id.stages[s]])] as const,
);

/** The stage named nearest to a position in a clause, before it if any ("R1's final stage was 80 hours and R1-Zero 198"). */
function stageNear(clause: string, at: number): Stage | undefined {
  let best: { stage: Stage; distance: number } | undefined;
  for (const [stage, re] of STAGES) {
    for (const m of clause.matchAll(new RegExp(re.source, 'giu'))) {
      // "$10k of the total", "dari total": a part of the whole, not the whole.
      if (stage === 'total' && /\b(?:of the|of|dari)\s+$/iu.test(clause.slice(0, m.index))) continue;
      const distance = m.index <= at ? at - m.index : 1000 + m.index - at;
      if (!best || distance < best.distance) best = { stage, distance };
    }
  }
  return best?.stage;
}

function timeFrame(clause: string): TimeFrame {
  // "released on schedule", "rilis sesuai jadwal": the plan is said to have happened.
  if (P.asPlanned.test(clause)) return 'now';
  if (P.forecast.test(clause)) return 'forecast';
  if (P.planned.test(clause)) return 'planned';
  if (P.now.test(clause)) return 'now';
  return undefined;
}

function dateEvent(clause: string, subject?: Entity): DateEvent | undefined {
  if (P.founded.test(clause)) return 'founded';
  // A rule is dropped when it is scrapped; a model "dropped" when it came out.
  if (subject?.kind === 'model' && /\bdropped\b/iu.test(clause)) return 'release';
  if (P.rescinded.test(clause)) return 'rescinded';
  if (P.effective.test(clause)) return 'effective';
  // "R1 came out in January" is a release; "the cost came out in September" an announcement.
  // "the cost breakdown came out in September" is an announcement; "its low-cost AI" only describes.
  if (P.release.test(clause))
    return P.cost.test(clause.replace(/\blow[-\s]cost\b/giu, ' ')) ? 'announce' : 'release';
  if (P.announce.test(clause)) return 'announce';
  // "R2 was planned for May": a model's plan with a date is its release plan.
  if (subject?.kind === 'model' && P.planned.test(clause)) return 'release';
  return undefined;
}

/** Words before a scope word that exclude it rather than claim it ("gak termasuk pretraining"). */
const EXCLUDING =
  /(?<![\p{L}])(?:not|n't|never|no|without|excluding|excludes?|except|minus|gak|ga|nggak|ngga|tidak|tak|bukan|tanpa|belum|kecuali|di luar)(?![\p{L}])/iu;
const LEFT_OUT =
  /(?<![\p{L}])(?:not|without|excluding|except|belum|gak|ga|nggak|tidak|tak|tanpa|kecuali)\s+(?:termasuk|including|include|counting|ngitung|menghitung|itung)\s+(?:the\s+)?$/iu;
/** How many words before a scope word an excluding word still governs it. */
const EXCLUDING_REACH = 4;

/** A scope word in a text: where it is, and where the words that could exclude it start. */
interface ScopeWord {
  concept: WideningConcept;
  start: number;
  end: number;
  excluded: boolean;
  from: number;
}

/** Each scope word of a clause, and whether the words just before it exclude it. */
function scopeWords(clause: string): ScopeWord[] {
  const out: ScopeWord[] = [];
  for (const [concept, re] of WIDENING) {
    for (const m of clause.matchAll(new RegExp(re.source, 'giu'))) {
      const before = clause.slice(0, m.index);
      const words = [...before.matchAll(/\S+/g)].slice(-EXCLUDING_REACH);
      const from = words[0]?.index ?? m.index;
      const end = m.index + m[0].length;
      out.push({ concept, start: m.index, end, excluded: EXCLUDING.test(before.slice(from)), from });
    }
  }
  return out;
}

/** The scope words a clause claims: "all-in", "termasuk pretraining" — not "gak termasuk pretraining". */
function wideningIn(clause: string): WideningConcept[] {
  return [
    ...new Set(
      scopeWords(clause)
        .filter((w) => !w.excluded)
        .map((w) => w.concept),
    ),
  ];
}

/** The clause with each excluded scope word and its excluding word blanked: the denial is the scope's. */
function withoutExclusions(clause: string): string {
  let out = clause;
  for (const w of scopeWords(clause).filter((x) => x.excluded))
    out = out.slice(0, w.from) + ' '.repeat(w.start - w.from) + out.slice(w.start);
  return out;
}

/** A question opened by a negative auxiliary ("didn't", "wasnt", "isn't"): its premise is positive. */
const NEGATIVE_OPENER =
  /^\W*(?:didn'?t|wasn'?t|isn'?t|weren'?t|aren'?t|doesn'?t|don'?t|hasn'?t|haven'?t|bukannya|bukan ?kah)\b/iu;

/** A question's text with its negative opener removed: "wasn't R1 trained on Ascend?" asks whether it was. */
export function premiseText(text: string, question: boolean): string {
  return question ? text.replace(NEGATIVE_OPENER, ' ') : text;
}

/**
 * "wasnt R1 actually trained on H100s lol": a negative auxiliary before its subject asks, even without
 * a question mark. Before a verb ("didn't cost $6M, that was V3") the subject is only left out.
 */
function invertedNegative(text: string, mentions: readonly Mention[]): boolean {
  const opener = NEGATIVE_OPENER.exec(text);
  if (!opener) return false;
  const next = text.slice(opener[0].length).search(/\S/u) + opener[0].length;
  return (
    PRONOUN_SUBJECT.test(text.slice(next)) ||
    mentions.some((m) => m.start === next && m.entity.kind !== 'chip')
  );
}
const PRONOUN_SUBJECT = /^(?:it|they|he|she|we|you|the|that|this|those|these|its|their|deepseek's)\b/iu;

/** A span of the statement that names something the knowledge holds nothing on. */
interface UnknownName {
  name: string;
  start: number;
  end: number;
}

const UNKNOWN = wordPattern(UNKNOWN_NAMES, 'gi');
/** A model or chip code: letters, then digits ("gpt-5", "b200", "o3"), not money ("Rp4,8") or "gara2". */
const CODE = /(?<![\p{L}\p{N}$])\p{L}[\p{L}.]*-?\d+(?:\.\d+)?[\p{L}]*(?![\p{L}\p{N}])/gu;
const NOT_CODE = /^(?:rp|us|usd|idr|q[1-4]|h[12]|[\p{L}]{3,}2)$/iu;

/** Names the knowledge does not know, outside the spans of names it does. */
function unknownNamesIn(text: string, mentions: readonly Mention[]): UnknownName[] {
  const known = (start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);
  const found: UnknownName[] = [];
  for (const m of text.matchAll(UNKNOWN))
    found.push({ name: m[0], start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(CODE)) {
    const letters = m[0].replace(/[-\d.].*$/u, '');
    if (NOT_CODE.test(letters) || NOT_CODE.test(m[0])) continue;
    found.push({ name: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found.filter((u) => !known(u.start, u.end)).sort((a, b) => a.start - b.start);
}

/**
 * The unknown name a clause is about: the nearest name before its number, or the first name of a
 * clause in words. A known name nearer to the number, or first, keeps the claim the knowledge's.
 */
function unknownSubjectOf(
  text: string,
  unknown: readonly UnknownName[],
  inClause: readonly Mention[],
  range: readonly [number, number],
  quantity: Quantity | undefined,
): string | undefined {
  const [start, end] = range;
  const names = [
    ...unknown.filter((u) => u.start >= start && u.end <= end).map((u) => ({ ...u, unknown: true })),
    ...inClause
      .filter((m) => m.entity.kind !== 'chip')
      .map((m) => ({ name: '', start: m.start, end: m.end, unknown: false })),
  ].sort((a, b) => a.start - b.start);
  // In words, only a name that opens the clause is its subject: "… runs inference on AMD chips" is
  // about what the subject before it runs on.
  const opening = (n: { start: number }) => text.slice(start, n.start).trim().split(/\s+/u).length <= 2;
  const pick = quantity ? names.filter((n) => n.end <= quantity.start).at(-1) : names.find(opening);
  return pick?.unknown ? pick.name : undefined;
}

/** Whether a clause denies what it says; a question tag ("bukannya", "isn't it") is not a denial. */
function negatedIn(clause: string): boolean {
  const withoutTags = clause
    .replace(new RegExp(P.notNegation.source, 'giu'), ' ')
    .replace(new RegExp(P.questionTag.source, 'giu'), ' ');
  return P.negation.test(withoutTags);
}

/** The root firm of an entity (R1 → DeepSeek). */
export function rootOf(kb: KnowledgeIndex, id: string): string {
  let current = id;
  for (let depth = 0; depth < 8; depth++) {
    const parent = kb.entity(current)?.parent;
    if (parent === undefined) break;
    current = parent;
  }
  return current;
}

/** The subject a quantity speaks of: the most specific entity in its clause, nearest first. */
function subjectFor(
  kb: KnowledgeIndex,
  inClause: Mention[],
  at: number,
  previous: Entity | undefined,
  all: Mention[],
): Entity | undefined {
  let candidates = inClause.filter((m) => m.entity.kind !== 'chip');
  // "DeepSeek trained R1": the model, not the firm that made it.
  const models = candidates.filter((m) => SPECIFIC_KINDS.has(m.entity.kind));
  if (models.length > 0) {
    const roots = new Set(models.map((m) => rootOf(kb, m.entity.id)));
    candidates = candidates.filter((m) => SPECIFIC_KINDS.has(m.entity.kind) || !roots.has(m.entity.id));
  }
  if (candidates.length === 0) {
    // A clause naming only chips ("R1: 512 H800, 80 jam") speaks of the subject before it.
    if (previous) return previous;
    candidates = inClause;
  }
  const before = candidates.filter((m) => m.start <= at);
  const pick = before.at(-1) ?? candidates.find((m) => m.start > at);
  if (pick) return pick.entity;
  if (previous) return previous;
  const anyOther = all.filter((m) => m.entity.kind !== 'chip');
  return (anyOther[0] ?? all[0])?.entity;
}

/**
 * A clause without a number that names no subject of its own qualifies the number before it: in
 * "R1 cost $294k, all on H100s" or "$294k, from scratch", the chip and the scope belong to the $294k.
 */
function attachBackward(claims: Claim[], clause: Claim): boolean {
  const last = claims.at(-1);
  if (!last?.quantity || clause.negated) return false;
  // A scope word widens the number whatever the clause names: "…, including the V3 base model".
  for (const w of clause.widening) if (!last.widening.includes(w)) last.widening.push(w);
  for (const w of clause.excluding) if (!last.excluding.includes(w)) last.excluding.push(w);
  const chips = clause.mentions.filter((m) => m.entity.kind === 'chip').map((m) => m.entity);
  // "147 ribu jam GPU itu buat tahap akhir R1 doang": a stage said after the number is the number's.
  const sameSubject = clause.mentions.every(
    (m) => m.entity.kind === 'chip' || m.entity.id === last.subject?.id,
  );
  if (sameSubject && clause.stage !== undefined && last.stage === undefined) last.stage = clause.stage;
  if (clause.mentions.length !== chips.length) return true;
  if (last.chips.length === 0 && chips.length > 0)
    last.chips = chips.filter((c) => c.id !== last.subject?.id);
  // After a denial, a time frame explains it: "not $1 billion yet, that is still a projection".
  if (!last.negated) last.frame ??= clause.frame;
  return true;
}

/**
 * Takes a statement apart into atomic claims: each quantity with the subject nearest to it and the
 * qualifiers of its clause (chips named, time frame, scope words, negation, hedge, question); what is
 * left without a quantity becomes one claim in words.
 */
export function decompose(kb: KnowledgeIndex, statement: string, codes: readonly string[]): Decomposition {
  const text = normaliseNumbers(statement);
  const language = statementLanguage(text);
  // A name inside an excluded scope ("gak termasuk pretraining V3-Base") is not what the claim is about.
  const excluded = scopeWords(text).filter((w) => w.excluded);
  // So is a name said to be left out ("belum termasuk V3", "not including V3").
  const mentions = findMentions(kb, text).filter(
    (m) =>
      !excluded.some((w) => m.start < w.end && w.start < m.end) && !LEFT_OUT.test(text.slice(0, m.start)),
  );
  const quantities = extractQuantities(text, language, codes);
  const unknown = unknownNamesIn(text, mentions);
  const ranges = clauses(text);
  const question =
    /\?\s*\S{0,3}\s*$/u.test(text) ||
    P.questionWord.test(text.replace(/^\W+/, '')) ||
    invertedNegative(text, mentions);
  const hedge = P.hedge.exec(text)?.[0];
  const models = mentions.filter((m) => SPECIFIC_KINDS.has(m.entity.kind) && m.entity.kind === 'model');
  const combinedStatement =
    new Set(models.map((m) => m.entity.id)).size >= 2 && P.combining.test(text) && !/[,;]/.test(text);

  const claimFor = (
    range: [number, number],
    quantity?: Quantity,
    previous?: Entity,
    carriedChips: readonly Entity[] = [],
  ): Claim => {
    const [start, end] = range;
    const clause = text.slice(start, end);
    const inClause = mentions.filter((m) => m.start >= start && m.end <= end);
    const at = quantity?.start ?? end;
    const subject = subjectFor(kb, inClause, at, previous, mentions);
    const chips = inClause
      .filter((m) => m.entity.kind === 'chip' && m.entity.id !== subject?.id)
      .map((m) => m.entity)
      .filter((e) => !GENERIC_CHIP_WORDS.test(e.name) || /\d/.test(e.name));
    const stage = subject?.id === 'deepseek-r1-zero' ? ('zero' as const) : stageNear(clause, at - start);
    const event = dateEvent(clause, subject) ?? dateEvent(text, subject);
    const unknownSubject = unknownSubjectOf(text, unknown, inClause, range, quantity);
    return {
      ...(unknownSubject !== undefined && { unknownSubject }),
      text: clause.trim(),
      ...(quantity !== undefined && { quantity }),
      ...(subject !== undefined && { subject }),
      mentions: inClause,
      // "R1 (A100) training: $294,000": a chip named just before the number's clause qualifies it too.
      chips: [...new Set(chips.length > 0 ? chips : carriedChips.filter((c) => c.id !== subject?.id))],
      ...(inClause.length === 0 && start > 0 && { context: text.slice(0, start) }),
      // "Didn't V3 cost like 5.5 mil?", "wait, wasn't R1 …?" ask about their premise; they deny nothing.
      negated: negatedIn(withoutExclusions(premiseText(clause, question))),
      question,
      ...(hedge !== undefined && { hedge }),
      frame: timeFrame(clause),
      widening: wideningIn(clause),
      excluding: [
        ...new Set(
          scopeWords(clause)
            .filter((w) => w.excluded)
            .map((w) => w.concept),
        ),
      ],
      ...(stage !== undefined && { stage }),
      combined: combinedStatement,
      holding: P.holding.test(clause),
      ...(event !== undefined && { dateEvent: event }),
    };
  };

  const claims: Claim[] = [];
  let previous: Entity | undefined;
  let pendingChips: Entity[] = [];
  let pendingWidening: WideningConcept[] = [];
  let previousEnd = 0;
  for (const range of ranges) {
    const inRange = quantities.filter((q) => q.start >= range[0] && q.start < range[1]);
    // "tahap R1 yg 80 jam itu aja udh 147rb jam-GPU": what follows "itu" is said of the stage before it.
    const afterItu = /\bitu\s*$/iu.test(text.slice(previousEnd, range[0]));
    previousEnd = range[1];
    for (const q of inRange) {
      const claim = claimFor(range, q, previous, pendingChips);
      const before = claims.at(-1);
      if (
        afterItu &&
        claim.stage === undefined &&
        before?.stage !== undefined &&
        before.subject === claim.subject
      )
        claim.stage = before.stage;
      // "The whole of R1, pretraining and all, was $294k": scope words before the number widen it.
      for (const w of pendingWidening) if (!claim.widening.includes(w)) claim.widening.push(w);
      claims.push(claim);
      if (claim.subject && claim.subject.kind !== 'chip') previous = claim.subject;
    }
    if (inRange.length > 0) {
      pendingChips = [];
      pendingWidening = [];
    } else {
      const claim = claimFor(range, undefined, previous);
      if (claim.mentions.length > 0 && claim.subject && claim.subject.kind !== 'chip')
        previous = claim.subject;
      pendingChips.push(...claim.mentions.filter((m) => m.entity.kind === 'chip').map((m) => m.entity));
      if (!attachBackward(claims, claim) && !claim.negated) pendingWidening.push(...claim.widening);
      claims.push(claim);
    }
  }
  // Stages listed side by side, or a product worked out for a claim that names no model itself.
  const stages = claims.some((c) => c.stage !== undefined);
  const product = PRODUCT.test(text);
  for (const c of claims)
    if (stages || (product && !c.mentions.some((m) => m.entity.id === c.subject?.id))) c.inBreakdown = true;
  return {
    text,
    language,
    claims,
    mentions,
    question,
    ...(hedge !== undefined && { hedge }),
    negated: negatedIn(text),
  };
}
