import { judge, type Judgement } from '../src/core/check/judge.js';
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
  return `${view.subject.name}, ${view.propertyLabel}${basis}: ${view.value}`;
}

/** One line saying why, in the user's language, from what the judge found. */
function reasoning(kb: KnowledgeIndex, j: Judgement, locale: Locale): string {
  const figure = describe(kb, j.figures[0], locale);
  switch (j.reason) {
    case 'matches': {
      const key: MessageKey =
        j.verdict === 'disputed'
          ? 'check.matchesDisputed'
          : j.verdict === 'supported'
            ? 'check.matches'
            : 'check.matchesClose';
      return t(locale, key, { figure });
    }
    case 'negated':
      return t(locale, 'check.negated', { figure });
    case 'dispute_side': {
      const outlet = kb.source(j.dispute.citations[0]?.source ?? '')?.outlet ?? '';
      const params = {
        outlet,
        says: j.dispute.says[locale].replace(/\.$/, ''),
        reason: j.dispute.reason[locale],
      };
      if (j.dispute.kind === 'error') return t(locale, 'check.errorSide', params);
      if (j.dispute.kind === 'rounding') return t(locale, 'check.roundingSide', params);
      return t(locale, 'check.disputeSide', params);
    }
    case 'other_subject':
      return t(locale, 'check.otherSubject', { figure });
    case 'not_actual':
      return t(locale, 'check.notActual', { figure });
    case 'conflated':
      return t(locale, 'check.conflated', { reason: j.dispute.reason[locale] });
    case 'differs':
      return t(locale, j.verdict === 'supported' ? 'check.differsNegated' : 'check.differs', { figure });
    case 'no_number':
      return t(locale, 'check.noNumber');
    case 'no_subject':
      return t(locale, 'check.noSubject');
    case 'nothing':
      return t(locale, 'check.nothing');
  }
}

/** `/check <statement>`: how a sentence with numbers compares with the curated figures, citing both sides. */
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
    const j = judge(kb, statement, locale);
    const shown = j.figures.length > 0 ? j.figures : kb.searchFigures(statement, 2);
    return {
      kind: 'check',
      command: 'check',
      locale,
      title: t(locale, 'check.title', {
        statement: statement.length > 120 ? `${statement.slice(0, 119)}…` : statement,
      }),
      statement,
      verdict: j.verdict,
      verdictLabel: t(locale, `check.verdicts.${j.verdict}`),
      reasoning: reasoning(kb, j, locale),
      figures: shown.map((f) => figureView(kb, f, locale)),
      suggestions: j.verdict === 'not_in_knowledge' ? ['/fact', '/disputed'] : ['/disputed', '/sources'],
    };
  },
} satisfies Command;
