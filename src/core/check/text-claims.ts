import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Dispute, Entity, Figure } from '../../knowledge/schema.js';
import { foldCase } from '../../knowledge/text.js';
import type { Claim, Decomposition } from './claims.js';
import type { PartJudgement } from './judge.js';
import { both, CONCEPTS, NAME_CLASSES, patternOf, wordPattern } from './vocabulary.js';

/** One thing the knowledge says in words: a figure's value and scope, or one side of a dispute. */
interface Side {
  figure: Figure;
  dispute?: Dispute;
  text: string;
  terms: Set<string>;
  /** Concepts the side itself denies ("no Huawei chips were used"). */
  denied: Set<string>;
}

const CONCEPT_PATTERNS = Object.entries(CONCEPTS).map(([c, words]) => [c, wordPattern(words, 'gi')] as const);
// Any concept at all: most texts (names, aliases) have none, and one test spares them every pattern.
const ANY_CONCEPT = wordPattern(Object.values(CONCEPTS).flat());
const NEGATION = patternOf('negations', both('negations'));
const HEDGE = patternOf('hedges', both('hedges'));
const NOT_NEGATION = patternOf('notNegations', both('notNegations'));
const STOP = new Set(
  (
    'the a an of for to in on at by and or is was were are be been has have had its it this that with from as ' +
    'yang dan di ke dari untuk pada dengan itu ini ada adalah atau oleh dalam juga sih kok ya gan cuy deh nih dong pake pakai buat ' +
    'but tapi tp tetapi namun ' +
    'their they them his her what how did does do really so just also not never no ' +
    'via through lewat melalui cuma hanya doang aja saja udah sudah banget bgt bilang kata katanya sama kalo ' +
    'into onto ran run runs had got get gets went goes during still any all some many much very been being under ' +
    'can could would should may might must which who when where why ' +
    'kalau tuh gitu emang memang yg dgn utk pas dapet dapat bener beneran actually basically only like lol wkwk'
  ).split(' '),
);

/** A word's stem, light: enough to meet "trained"/"training" and "menyewa"/"sewa". */
function stem(word: string): string {
  let w = word;
  if (w.length > 5) w = w.replace(/(nya|kan|lah|an)$/, '');
  if (w.length > 5) w = w.replace(/^(mem|men|meng|me|di|ber|ter|pe)/, '');
  if (w.length > 4) w = w.replace(/(ing|ed|es|s)$/, '');
  return w;
}

/** The concepts and words of a text, for matching claims in words. */
function termsOf(text: string): Set<string> {
  // "non-Chinese operators" says who they are not: it is not about China.
  const folded = foldCase(text)
    .replace(/(?<![\p{L}])non[-\s]?\p{L}+/gu, ' ')
    // "punya data center sendiri": owning, not the possessive "punya".
    .replace(/(?<![\p{L}])punya\s+((?:[\p{L}-]+\s+){1,3}?)sendiri(?![\p{L}])/gu, 'memiliki $1');
  const terms = new Set<string>();
  let rest = folded;
  if (ANY_CONCEPT.test(rest)) {
    for (const [concept, re] of CONCEPT_PATTERNS) {
      if (re.test(rest)) {
        terms.add(`#${concept}`);
        rest = rest.replace(re, ' ');
      }
      re.lastIndex = 0;
    }
  }
  for (const w of rest.match(/[\p{L}][\p{L}\p{N}-]*/gu) ?? []) {
    if (w.length < 3 || STOP.has(w) || /\d/.test(w)) continue;
    terms.add(stem(w));
  }
  // Violating a rule is doing something illegal: "does not violate them" answers "is it illegal".
  if (terms.has('#violate')) terms.add('#illegal');
  return terms;
}

interface Sides {
  sides: Side[];
  idf: Map<string, number>;
  /** Each figure's sides: its own words and its disputes'. */
  byFigure: Map<Figure, Side[]>;
  /** What each figure's sides deny and never affirm, worked out on first use. */
  deniedOnly: Map<Figure, Set<string>>;
}

const sidesCache = new WeakMap<KnowledgeIndex, Sides>();
function sidesOf(kb: KnowledgeIndex): Sides {
  let cached = sidesCache.get(kb);
  if (!cached) {
    const sides: Side[] = [];
    const planned = kb.figuresWithBasis('planned', 'forecast').filter((f) => f.value.type === 'amount');
    for (const f of [...kb.figuresValued('date', 'text'), ...planned]) {
      // Events are said in words too ("the rule was scrapped before it took effect"): a date figure's
      // scope tells what happened.
      if (f.value.type === 'date') {
        const said = `${f.scope.en} ${f.scope.id} ${f.citations.map((c) => c.quote ?? '').join(' ')}`;
        sides.push({ figure: f, text: said, terms: termsOf(said), denied: deniedTerms(said) });
        continue;
      }
      // A planned amount is also a plan told in words ("Microsoft and OpenAI plan a giant data centre").
      if (f.value.type === 'amount' && (f.basis === 'planned' || f.basis === 'forecast')) {
        const said = `${f.scope.en} ${f.scope.id} ${f.citations.map((c) => c.quote ?? '').join(' ')}`;
        sides.push({ figure: f, text: said, terms: termsOf(said), denied: deniedTerms(said) });
        continue;
      }
      if (f.value.type !== 'text') continue;
      // The figure's words, and the words of the articles it cites for them.
      const quotes = f.citations.map((c) => c.quote ?? '').join(' ');
      const text = `${f.value.text.en} ${f.value.text.id} ${f.scope.en} ${f.scope.id} ${quotes}`;
      sides.push({ figure: f, text, terms: termsOf(text), denied: deniedTerms(text) });
      for (const d of f.disputes) {
        const said = `${d.says.en} ${d.says.id} ${d.citations.map((c) => c.quote ?? '').join(' ')}`;
        sides.push({ figure: f, dispute: d, text: said, terms: termsOf(said), denied: new Set() });
      }
    }
    const df = new Map<string, number>();
    for (const s of sides) for (const t of s.terms) df.set(t, (df.get(t) ?? 0) + 1);
    const idf = new Map([...df].map(([t, n]) => [t, Math.log(1 + sides.length / n)]));
    const byFigure = new Map<Figure, Side[]>();
    for (const s of sides) {
      const list = byFigure.get(s.figure);
      if (list) list.push(s);
      else byFigure.set(s.figure, [s]);
    }
    cached = { sides, idf, byFigure, deniedOnly: new Map() };
    sidesCache.set(kb, cached);
  }
  return cached;
}

/**
 * The concepts a text denies: those after a negation word, up to the end of its clause ("incidental,
 * not deliberate" denies "deliberate", not "incidental").
 */
function deniedTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const scope of denials(text)) for (const t of termsOf(scope)) if (t !== '#train') out.add(t);
  return out;
}

/** The parts of a text that follow a negation word, each up to the end of its clause. */
function denials(text: string): string[] {
  // "Tidak langsung" (indirect) and "not only" deny nothing.
  const plain = text.replace(new RegExp(NOT_NEGATION.source, 'giu'), (m) => ' '.repeat(m.length));
  return [...plain.matchAll(new RegExp(NEGATION.source, 'giu'))].map((m) => {
    const rest = plain.slice(m.index + m[0].length);
    return rest.slice(0, rest.search(/[.,;:—]|$/));
  });
}

/** Whether a claim asserts a concept the figure only denies ("Alibaba owns the data centres it rents"). */
export function assertsDenied(kb: KnowledgeIndex, claimText: string, figure: Figure): boolean {
  const denied = deniedOnlyOf(kb, figure);
  const names = nameTermsOf(kb);
  return [...termsOf(claimText)].some((t) => denied.has(t) && !names.has(t) && t !== '#train');
}

/** The concepts a figure's sides deny and never affirm, once per snapshot. */
function deniedOnlyOf(kb: KnowledgeIndex, figure: Figure): Set<string> {
  const cache = sidesOf(kb);
  let denied = cache.deniedOnly.get(figure);
  if (!denied) {
    denied = deniedOnly(cache.byFigure.get(figure) ?? []);
    cache.deniedOnly.set(figure, denied);
  }
  return denied;
}

function deniedOnly(sides: readonly Side[]): Set<string> {
  const denied = new Set(sides.flatMap((s) => [...s.denied]));
  if (denied.size === 0) return denied;
  for (const s of sides) {
    let affirming = foldCase(s.text);
    for (const scope of denials(affirming)) affirming = affirming.replace(scope, ' ');
    for (const t of termsOf(affirming)) denied.delete(t);
  }
  return denied;
}

/** The names a text denies with "non-" ("non-Chinese operators"), each with the terms of the words around it. */
function nonNamesOf(side: Side): { name: string; around: string[] }[] {
  let found = nonNamesCache.get(side);
  if (!found) {
    found = nonNamesIn(side.text);
    nonNamesCache.set(side, found);
  }
  return found;
}
const nonNamesCache = new WeakMap<Side, { name: string; around: string[] }[]>();

function nonNamesIn(text: string): { name: string; around: string[] }[] {
  const folded = foldCase(text);
  return [...folded.matchAll(/(?<![\p{L}])non[-\s]?(\p{L}+)/gu)].flatMap((m) => {
    const before = folded
      .slice(Math.max(0, m.index - 40), m.index)
      .split(/\s+/u)
      .slice(-3)
      .join(' ');
    const after = folded
      .slice(m.index + m[0].length, m.index + m[0].length + 40)
      .split(/\s+/u)
      .slice(0, 4)
      .join(' ');
    const around = [...termsOf(`${before} ${after}`)].filter((t) => !GENERIC.has(t));
    return [...termsOf(m[1] ?? '')].map((name) => ({ name, around }));
  });
}

/** Whether a side names a model only to leave it out ("smaller distilled models, not R1 itself"). */
function excludedBy(entity: Entity, side: Side): boolean {
  if (entity.kind !== 'model') return false;
  const named = wordPattern([entity.name, ...entity.aliases.en, ...entity.aliases.id]);
  return denials(foldCase(side.text)).some((scope) => named.test(scope));
}

/** How much of a claim's meaning a side covers, and how many concepts they share. */
function overlap(
  claim: Set<string>,
  side: Side,
  idf: Map<string, number>,
): { score: number; shared: number } {
  let total = 0;
  let hit = 0;
  let shared = 0;
  for (const t of claim) {
    const w = idf.get(t) ?? 0;
    if (w === 0) continue;
    total += w;
    if (side.terms.has(t)) {
      hit += w;
      shared += 1;
    }
  }
  return { score: total === 0 ? 0 : hit / total, shared };
}

/** A name of a closed class the claim uses where the side names another ("Beijing" for "Hangzhou"). */
function conflictingName(claimText: string, side: Side): boolean {
  const claim = foldCase(claimText);
  const known = foldCase(side.text);
  return Object.values(NAME_CLASSES).some((members) => {
    const named = (text: string) =>
      Object.entries(members)
        .filter(([, spellings]) => wordPattern(spellings).test(text))
        .map(([member]) => member);
    const said = named(claim);
    const recorded = named(known);
    return said.length > 0 && recorded.length > 0 && said.every((n) => !recorded.includes(n));
  });
}

// By the entities, not the snapshot: a moderator's change to a figure keeps them, and so these.
const namesCache = new WeakMap<readonly Entity[], Set<string>>();
/** The terms that are names of entities ("deepseek", "alibaba", "h800"). */
function nameTermsOf(kb: KnowledgeIndex): Set<string> {
  let names = namesCache.get(kb.entities);
  if (!names) {
    names = new Set(
      kb.entities.flatMap((e) => [e.name, ...e.aliases.en, ...e.aliases.id].flatMap((a) => [...termsOf(a)])),
    );
    namesCache.set(kb.entities, names);
  }
  return names;
}

/**
 * Whether a statement, across its clauses, repeats the concepts of a disputed claim about what it names:
 * "R1 ran on 512 H800s and edge computing was part of why it was so cheap".
 */
export function judgeEcho(kb: KnowledgeIndex, d: Decomposition): PartJudgement | undefined {
  if (d.question || d.negated) return undefined;
  let words = d.text;
  for (const m of [...d.mentions].reverse()) words = words.slice(0, m.start) + ' ' + words.slice(m.end);
  const terms = termsOf(words);
  const { sides } = sidesOf(kb);
  const echo = disputedEcho(terms, sides, new Set(d.mentions.map((m) => m.entity.id)), kb);
  return echo && echoPart(d.text, echo);
}

/** The part for a statement that repeats a disputed side. */
function echoPart(text: string, side: Side): PartJudgement {
  return {
    text,
    verdict: 'disputed',
    reason: 'words_dispute',
    figures: [side.figure],
    ...(side.dispute && { dispute: side.dispute }),
  };
}

/**
 * A disputed side (a disputed figure, or an allegation, wording or unsupported side) that shares at
 * least two concepts with the claim, and is about what the claim names.
 */
function disputedEcho(
  terms: Set<string>,
  sides: readonly Side[],
  entityIds: Set<string>,
  kb: KnowledgeIndex,
): Side | undefined {
  const names = nameTermsOf(kb);
  const concepts = [...terms].filter((t) => t.startsWith('#') && !names.has(t) && t !== '#train');
  if (concepts.length < 2) return undefined;
  return sides.find((side) => {
    const disputed =
      side.figure.status === 'disputed' ||
      (side.dispute !== undefined && DISPUTED_KINDS.has(side.dispute.kind));
    if (!disputed) return false;
    const about = [side.figure.subject, ...side.figure.also_about];
    if (entityIds.size > 0 && !about.some((id) => entityIds.has(id))) return false;
    return concepts.filter((t) => side.terms.has(t)).length >= 2;
  });
}

/** Whether a side speaks of an entity: its subject or a party it lists (or their firm), or names it. */
function namedBy(kb: KnowledgeIndex, entity: Entity, side: Side): boolean {
  const about = [side.figure.subject, ...side.figure.also_about];
  if (about.includes(entity.id) || about.some((id) => kb.entity(id)?.parent === entity.id)) return true;
  // A firm's own chip ("Huawei … the Ascend training issues").
  if (entity.kind === 'chip' && entity.parent !== undefined && about.includes(entity.parent)) return true;
  const aliases = [entity.name, ...entity.aliases.en, ...entity.aliases.id];
  if (wordPattern(aliases).test(foldCase(side.text))) return true;
  // A rule named in words the side uses ("the export ban" where it says "banned exports").
  if (entity.kind !== 'policy') return false;
  return aliases.some((a) => {
    const t = [...termsOf(a)];
    return t.length > 0 && t.every((x) => side.terms.has(x));
  });
}

/**
 * Denying another article's wording ("they didn't really move their data centres") says what the
 * knowledge says: the figure's own words are the right ones.
 */
function deniedWording(text: string, side: Side): PartJudgement {
  return { text, verdict: 'supported', reason: 'words_match', figures: [side.figure] };
}

/**
 * The words of a claim that neither the figure's own words (in either language) nor the names of the
 * knowledge explain: "cuma soal listrik" beside "R2 on Ascend". A claim with such words says more than
 * the figure does, so it cannot be confirmed by it.
 */
export function unexplainedTerms(
  kb: KnowledgeIndex,
  claimText: string,
  figure: Figure,
  negated = false,
): string[] {
  const own = sidesOf(kb).byFigure.get(figure) ?? [];
  // What the figure only denies ("does not violate them") explains a claim that denies it too, not
  // one that asserts it: "renting in Malaysia violates US export rules" says more than the figure.
  const onlyDenied = negated ? new Set<string>() : deniedOnlyOf(kb, figure);
  const known = new Set(own.flatMap((s) => [...s.terms]).filter((t) => !onlyDenied.has(t)));
  const names = nameTermsOf(kb);
  return [...termsOf(claimText)].filter(
    (t) => !known.has(t) && !names.has(t) && !GENERIC.has(t) && !HEDGE.test(t) && !FILLER.has(t),
  );
}

/** For a date figure told in words: the concept that names its event, and words that say the opposite. */
const EVENT_WORDS: Partial<Record<Figure['property'], { concept: string; opposite: RegExp }>> = {
  rescinded: {
    concept: '#cancelled',
    opposite: wordPattern([
      'still in effect',
      'still in force',
      'still applies',
      'in full effect',
      'fully in effect',
      'already in effect',
      'now in effect',
      'masih berlaku',
      'masih aktif',
      'udah berlaku',
      'sudah berlaku',
      'berlaku penuh',
      'udh berlaku',
    ]),
  },
  planned_release: {
    concept: '#delay',
    opposite: wordPattern([
      'already out',
      'already released',
      'is out',
      'udah rilis',
      'sudah rilis',
      'udah keluar',
      'sudah dirilis',
      'udah dirilis',
    ]),
  },
  release: { concept: '#release', opposite: wordPattern(['not out yet', 'belum rilis', 'belum dirilis']) },
};

const OWNED_BY = new RegExp(`${patternOf('ownedByWords', both('ownedByWords')).source}\\s+$`, 'iu');

/** Concepts that change what a claim says: a side that lacks one cannot confirm a claim with it. */
const DECISIVE = new Set(['#own', '#illegal', '#violate', '#move', '#cancelled', '#distil', '#import']);

/** "pernah" (ever), "sama sekali" (at all): parts of a denial, not of what is denied. */
const NEVER_WORDS = /(?<![\p{L}])(?:pernah|sama sekali|at all|whatsoever|ever)(?![\p{L}])/giu;

/** Chat filler that carries no claim of its own. */
const FILLER = new Set(
  (
    'still masih now sekarang its their models modelnya awal awalnya akhirnya gara-gara karena soalnya because ' +
    'then terus lalu kemudian again lagi even bahkan sampe sampai pun tetap tetep already yet belum sih lho loh ' +
    'tbh ngl imo lol wkwk bro gan guys jadi emang beneran literally reportedly apparently ' +
    'skrg skrng skr kini biar supaya agar bisa can ' +
    'finished completed complete done selesai rampung kelar sebenernya sebenarnya mulu melulu sempet sempat ' +
    'admit admits admitted ngaku mengaku ever pernah ' +
    'class kelas grade type tipe jenis level straight up outright totally flat'
  )
    .split(' ')
    .map(stem),
);

/** Disputes whose other side is itself a claim worth flagging: an allegation, another wording, no support. */
const DISPUTED_KINDS = new Set(['allegation', 'wording', 'unsupported', 'estimate', 'scope']);
/** Words every cost or chip claim uses: alone they say nothing about which story it tells. */
const GENERIC = new Set([
  '#train',
  'biaya',
  'cost',
  'model',
  'gpu',
  'chip',
  'ongko',
  'harga',
  'used',
  'use',
  'dan',
  'spent',
  'habi',
  'total',
]);
const ASKING = /\b(how many|how much|berapa|what|apa saja)\b/i;
const MIN_SCORE = 0.5;
const SUPPORT_SCORE = 0.7;
const MIN_SHARED = 2;

/**
 * Judges a claim made in words (no number) against what the knowledge says in words: the figure or
 * dispute side that covers most of the claim's concepts, weighted by how rare they are. Repeating an
 * allegation or another article's wording is disputed; a name of the wrong city or chip maker, or
 * denying what is recorded, contradicts; too little in common is no verdict.
 */
export function judgeWords(kb: KnowledgeIndex, claim: Claim, d: Decomposition): PartJudgement | undefined {
  // "How many chips did Huawei lend?" asks; it claims nothing in words.
  if (ASKING.test(claim.text)) return undefined;
  // The number itself is judged apart; what is left is the claim in words.
  let words = claim.quantity ? claim.text.replace(claim.quantity.text, ' ') : claim.text;
  if (claim.quantity)
    for (const m of claim.mentions) words = words.replace(d.text.slice(m.start, m.end), ' ');
  // Negation words say how the claim stands, not what it is about ("gak pernah", "never").
  words = words
    .replace(new RegExp(NOT_NEGATION.source, 'giu'), ' ')
    .replace(new RegExp(NEGATION.source, 'giu'), ' ')
    .replace(NEVER_WORDS, ' ');
  const terms = new Set([...termsOf(words)].filter((t) => !GENERIC.has(t)));
  const { sides, idf } = sidesOf(kb);
  const entityIds = new Set(claim.mentions.map((m) => m.entity.id));
  if (claim.subject) entityIds.add(claim.subject.id);
  let best: { side: Side; score: number; shared: number } | undefined;
  for (const side of sides) {
    const about = [side.figure.subject, ...side.figure.also_about];
    // A claim naming a subject is judged on that subject's sides only.
    if (
      entityIds.size > 0 &&
      !about.some(
        (id) =>
          entityIds.has(id) ||
          [...entityIds].some((e) => kb.entity(e)?.parent === id || kb.entity(id)?.parent === e),
      )
    )
      continue;
    const { score, shared } = overlap(terms, side, idf);
    if (!best || score > best.score) best = { side, score, shared };
  }
  // Beside a number, only a strong match counts: the words must tell a story of their own.
  const [minScore, minShared] = claim.quantity ? [0.6, 3] : [MIN_SCORE, MIN_SHARED];
  if (!best || best.score < minScore || best.shared < minShared) {
    // …unless it repeats the concepts of a disputed claim ("edge computing" and "cheap"): flagging
    // needs less than confirming.
    const echo = disputedEcho(terms, sides, entityIds, kb);
    if (echo && claim.negated && echo.dispute?.kind === 'wording') return deniedWording(claim.text, echo);
    return echo && echoPart(claim.text, echo);
  }
  const { side } = best;
  const part = (verdict: PartJudgement['verdict'], reason: PartJudgement['reason']): PartJudgement => ({
    text: claim.text,
    verdict,
    reason,
    figures: [side.figure],
    ...(side.dispute !== undefined && { dispute: side.dispute }),
  });
  // An event told in words must name the event: "the rule still applies" says the opposite of its
  // cancellation; "R2 udah rilis" the opposite of its delay.
  const event = EVENT_WORDS[side.figure.property];
  if (event) {
    if (event.opposite.test(claim.text) && !terms.has(event.concept))
      return claim.negated ? undefined : part('contradicted', 'words_conflict');
    if (!terms.has(event.concept)) return undefined;
  }
  // A name the figure's sides record differently ("Beijing" where a report says "Hangzhou"): whichever
  // report is right, that one is not.
  const figureSides = sidesOf(kb).byFigure.get(side.figure) ?? [];
  if (figureSides.some((x) => conflictingName(claim.text, x)))
    return claim.negated ? undefined : part('contradicted', 'words_conflict');
  if (side.dispute?.kind === 'wording' && claim.negated) return deniedWording(claim.text, side);
  if (side.dispute && DISPUTED_KINDS.has(side.dispute.kind)) return part('disputed', 'words_dispute');
  // Repeating one report's version of a detail the reports differ on ("at the Hangzhou HQ") is disputed;
  // beside a number nothing covers ("sent 50 engineers") the number is the claim.
  if (side.dispute?.kind === 'detail' && claim.quantity === undefined)
    return part('disputed', 'words_dispute');
  // A word only a disputed side of the same figure uses ("moved" their data centres, where the
  // knowledge says "rent") repeats that side.
  const names = nameTermsOf(kb);
  const echoed = sides.find(
    (x) =>
      x.figure === side.figure &&
      x.dispute !== undefined &&
      DISPUTED_KINDS.has(x.dispute.kind) &&
      [...terms].some((t) => t.startsWith('#') && !names.has(t) && x.terms.has(t) && !side.terms.has(t)),
  );
  if (echoed?.dispute && claim.negated && echoed.dispute.kind === 'wording')
    return deniedWording(claim.text, echoed);
  if (echoed?.dispute)
    return {
      text: claim.text,
      verdict: 'disputed',
      reason: 'words_dispute',
      figures: [side.figure],
      dispute: echoed.dispute,
    };
  if (side.figure.status === 'disputed' || side.figure.status === 'contradicted')
    return part('disputed', 'words_dispute');
  // Denying what is recorded, or saying what the knowledge denies, contradicts it.
  // Names of firms, models and chips are who a sentence is about, not what it denies.
  // "non-Chinese operators" denies the name for the words around it: "operator … bukan perusahaan China"
  // agrees with it; "Alibaba is a Chinese firm" is not about those operators at all.
  const deniesNamed =
    claim.negated && nonNamesOf(side).some((n) => terms.has(n.name) && n.around.some((t) => terms.has(t)));
  const deniedByKnowledge =
    deniesNamed || [...terms].some((t) => t !== '#train' && !names.has(t) && side.denied.has(t));
  // Confirming in words needs more in common than flagging: a wrong "supported" is the worst answer.
  // A denial is held to the same bar: "didn't hire anyone from outside China" denies nothing on record.
  if (best.score < SUPPORT_SCORE) return undefined;
  // Words the knowledge never uses ("went smoothly") are assertions nothing aligns with: each counts
  // against confirming, at half the weight of an average word of the claim.
  const known = [...terms].filter((t) => idf.has(t));
  const knownWeight = known.reduce((sum, t) => sum + (idf.get(t) ?? 0), 0);
  const unknown = [...terms].filter((t) => !idf.has(t) && !names.has(t) && !HEDGE.test(t)).length;
  const penalty = unknown * 0.5 * (knownWeight / Math.max(1, known.length));
  if ((best.score * knownWeight) / (knownWeight + penalty) < SUPPORT_SCORE) return undefined;
  // Two shared words confirm only a claim that says nothing else.
  if (best.shared < 3 && (unknown > 0 || best.score < 0.9)) return undefined;
  // The recorded fact pinned on a model the side leaves out ("R1 was distilled from Llama").
  if (
    [...claim.mentions.map((m) => m.entity), ...(claim.subject ? [claim.subject] : [])].some((e) =>
      excludedBy(e, side),
    )
  )
    return claim.negated ? part('supported', 'words_match') : part('misleading', 'wrong_scope');
  // "DeepSeek is owned by ByteDance": whose a firm is, said of another firm, is the ownership judge's.
  const clauseAt = d.text.indexOf(claim.text);
  if (
    claim.mentions.some(
      (m) =>
        m.entity.kind === 'org' && OWNED_BY.test(d.text.slice(Math.max(clauseAt, m.start - 24), m.start)),
    )
  )
    return undefined;
  // A concept the claim asserts and the side never uses ("owned by ByteDance" beside a figure that only
  // names ByteDance to compare) is a claim the side does not make.
  const missing = [...terms].filter((t) => t.startsWith('#') && !names.has(t) && !side.terms.has(t));
  if (!claim.negated && missing.some((t) => DECISIVE.has(t))) return undefined;
  // Every name in the claim must be one the side speaks of: "trained R2 on Nvidia" is not confirmed
  // by what the knowledge says of the H800.
  if (!claim.mentions.every(({ entity }) => namedBy(kb, entity, side))) return undefined;
  // A plan is confirmed only as a plan; told as done ("already finished building it") it is not so.
  const planned = side.figure.basis === 'planned' || side.figure.basis === 'forecast';
  if (planned && !claim.negated && claim.frame !== 'planned' && claim.frame !== 'forecast')
    return claim.frame === 'now' ? part('contradicted', 'not_actual') : undefined;
  return claim.negated !== deniedByKnowledge
    ? part('contradicted', 'words_negated')
    : part('supported', 'words_match');
}
