import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Entity, Figure } from '../../knowledge/schema.js';
import { rootOf, type Decomposition } from './claims.js';
import type { PartJudgement } from './judge.js';
import { both, patternOf } from './vocabulary.js';

const OWNERSHIP = patternOf('ownershipWords', both('ownershipWords'));
const POSSESSIVE = /['’]s(?![\p{L}])/u;
/** "Qwen is ByteDance's model", not a firm named much later in the sentence. */
const MAX_GAP = 40;

/** Firms that make chips: "Nvidia" beside a model names its hardware, not its maker. */
function chipMakers(kb: KnowledgeIndex): Set<string> {
  return new Set(kb.entities.flatMap((e) => (e.kind === 'chip' && e.parent ? [e.parent] : [])));
}

/**
 * Judges whose model a model is: "Qwen is ByteDance's model", "Doubao itu buatan Alibaba". Each model
 * named is paired with the firm named soon after it, before the next model; an ownership word between
 * them makes it a claim, judged against the firm the knowledge files the model under.
 */
export function judgeOwnership(kb: KnowledgeIndex, d: Decomposition): PartJudgement | undefined {
  if (d.question || d.negated) return undefined;
  const makers = chipMakers(kb);
  const models = d.mentions.filter((m) => m.entity.kind === 'model');
  const verdicts: PartJudgement[] = [];
  models.forEach((model, i) => {
    const until = models[i + 1]?.start ?? Infinity;
    const firm = d.mentions.find(
      (m) =>
        m.start > model.end &&
        m.start < until &&
        m.entity.kind === 'org' &&
        m.entity.parent === undefined &&
        !makers.has(m.entity.id),
    );
    if (!firm || firm.start - model.end > MAX_GAP) return;
    const between = d.text.slice(model.end, firm.end + 3);
    if (!OWNERSHIP.test(between) && !POSSESSIVE.test(d.text.slice(firm.end, firm.end + 3))) return;
    const owns = rootOf(kb, model.entity.id) === firm.entity.id;
    const figure = figureOf(kb, model.entity, firm.entity);
    verdicts.push({
      text: d.text.slice(model.start, firm.end),
      verdict: owns ? 'supported' : 'contradicted',
      reason: owns ? 'words_match' : 'words_conflict',
      figures: figure ? [figure] : [],
    });
  });
  return verdicts.find((v) => v.verdict === 'contradicted') ?? verdicts[0];
}

/** A figure that speaks of the model (and the firm, if one does), to show beside the verdict. */
function figureOf(kb: KnowledgeIndex, model: Entity, firm: Entity): Figure | undefined {
  const named = kb.figuresMentioning(model.id);
  const about = named.filter((f) => f.subject === model.id || f.also_about.includes(model.id));
  return about.find((f) => f.subject === firm.id || f.also_about.includes(firm.id)) ?? about[0];
}
