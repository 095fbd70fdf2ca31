import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Entity, Figure, Property } from '../../knowledge/schema.js';
import { findMentions, type Claim } from './claims.js';
import type { PartJudgement } from './judge.js';
import { both, FIGURE_STAGES, patternOf, type Stage, VOCABULARY } from './vocabulary.js';

/** Within 1 % a ratio is the recorded one; within 12 % it is a fair approximation ("about 20x" for 19x). */
const SAME_RATIO = 0.01;
const CLOSE_RATIO = 0.12;

const COST = patternOf('costWords', both('costWords'));
const GPU_HOURS = patternOf('gpuHourUnits', both('gpuHourUnits'));
const STAGES = (['zero', 'final', 'sft', 'total'] as const).map(
  (s) => [s, patternOf(`stage-${s}`, [VOCABULARY.en.stages[s], VOCABULARY.id.stages[s]])] as const,
);
const SHARES = Object.entries({ ...VOCABULARY.en.shares, ...VOCABULARY.id.shares }).sort(
  ([a], [b]) => b.length - a.length,
);
const OF_WHOLE = patternOf('ofWords', both('ofWords'));
const INVERSE = patternOf('ratioInverse', both('ratioInverse'));

/** The stage of a training run a figure covers, from its scope ("The final R1 stage alone…"). */
export function stageOf(f: Figure): Stage | undefined {
  if (f.subject === 'deepseek-r1-zero') return 'zero';
  return FIGURE_STAGES.find(([, re]) => re.test(f.scope.en))?.[0];
}

/**
 * Words every scope `FIGURE_STAGES` reads as each stage has (keep the two together), so that the figures
 * of a stage are found by index rather than by reading every figure.
 */
const STAGE_SCOPE_WORDS: Readonly<Record<Stage, readonly string[]>> = {
  zero: ['R1-Zero stage'],
  final: ['final R1 stage'],
  sft: ['supervised fine-tuning'],
  total: ["All of R1's reasoning stages", 'The reasoning (reinforcement-learning) stages'],
};

/** Every figure `stageOf` may give this stage, and perhaps a few more (each once, in no set order). */
export function figuresMaybeOfStage(kb: KnowledgeIndex, stage: Stage): Figure[] {
  const byScope = kb.figuresWithScopeWords(STAGE_SCOPE_WORDS[stage]);
  return stage === 'zero'
    ? [...new Set([...kb.figuresWithSubject('deepseek-r1-zero'), ...byScope])]
    : byScope;
}

/** The stated ratio: "19x" and "20 kali" are multiples, "30%" and "dua pertiga" shares of a whole. */
function statedRatio(claim: Claim): { value: number; at: number; end: number } | undefined {
  const q = claim.quantity;
  if (q?.kind === 'ratio') {
    const m = /([\d.,]+)\s*(%|persen|per cent|percent)?/i.exec(q.text);
    const n = m?.[1] === undefined ? NaN : Number(m[1].replace(',', '.'));
    if (!Number.isFinite(n)) return undefined;
    const at = claim.text.indexOf(q.text);
    return { value: m?.[2] !== undefined ? n / 100 : n, at, end: at + q.text.length };
  }
  if (q) return undefined;
  // A share in words counts only when it says of what: "dua pertiga dari total jam GPU R1".
  for (const [word, value] of SHARES) {
    const m = new RegExp(`(?<![\\p{L}])${word.replace(/\s+/g, '[\\s-]+')}(?![\\p{L}])`, 'iu').exec(
      claim.text,
    );
    if (m && OF_WHOLE.test(claim.text.slice(m.index + m[0].length, m.index + m[0].length + 12)))
      return { value, at: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

function stageIn(text: string): Stage | undefined {
  return STAGES.find(([, re]) => re.test(text))?.[0];
}

/** The one figure of a property for a subject and stage, or undefined when the knowledge has no single one. */
function figureFor(
  kb: KnowledgeIndex,
  property: Property,
  subject: Entity,
  stage: Stage | undefined,
): Figure | undefined {
  const own = kb.figuresWithSubject(subject.id);
  const all = own.filter(
    (f) =>
      f.property === property &&
      f.value.type === 'amount' &&
      f.rank !== 'deprecated' &&
      f.status !== 'disputed' &&
      f.status !== 'contradicted' &&
      f.subject === subject.id,
  );
  const wanted = stage === 'total' ? undefined : stage;
  const exact = all.filter((f) => (stageOf(f) === 'total' ? undefined : stageOf(f)) === wanted);
  if (exact.length === 1) return exact[0];
  // A model with one figure of the kind (R1-Zero's GPU-hours) needs no stage word.
  return exact.length === 0 && all.length === 1 ? all[0] : undefined;
}

/** The model a stage word speaks of when no model is named: the one subject with figures for that stage. */
function subjectOfStage(kb: KnowledgeIndex, property: Property, stage: Stage): Entity | undefined {
  const staged = figuresMaybeOfStage(kb, stage);
  const ids = new Set(
    staged.filter((f) => f.property === property && stageOf(f) === stage).map((f) => f.subject),
  );
  return ids.size === 1 ? kb.entity([...ids][0] ?? '') : undefined;
}

/** One side of a ratio: the model and stage named in a stretch of the clause. */
function side(
  kb: KnowledgeIndex,
  text: string,
  property: Property,
  fallback: Entity | undefined,
): { subject: Entity; stage: Stage | undefined } | undefined {
  const named = findMentions(kb, text).filter((m) => m.entity.kind === 'model');
  const stage = stageIn(text);
  const subject =
    named.at(-1)?.entity ??
    (stage !== undefined ? subjectOfStage(kb, property, stage) : undefined) ??
    fallback;
  return subject ? { subject, stage } : undefined;
}

const amountOf = (f: Figure) => (f.value.type === 'amount' ? f.value.amount : NaN);

/**
 * Judges a ratio between two recorded figures: "V3 cost roughly 20x what R1's RL stages did", "the RL
 * stages were about 5 % of V3's GPU-hours", "R1-Zero makan dua pertiga dari total jam GPU R1". The part
 * before the ratio is divided by the whole after it; both must resolve to one figure of the same kind,
 * or the ratio stays unverified.
 */
export function judgeRatio(
  kb: KnowledgeIndex,
  claim: Claim,
  previous: Claim | undefined,
): PartJudgement | undefined {
  const found = statedRatio(claim);
  if (!found || claim.negated) return undefined;
  // "19x less than V3", "20 kali lebih murah": the part is the whole divided by the multiple.
  const inverse = found.value > 1 && INVERSE.test(claim.text.slice(found.end, found.end + 24));
  const stated = inverse ? { ...found, value: 1 / found.value } : found;
  const context = `${claim.text} ${previous?.text ?? ''}`;
  const byWords: Property | undefined = GPU_HOURS.test(context)
    ? 'gpu_hours'
    : COST.test(claim.text)
      ? 'training_cost'
      : undefined;
  const property =
    byWords ??
    (previous?.quantity?.kind === 'gpu_hours'
      ? 'gpu_hours'
      : previous?.quantity?.kind === 'money'
        ? 'training_cost'
        : undefined);
  if (!property) return undefined;
  const left = side(kb, claim.text.slice(0, stated.at), property, previous?.subject ?? claim.subject);
  if (!left) return undefined;
  const part = figureFor(kb, property, left.subject, left.stage);
  // "R1-Zero … 70 % of its GPU-hours": an unnamed whole is the model the part's figure counts towards.
  const whole = part?.also_about.map((id) => kb.entity(id)).find((e) => e?.kind === 'model') ?? left.subject;
  const right = side(kb, claim.text.slice(stated.end), property, whole);
  if (!right) return undefined;
  const of = figureFor(kb, property, right.subject, right.stage === undefined ? 'total' : right.stage);
  if (!part || !of || part === of) return undefined;
  const actual = amountOf(part) / amountOf(of);
  const distance = Math.abs(stated.value - actual) / actual;
  const verdict =
    distance <= SAME_RATIO ? 'supported' : distance <= CLOSE_RATIO ? 'mostly_accurate' : 'contradicted';
  return {
    text: claim.quantity?.text ?? claim.text,
    verdict,
    reason: verdict === 'contradicted' ? 'ratio_differs' : 'ratio_matches',
    figures: [part, of],
  };
}
