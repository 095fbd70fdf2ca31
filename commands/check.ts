import { judge, type PartJudgement } from '../src/core/check/judge.js';
import type { Command } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { t, type Locale, type MessageKey } from '../src/core/i18n/index.js';
import { figureView } from '../src/core/views.js';
import type { KnowledgeIndex } from '../src/knowledge/index.js';
import type { Figure } from '../src/knowledge/schema.js';

function describe(kb: KnowledgeIndex, f: Figure | undefined, locale: Locale): string {
  if (!f) return '';
  const view = figureView(kb, f, locale);
  const basis = view.basisLabel === undefined ? '' : ` (${view.basisLabel})`;
  // A value in words ends its own sentence; the catalogue's sentence adds the full stop.
  return `${view.subject.name}, ${view.propertyLabel}${basis}: ${view.value.replace(/\.\s*$/, '')}`;
}

const REASON_KEYS: Readonly<
  Record<
    Exclude<
      PartJudgement['reason'],
      'matches' | 'dispute_side' | 'differs' | 'ratio_matches' | 'ratio_differs'
    >,
    MessageKey
  >
> = {
  matches_disputed: 'check.matchesDisputed',
  negated: 'check.negated',
  other_subject: 'check.otherSubject',
  not_actual: 'check.notActual',
  conflated: 'check.conflated',
  wrong_chip: 'check.wrongChip',
  wrong_scope: 'check.wrongScope',
  bigger_cluster: 'check.biggerCluster',
  differs_negated: 'check.differsNegated',
  words_match: 'check.wordsMatch',
  words_dispute: 'check.wordsDispute',
  words_conflict: 'check.wordsConflict',
  words_negated: 'check.wordsNegated',
  uncovered: 'check.uncovered',
  unaligned: 'check.unaligned',
  calculation: 'check.calculation',
  no_number: 'check.noNumber',
  no_subject: 'check.noSubject',
  nothing: 'check.nothing',
};

/** One line saying why, in the user's language, from what the judge found. */
function reasoning(kb: KnowledgeIndex, j: PartJudgement, locale: Locale): string {
  const figure = describe(kb, j.figures[0], locale);
  switch (j.reason) {
    case 'matches':
      return t(locale, j.verdict === 'supported' ? 'check.matches' : 'check.matchesClose', { figure });
    case 'differs':
      return t(locale, 'check.differs', { figure });
    case 'ratio_matches':
    case 'ratio_differs':
      return t(locale, j.reason === 'ratio_matches' ? 'check.ratioMatches' : 'check.ratioDiffers', {
        figure,
        whole: describe(kb, j.figures[1], locale),
      });
    case 'dispute_side': {
      const dispute = j.dispute;
      if (!dispute) return t(locale, 'check.differs', { figure });
      const outlet = kb.source(dispute.citations[0]?.source ?? '')?.outlet ?? '';
      const params = {
        outlet,
        says: dispute.says[locale].replace(/\.$/, ''),
        reason: dispute.reason[locale],
      };
      if (dispute.kind === 'error') return t(locale, 'check.errorSide', params);
      if (dispute.kind === 'rounding' || dispute.kind === 'wording')
        return t(locale, 'check.roundingSide', params);
      return t(locale, 'check.disputeSide', params);
    }
    case 'conflated':
      return t(locale, 'check.conflated', { reason: j.dispute?.reason[locale] ?? figure });
    default:
      return t(locale, REASON_KEYS[j.reason], { figure });
  }
}

/** The answer in one sentence (at most 300 characters), in the answer language. */
function conclusion(
  verdictLabel: string,
  reason: string,
  judged: number,
  total: number,
  locale: Locale,
): string {
  const sentence =
    judged === 0
      ? t(locale, 'check.conclusionNone')
      : total <= 1
        ? t(locale, 'check.conclusionOne', { verdict: verdictLabel, reason })
        : t(locale, 'check.conclusion', {
            verdict: verdictLabel,
            judged: String(judged),
            total: String(total),
          });
  return sentence.length > 300 ? `${sentence.slice(0, 299)}…` : sentence;
}

/** `/check <statement>`: how a sentence compares with the curated figures, part by part, citing both sides. */
export const check = {
  name: 'check',
  takesRepliedMessage: true,
  messageAction: true,
  options: [{ name: 'statement', required: true, maxLength: 1000 }],
  examples: [
    '/check DeepSeek trained R1 for just $294,000 on 512 H800s',
    '/check Biaya latih GPT-4 cuma Rp1,6 miliar',
  ],
  run({ args, kb, locale }) {
    const statement = args.statement;
    if (!statement) throw new UserError('queryMissing', { example: '/check R1 cost $294,000' });
    const j = judge(kb, statement);
    const shown = j.figures.length > 0 ? j.figures : kb.searchFigures(statement, 2);
    const verdictLabel = t(locale, `check.verdicts.${j.verdict}`);
    // A hedge or a question only qualifies a verdict; beside "not in the knowledge" it says nothing.
    const verdictGiven = j.verdict !== 'not_in_knowledge';
    const notes = [
      ...(verdictGiven && j.hedge !== undefined ? [t(locale, 'check.hedged', { hedge: j.hedge })] : []),
      ...(verdictGiven && j.question ? [t(locale, 'check.question')] : []),
    ];
    const why = reasoning(kb, j, locale);
    const parts = j.parts.map((p) => {
      const f = p.figures[0];
      return {
        text: p.text.length > 120 ? `${p.text.slice(0, 119)}…` : p.text,
        verdict: p.verdict,
        verdictLabel:
          p.verdict === 'not_in_knowledge'
            ? t(locale, 'check.unverified')
            : t(locale, `check.verdicts.${p.verdict}`),
        ...(f !== undefined && { figureId: f.id, figureLabel: describe(kb, f, locale) }),
      };
    });
    const judged = j.parts.filter((p) => p.verdict !== 'not_in_knowledge').length;
    return {
      kind: 'check',
      command: 'check',
      locale,
      title: t(locale, 'check.title', {
        statement: statement.length > 120 ? `${statement.slice(0, 119)}…` : statement,
      }),
      statement,
      verdict: j.verdict,
      verdictLabel,
      reasoning: [why, ...notes].join(' '),
      conclusion: conclusion(verdictLabel, why, judged, j.parts.length, locale),
      figures: shown.map((f) => figureView(kb, f, locale)),
      ...(parts.length > 1 && { parts }),
      suggestions: j.verdict === 'not_in_knowledge' ? ['/fact', '/disputed'] : ['/disputed', '/sources'],
    };
  },
} satisfies Command;
