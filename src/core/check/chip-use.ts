import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Entity, Figure } from '../../knowledge/schema.js';
import { lineage } from './alignment.js';
import { premiseText, type Claim } from './claims.js';
import type { PartJudgement } from './judge.js';
import { SEVERITY } from './verdicts.js';
import { both, patternOf } from './vocabulary.js';

/** What the knowledge records of a subject and a chip together. */
type Use = 'run' | 'used' | 'disputed';

const NEGATION = patternOf('negations', both('negations'));
const NOT_NEGATION = patternOf('notNegations', both('notNegations'));
const USE_VERB = patternOf('chipUseWords', both('chipUseWords'));
const INFERENCE = patternOf('inferenceWords', both('inferenceWords'));

/** Every entity a figure links: its subject, the parties it lists, its chips. */
function linked(f: Figure): string[] {
  const ids = [f.subject, ...f.also_about];
  if (f.value.type === 'amount') {
    if (f.value.chip !== undefined) ids.push(f.value.chip);
    for (const b of f.value.breakdown) ids.push(b.chip);
  }
  return ids;
}

/**
 * How the knowledge links a subject with a chip: `run` when a training run of the subject (or, for a
 * firm, of one of its models) is recorded on it, `used` when a confirmed figure links them, `disputed`
 * when only a disputed or contradicted one does. Reported-only links ("tried Ascend") decide nothing.
 */
function useOf(kb: KnowledgeIndex, subject: Entity, chip: Entity): { use?: Use; figure?: Figure } {
  const under = (id: string) => lineage(kb, id).includes(subject.id);
  let found: { use: Use; figure: Figure } | undefined;
  const rank: Record<Use, number> = { run: 3, used: 2, disputed: 1 };
  for (const f of kb.figuresLinking(chip.id)) {
    if (f.rank === 'deprecated' || f.basis === 'planned' || f.basis === 'forecast') continue;
    const ids = linked(f);
    const disputed = f.status === 'disputed' || f.status === 'contradicted';
    // An allegation about the firm ("DeepSeek had H100s") is one about its models too, but not about a
    // recorded training run: "R1 was trained on H100s" contradicts the run's own chips.
    const firms =
      disputed && !(subject.kind === 'model' && runOf(kb, subject)) ? lineage(kb, subject.id) : [subject.id];
    if (!ids.includes(chip.id) || !ids.some((id) => under(id) || firms.includes(id))) continue;
    const run =
      !disputed &&
      f.property === 'gpu_count' &&
      f.value.type === 'amount' &&
      f.value.chip === chip.id &&
      under(f.subject);
    const use: Use | undefined = run
      ? 'run'
      : disputed
        ? 'disputed'
        : f.status === 'confirmed'
          ? 'used'
          : undefined;
    if (use && (!found || rank[use] > rank[found.use])) found = { use, figure: f };
  }
  return found ?? {};
}

/** The strongest link between a subject and any chip of a maker. */
function familyUse(kb: KnowledgeIndex, subject: Entity, maker: Entity): { use?: Use; figure?: Figure } {
  const rank: Record<Use, number> = { run: 3, used: 2, disputed: 1 };
  let best: { use?: Use; figure?: Figure } = {};
  for (const chip of kb.entities.filter((e) => e.kind === 'chip' && e.parent === maker.id)) {
    const found = useOf(kb, subject, chip);
    if (found.use && (!best.use || rank[found.use] > rank[best.use])) best = found;
  }
  return best;
}

/** The training run of a model on record, with its chip. */
function runOf(kb: KnowledgeIndex, model: Entity): Figure | undefined {
  const own = kb.figuresWithSubject(model.id);
  return own.find(
    (f) =>
      f.subject === model.id &&
      f.property === 'gpu_count' &&
      f.value.type === 'amount' &&
      f.value.chip !== undefined &&
      f.status === 'confirmed',
  );
}

/**
 * Judges a claim in words that a model or firm used, or never used, a chip: "R1 was trained on
 * H100s", "DeepSeek never touched A100s", "R1 dilatih pake H100 bukan H800". A denial covers the chips
 * after the negation word. Only links the knowledge records decide; inference is left to the words.
 */
export function judgeChipUse(kb: KnowledgeIndex, claim: Claim, statement: string): PartJudgement | undefined {
  if (claim.quantity) return undefined;
  if (!USE_VERB.test(claim.text) || INFERENCE.test(claim.text)) return undefined;
  // A chip maker named beside a model or firm stands for its chips: "R1 dilatih pakai GPU Nvidia".
  const makers = new Set(kb.entities.flatMap((e) => (e.kind === 'chip' && e.parent ? [e.parent] : [])));
  const others = claim.mentions.filter((m) => m.entity.kind !== 'chip' && !makers.has(m.entity.id));
  const subject =
    claim.subject && !makers.has(claim.subject.id)
      ? claim.subject
      : (others.find((m) => m.entity.kind === 'model') ?? others[0])?.entity;
  if (!subject || subject.kind === 'chip') return undefined;
  const chips = claim.mentions.filter(
    (m) =>
      (m.entity.kind === 'chip' && m.entity.parent !== undefined) ||
      (makers.has(m.entity.id) && m.entity.id !== subject.id),
  );
  if (chips.length === 0) return undefined;
  // "Nvidia paid for R1's training": a chip maker named before the subject is who acts, not what was used.
  const subjectAt = claim.mentions.find((m) => m.entity.id === subject.id)?.start;
  const first = claim.mentions[0];
  const actsItself = (m: { end: number }) =>
    !/^\s*(?:chips?|gpus?|hardware|cards?|kartu|cip)\b/iu.test(statement.slice(m.end));
  if (
    first &&
    makers.has(first.entity.id) &&
    subjectAt !== undefined &&
    first.start < subjectAt &&
    actsItself(first)
  )
    return undefined;
  const isModel = subject.kind === 'model';
  const run = isModel ? runOf(kb, subject) : undefined;
  // A model without a recorded run ("R2 tried Ascend") is left to the words.
  if (isModel && !run) return undefined;
  // Mentions are positions in the whole statement; the clause starts where its text does.
  let from = Math.max(0, statement.indexOf(claim.text));
  const parts: PartJudgement[] = [];
  const clauseStart = from;
  for (const m of chips) {
    const before = premiseText(statement.slice(from, m.start), claim.question && from === clauseStart);
    from = m.end;
    const negated = NEGATION.test(before.replace(new RegExp(NOT_NEGATION.source, 'giu'), ' '));
    const { use, figure } = makers.has(m.entity.id)
      ? familyUse(kb, subject, m.entity)
      : useOf(kb, subject, m.entity);
    const part = (verdict: PartJudgement['verdict'], reason: PartJudgement['reason'], f?: Figure) => ({
      text: claim.text,
      verdict,
      reason,
      figures: f ? [f] : [],
    });
    if (use === 'disputed') {
      parts.push(part('disputed', 'words_dispute', figure));
    } else if (isModel) {
      const onRun = use === 'run';
      if (negated)
        parts.push(onRun ? part('contradicted', 'negated', run) : part('supported', 'words_match', run));
      else if (onRun) parts.push(part('supported', 'words_match', run));
      else if (use === 'used') parts.push(part('misleading', 'wrong_scope', figure));
      else parts.push(part('contradicted', 'words_conflict', run));
    } else if (use === 'run' || use === 'used') {
      parts.push(
        negated ? part('contradicted', 'words_negated', figure) : part('supported', 'words_match', figure),
      );
    }
  }
  return parts.reduce<PartJudgement | undefined>(
    (w, p) => (!w || SEVERITY[p.verdict] > SEVERITY[w.verdict] ? p : w),
    undefined,
  );
}
