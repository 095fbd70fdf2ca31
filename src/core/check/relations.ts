import type { KnowledgeIndex } from '../../knowledge/index.js';
import {
  PLACE_WITHIN,
  PlaceSchema,
  type Entity,
  type Figure,
  type Holds,
  type Place,
  type Relation,
  type RelationKind,
} from '../../knowledge/schema.js';
import { lineage } from './alignment.js';
import { premiseText, type Claim, type Mention } from './claims.js';
import type { PartJudgement } from './judge.js';
import { SEVERITY } from './verdicts.js';
import { assertsDenied, unexplainedTerms } from './text-claims.js';
import { both, CONCEPTS, NAME_CLASSES, patternOf, VOCABULARY, wordPattern } from './vocabulary.js';

/** A relation the knowledge records, with the figure whose words it restates. */
interface Fact {
  subject: string;
  relation: RelationKind;
  object?: string;
  place?: Place;
  holds: Holds;
  figure: Figure;
}

/** What a claim names as the other end of a relation: an entity, a place, or a chip maker not on record. */
type Target =
  | { kind: 'entity'; entity: Entity; start: number; end: number }
  | { kind: 'place'; place: Place; start: number; end: number }
  | { kind: 'maker'; name: string; start: number; end: number };

const NEGATION = patternOf('negations', both('negations'));
const NOT_NEGATION = patternOf('notNegations', both('notNegations'));
const USE_VERB = patternOf('chipUseWords', both('chipUseWords'));
/** Training or running verbs, without the bare prepositions ("on", "di") that also follow "has". */
const USE_VERB_STRICT =
  /\b(?:train\w*|ran|run\w*|used|uses|using|dilatih|melatih|latih|pake|pakai|memakai|menggunakan)\b/iu;
const INFERENCE = patternOf('inferenceWords', both('inferenceWords'));
const LOCATION = patternOf('locationWords', both('locationWords'));
const TRYING = patternOf('tryWords', both('tryWords'));
const OFFERING = patternOf('offerWords', both('offerWords'));
const MOVING = patternOf('moveWords', both('moveWords'));
const OWNING = patternOf('holding', both('holding'));
const OWNS_STRICT = wordPattern(CONCEPTS.own ?? []);
const IMPORTING = patternOf('importWords', both('importWords'));
const COMPARING = patternOf('comparisonWords', both('comparisonWords'));
const PLACE_PATTERNS = PlaceSchema.options.map(
  (p) => [p, wordPattern([...VOCABULARY.en.places[p], ...VOCABULARY.id.places[p]], 'gi')] as const,
);
/** "never" (not "not"): denying a thing was ever done, which a try contradicts. */
const NEVER =
  /\b(never|tidak pernah|tak pernah|gak pernah|ga pernah|nggak pernah|belum pernah|ngga pernah)\b/iu;
/** What may stand between two named things that share one negation ("not H100s or A100s"). */
const JOINER = /^[\s,&/]*(?:or|and|nor|atau|dan|sama|ama|serta|maupun|ataupun|apalagi|or even)?[\s,&/]*$/iu;

const factsCache = new WeakMap<KnowledgeIndex, Fact[]>();
function factsOf(kb: KnowledgeIndex): Fact[] {
  let facts = factsCache.get(kb);
  if (!facts) {
    facts = kb
      .figuresWithRelations()
      .filter((f) => f.rank !== 'deprecated')
      .flatMap((f) =>
        f.relations.map((r: Relation) => ({ ...r, subject: r.subject ?? f.subject, figure: f })),
      );
    factsCache.set(kb, facts);
  }
  return facts;
}

const makersCache = new WeakMap<KnowledgeIndex, Set<string>>();
/** Chip makers on record: every entity that is the parent of a chip (found once per snapshot). */
function makersOf(kb: KnowledgeIndex): Set<string> {
  let makers = makersCache.get(kb);
  if (!makers) {
    makers = new Set(kb.entities.flatMap((e) => (e.kind === 'chip' && e.parent ? [e.parent] : [])));
    makersCache.set(kb, makers);
  }
  return makers;
}

/** The places a clause names, by the vocabulary, with their positions in the statement. */
function placesIn(text: string, offset: number): Target[] {
  const out: Target[] = [];
  for (const [place, re] of PLACE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      // "non-China operators" describes who, not where.
      if (/\bnon[-\s]?$/i.test(text.slice(0, m.index))) continue;
      const start = offset + m.index;
      const end = start + m[0].length;
      // "Southeast Asia" also holds no shorter place; a longer match wins.
      if (out.some((t) => t.start <= start && t.end >= end)) continue;
      out.push({ kind: 'place', place, start, end });
    }
  }
  return out;
}

// By the entities, not the snapshot: a moderator's change to a figure keeps them, and so this.
const namesCache = new WeakMap<readonly Entity[], Set<string>>();
function knownNamesOf(kb: KnowledgeIndex): Set<string> {
  let names = namesCache.get(kb.entities);
  if (!names) {
    names = new Set(kb.entities.flatMap((e) => [e.id, e.name.toLowerCase()]));
    namesCache.set(kb.entities, names);
  }
  return names;
}

/** Chip makers named in a clause that the knowledge has no entity for ("AMD", "Cambricon"). */
function unknownMakersIn(kb: KnowledgeIndex, text: string, offset: number): Target[] {
  const known = knownNamesOf(kb);
  const out: Target[] = [];
  for (const name of Object.values(NAME_CLASSES.chipMaker ?? {}).flat()) {
    if (known.has(name)) continue;
    for (const m of text.matchAll(wordPattern([name], 'gi'))) {
      out.push({ kind: 'maker', name, start: offset + m.index, end: offset + m.index + m[0].length });
    }
  }
  return out;
}

/** Whether a place the claim names lies inside a place a fact names (or is it). */
const within = (inner: Place, outer: Place) => inner === outer || PLACE_WITHIN[inner].includes(outer);

/**
 * How a fact bears on a claimed target: the fact's own `holds`, a derived `no` (China is not abroad),
 * or nothing.
 */
function bearing(kb: KnowledgeIndex, fact: Fact, target: Target): Holds | undefined {
  if (target.kind === 'place') {
    if (fact.place === undefined) return undefined;
    if (target.place === fact.place) return fact.holds;
    // What holds of Malaysia holds of Southeast Asia and abroad; what is denied of abroad is denied of Malaysia.
    if (fact.holds === 'yes' && within(fact.place, target.place)) return 'yes';
    if (fact.holds === 'no' && within(target.place, fact.place)) return 'no';
    // Training in one place does not rule out another ("rents in Malaysia" says nothing of China): only
    // a recorded "no" denies a place.
    return undefined;
  }
  if (target.kind !== 'entity' || fact.object === undefined) return undefined;
  const claimed = target.entity;
  if (fact.object === claimed.id) return fact.holds;
  // A maker's chips: what is denied, tried or planned for the maker is so for each of its chips;
  // a use of one chip is a use of its maker's chips.
  if (claimed.parent === fact.object && fact.holds !== 'yes') return fact.holds;
  if (kb.entity(fact.object)?.parent === claimed.id && fact.holds === 'yes') return 'yes';
  return undefined;
}

/** The relation a clause states about a target, from its words. */
function relationOf(claim: Claim, subject: Entity, target: Target): RelationKind | undefined {
  // "…dilatih di China semua, gak ada yg di luar negeri": the verb of the clause before carries over.
  if (target.kind === 'place')
    // "Alibaba owns data centres in Malaysia" says whose they are, not only where it trains.
    return !OWNS_STRICT.test(claim.text) &&
      (LOCATION.test(claim.text) || (claim.context !== undefined && LOCATION.test(claim.context)))
      ? 'trains_in'
      : undefined;
  if (subject.kind === 'place')
    return OFFERING.test(claim.text) || USE_VERB.test(claim.text) ? 'offers' : undefined;
  if (IMPORTING.test(claim.text)) return 'imports';
  if (INFERENCE.test(claim.text)) return 'runs_on';
  // "had problems with Nvidia" tells of trouble, not of owning.
  if (OWNING.test(claim.text) && !USE_VERB_STRICT.test(claim.text) && !TRYING.test(claim.text)) return 'owns';
  return USE_VERB.test(claim.text) ? 'trained_on' : undefined;
}

/** The statement from a clause to the end of its sentence. */
function sentenceFrom(statement: string, start: number): string {
  const rest = statement.slice(start);
  const end = rest.search(/[.!?\n](?:\s|$)/u);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The verdict for a claim about a fact, given whether the claim denies it and how it frames it. */
function verdictFor(
  holds: Holds,
  negated: boolean,
  claim: Claim,
  sentenceRest: string,
): { verdict: PartJudgement['verdict']; reason: PartJudgement['reason'] } {
  // A failure told in the clause after ("…pake Ascend, tp gagal2 terus") makes it a try too; "trained
  // on Ascend no problem" says it went well: a problem denied is no try that failed.
  const triedIn = (text: string) => TRYING.test(text.replace(new RegExp(NOT_NEGATION.source, 'giu'), ' '));
  const tried = triedIn(sentenceRest);
  const planned = claim.frame === 'planned' || claim.frame === 'forecast';
  switch (holds) {
    case 'yes':
      if (negated) return { verdict: 'contradicted', reason: 'words_negated' };
      // "R1 had trouble on H800s": the record says it was done, not that it went badly.
      return triedIn(claim.text)
        ? { verdict: 'not_in_knowledge', reason: 'uncovered' }
        : { verdict: 'supported', reason: 'words_match' };
    case 'no':
      return negated
        ? { verdict: 'supported', reason: 'words_match' }
        : { verdict: 'contradicted', reason: 'words_conflict' };
    case 'tried':
      // Tried and given up: "tried Ascend" is right, "trained on Ascend" is not, "never used Ascend" is not.
      if (negated)
        return NEVER.test(claim.text)
          ? { verdict: 'contradicted', reason: 'words_negated' }
          : { verdict: 'supported', reason: 'words_match' };
      return tried
        ? { verdict: 'supported', reason: 'words_match' }
        : { verdict: 'contradicted', reason: 'words_conflict' };
    case 'planned':
      if (negated) return { verdict: 'contradicted', reason: 'words_negated' };
      return planned
        ? { verdict: 'supported', reason: 'words_match' }
        : { verdict: 'contradicted', reason: 'not_actual' };
    case 'alleged':
      return { verdict: 'disputed', reason: 'words_dispute' };
  }
}

/**
 * Judges a claim in words against the relations the knowledge records: who trained or runs a model on
 * which chips, where a firm trains, what a place offers ("R2 dilatih di Ascend", "DeepSeek moved its
 * training to Malaysia"). Each thing named after the verb is judged on its own, with the negation
 * before it; the most severe part stands. Nothing on record for the subject and relation: no verdict.
 * @param previous the subject of the clause before, for a clause that names none ("…, inferensinya pake Nvidia")
 */
export function judgeRelation(
  kb: KnowledgeIndex,
  claim: Claim,
  statement: string,
  previous: Entity | undefined,
): PartJudgement | undefined {
  // A date only says when ("after the April H20 crackdown"); any other number is judged on its own.
  if (claim.quantity && claim.quantity.kind !== 'date') return undefined;
  const facts = factsOf(kb);
  const makers = makersOf(kb);
  const clauseStart = Math.max(0, statement.indexOf(claim.text));
  const places = placesIn(claim.text, clauseStart);
  const overlapsPlace = (m: Mention) => places.some((p) => p.start < m.end && m.start < p.end);
  const isTarget = (m: Mention) => m.entity.kind === 'chip' || makers.has(m.entity.id) || overlapsPlace(m);
  // "…kyk Alibaba": a firm named to compare with is not who the claim is about.
  const compared = (m: Mention) =>
    COMPARING.test(
      statement
        .slice(Math.max(clauseStart, m.start - 14), m.start)
        .split(/\s+/)
        .slice(-3)
        .join(' '),
    );
  const actors = claim.mentions.filter((m) => !isTarget(m) && !compared(m));
  // A firm imports chips; its model named after ("… buat training Qwen") is what they are for.
  const importer = IMPORTING.test(claim.text)
    ? actors.find((m) => m.entity.kind === 'org')?.entity
    : undefined;
  const subject =
    importer ??
    actors.find((m) => m.entity.kind === 'model')?.entity ??
    actors.find((m) => m.entity.kind === 'org')?.entity ??
    // "The SE Asian facilities include H100s": a place is the subject when it names the hardware.
    claim.mentions.find((m) => m.entity.kind === 'place' && !places.some((p) => p.start === m.start))
      ?.entity ??
    claim.mentions.find((m) => m.entity.kind === 'place')?.entity ??
    (claim.mentions.length === 0 || claim.mentions.every(isTarget) ? previous : undefined);
  if (!subject) return undefined;
  const chain = lineage(kb, subject.id);
  // Another firm named beside the subject ("DeepSeek trained Qwen") is a claim the record does not align with.
  // Firms joined to it ("Alibaba and ByteDance") are subjects too, judged on their own record.
  const joined = (m: Mention) => {
    const at = claim.mentions.find((x) => x.entity.id === subject.id);
    if (!at) return false;
    const [a, b] = at.start < m.start ? [at.end, m.start] : [m.end, at.start];
    return JOINER.test(statement.slice(a, b));
  };
  // The subject's own model ("Alibaba … buat training Qwen") is what it works on, not another subject.
  const cosubjects = actors.filter(
    (m) =>
      m.entity.id !== subject.id &&
      !lineage(kb, m.entity.id).includes(subject.id) &&
      (m.entity.kind === 'model' || (m.entity.kind === 'org' && !chain.includes(m.entity.id))),
  );
  if (cosubjects.some((m) => !joined(m))) return undefined;
  if (cosubjects.length > 0) {
    const each = [subject, ...cosubjects.map((m) => m.entity)].map((e) =>
      judgeRelation(
        kb,
        {
          ...claim,
          mentions: claim.mentions.filter(
            (m) => m.entity === e || (!cosubjects.includes(m) && m.entity.id !== subject.id),
          ),
        },
        statement,
        previous,
      ),
    );
    if (each.some((p) => p === undefined)) return undefined;
    return (each as PartJudgement[]).reduce((w, p) => (SEVERITY[p.verdict] > SEVERITY[w.verdict] ? p : w));
  }
  // "Huawei sent engineers to DeepSeek": a chip maker named first is who acts, not what was used.
  const first = claim.mentions[0];
  const subjectAt = claim.mentions.find((m) => m.entity.id === subject.id)?.start ?? clauseStart;
  if (first && makers.has(first.entity.id) && first.entity.id !== subject.id && first.start < subjectAt)
    return undefined;

  const targets: Target[] = [
    ...claim.mentions
      .filter((m) => m.entity.id !== subject.id && (m.entity.kind === 'chip' || makers.has(m.entity.id)))
      .filter((m) => !overlapsPlace(m))
      .map((m) => ({ kind: 'entity' as const, entity: m.entity, start: m.start, end: m.end })),
    ...(subject.kind === 'place' ? [] : places),
    // A maker's name inside a named chip ("Huawei Ascend") is that chip, not another maker.
    ...unknownMakersIn(kb, claim.text, clauseStart).filter(
      (t) => !claim.mentions.some((m) => m.start < t.end && t.start < m.end),
    ),
  ]
    // What is named before the subject is not what the subject used ("Ascend's problems hit R2").
    .filter((t) => t.start > subjectAt || subjectAt === clauseStart)
    .sort((a, b) => a.start - b.start);
  if (targets.length === 0) return undefined;

  const parts: PartJudgement[] = [];
  let from = clauseStart;
  let previousNegated = false;
  let unresolved = false;
  let uncovered = false;
  for (const target of targets) {
    const between = premiseText(statement.slice(from, target.start), claim.question && from === clauseStart);
    from = target.end;
    const cleaned = between.replace(new RegExp(NOT_NEGATION.source, 'giu'), ' ');
    const negated: boolean = NEGATION.test(cleaned) || (previousNegated && JOINER.test(between));
    previousNegated = negated;
    const relation = relationOf(claim, subject, target);
    if (!relation) {
      unresolved = true;
      continue;
    }
    // The subject's own facts first, then its firm's ("DeepSeek trains in China" covers R1).
    const related = facts.filter((f) => f.relation === relation && chain.includes(f.subject));
    const ranked = [...related].sort((a, b) => chain.indexOf(a.subject) - chain.indexOf(b.subject));
    let found: { holds: Holds; fact: Fact } | undefined;
    for (const fact of ranked) {
      const holds = bearing(kb, fact, target);
      if (holds !== undefined) {
        found = { holds, fact };
        break;
      }
    }
    const part = (v: ReturnType<typeof verdictFor>, figure: Figure): PartJudgement => ({
      text: claim.text,
      verdict: v.verdict,
      reason: v.reason,
      figures: [figure],
    });
    if (found) {
      const wording = found.fact.figure.disputes.find((d) => d.kind === 'wording');
      // "Moved" where the knowledge says "rent" repeats another article's wording; denying it is right.
      if (relation === 'trains_in' && found.holds === 'yes' && MOVING.test(claim.text) && wording)
        parts.push({
          ...part(
            negated
              ? { verdict: 'supported', reason: 'words_match' }
              : { verdict: 'disputed', reason: 'words_dispute' },
            found.fact.figure,
          ),
          ...(!negated && { dispute: wording }),
        });
      else
        parts.push(
          part(
            verdictFor(found.holds, negated, claim, sentenceFrom(statement, clauseStart)),
            found.fact.figure,
          ),
        );
      continue;
    }
    // A chip maker other than every one the record names for this subject and relation ("R2 runs on
    // AMD" where only Ascend is on record) contradicts the record; denying it is right.
    // Only a model's own record is complete enough for that; a firm's is not ("DeepSeek trained on Nvidia").
    const recordedMakers = related.filter(
      (f) =>
        subject.kind === 'model' && f.subject === subject.id && f.object !== undefined && f.holds !== 'no',
    );
    const otherMaker =
      target.kind === 'maker' ||
      (target.kind === 'entity' &&
        recordedMakers.length > 0 &&
        recordedMakers.every((f) => {
          const maker = (id: string) => (makers.has(id) ? id : kb.entity(id)?.parent);
          return maker(f.object ?? '') !== maker(target.entity.id);
        }));
    const figure = recordedMakers[0]?.figure;
    if (otherMaker && figure && !negated) {
      parts.push(part({ verdict: 'contradicted', reason: 'words_conflict' }, figure));
    } else {
      unresolved = true;
      // The record speaks of where the subject trains, but not of this place ("Alibaba rents in China"
      // where only Malaysia and Singapore are on record): nothing else may confirm it. (A chip not on
      // record is left to the recorded runs.)
      if (related.length > 0 && target.kind === 'place') uncovered = true;
    }
  }
  const worst = parts.reduce<PartJudgement | undefined>(
    (w, p) => (!w || SEVERITY[p.verdict] > SEVERITY[w.verdict] ? p : w),
    undefined,
  );
  const unverified: PartJudgement = {
    text: claim.text,
    verdict: 'not_in_knowledge',
    reason: 'uncovered',
    figures: [],
  };
  if (!worst) return uncovered ? unverified : undefined;
  if (worst.verdict !== 'supported') return worst;
  // A thing named that nothing on record speaks of leaves the claim unconfirmed ("trained on Nvidia and
  // Cambricon"), and so do words the figure does not explain ("R2 di Ascend cuma soal listrik"): only a
  // conflict still decides.
  if (unresolved) return uncovered ? unverified : undefined;
  return saysMore(kb, claim, clauseStart, places, worst.figures[0]) ? undefined : worst;
}

const RELATION_WORDS = [
  USE_VERB,
  LOCATION,
  TRYING,
  MOVING,
  INFERENCE,
  OFFERING,
  OWNING,
  IMPORTING,
  NEGATION,
].map((re) => new RegExp(re.source, 'giu'));

/**
 * Whether the clause says more than the relation and its figure: words neither explains, once the
 * names, places and relation words are taken out.
 */
function saysMore(
  kb: KnowledgeIndex,
  claim: Claim,
  clauseStart: number,
  places: readonly Target[],
  figure: Figure | undefined,
): boolean {
  if (!figure) return true;
  const spans = [...claim.mentions, ...places].map(
    (m) => [m.start - clauseStart, m.end - clauseStart] as const,
  );
  let rest = claim.text;
  // Blanked to the same length, so that overlapping spans (a place that is also a name) stay in place.
  for (const [start, end] of spans)
    if (start >= 0 && end <= rest.length)
      rest = `${rest.slice(0, start)}${' '.repeat(end - start)}${rest.slice(end)}`;
  // A word the figure only denies ("owns" where it says "not owning") is said more, whatever verb it is.
  if (!claim.negated && assertsDenied(kb, rest, figure)) return true;
  for (const re of RELATION_WORDS) rest = rest.replace(re, ' ');
  return unexplainedTerms(kb, rest, figure, claim.negated).length > 0;
}
