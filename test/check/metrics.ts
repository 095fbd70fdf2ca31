import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { judge, VERDICTS, type Verdict } from '../../src/core/check/judge.js';
import type { KnowledgeIndex } from '../../src/knowledge/index.js';
import { LocaleSchema } from '../../src/knowledge/schema.js';

export const GoldSchema = z.object({
  statements: z.array(
    z.object({
      lang: LocaleSchema,
      verdict: z.enum(VERDICTS),
      article: z.enum(['trenasia', 'sahkato', 'mestios', 'techexpress', 'detikinet', 'nature', 'none']),
      /** What kind of difficulty the statement tests (chat sets only): chip, unit, scope, negation… */
      category: z.string().min(1).optional(),
      text: z.string().min(1),
    }),
  ),
});
export type GoldStatement = z.infer<typeof GoldSchema>['statements'][number];

/** The evaluation sets: tidy (gold, holdout) and chat-style (chat-dev, chat-dev2, chat-holdout, chat-holdout2). */
export const GOLD_FILES = [
  'gold.yaml',
  'holdout.yaml',
  'chat-dev.yaml',
  'chat-dev2.yaml',
  'chat-dev3.yaml',
  'chat-dev4.yaml',
  'chat-dev5.yaml',
  'chat-dev6.yaml',
  'chat-holdout.yaml',
  'chat-holdout2.yaml',
  'chat-holdout3.yaml',
] as const;
export type GoldFile = (typeof GOLD_FILES)[number];

/**
 * Hand-written statements with the verdict a careful fact-checker would give. `gold.yaml` and
 * `chat-dev.yaml` are development sets (`chat-dev2.yaml` too, written later by someone who had not seen the
 * rules); `holdout.yaml` and `chat-holdout.yaml` were written before the
 * rules they measure and are never tuned on.
 */
export function loadGold(file: GoldFile = 'gold.yaml'): GoldStatement[] {
  const raw: unknown = parse(readFileSync(path.join(import.meta.dirname, file), 'utf8'));
  return GoldSchema.parse(raw).statements;
}

export interface Evaluation {
  total: number;
  /** Share of statements given their gold verdict. */
  accuracy: number;
  perVerdict: Record<Verdict, { precision: number; recall: number; f1: number; support: number }>;
  macroF1: number;
  /** Share of statements the bot declined to judge (`not_in_knowledge`). */
  abstainRate: number;
  /** `supported` or `mostly_accurate` said of a statement whose gold verdict is contradicted, misleading or not covered. */
  confidentlyWrongRate: number;
  /** confusion[gold][predicted] = count. */
  confusion: Record<Verdict, Record<Verdict, number>>;
  errors: { statement: GoldStatement; predicted: Verdict }[];
}

const CONFIDENT = new Set<Verdict>(['supported', 'mostly_accurate']);
const WRONG_GOLD = new Set<Verdict>(['contradicted', 'misleading', 'not_in_knowledge']);

/** Runs /check's judge over a gold set and scores it. */
export function evaluate(kb: KnowledgeIndex, gold: readonly GoldStatement[]): Evaluation {
  const predictions = gold.map((g) => ({ statement: g, predicted: judge(kb, g.text).verdict }));
  const perVerdict = Object.fromEntries(
    VERDICTS.map((v) => {
      const tp = predictions.filter((p) => p.predicted === v && p.statement.verdict === v).length;
      const predicted = predictions.filter((p) => p.predicted === v).length;
      const support = predictions.filter((p) => p.statement.verdict === v).length;
      const precision = predicted === 0 ? 0 : tp / predicted;
      const recall = support === 0 ? 0 : tp / support;
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [v, { precision, recall, f1, support }];
    }),
  ) as Evaluation['perVerdict'];
  const confusion = Object.fromEntries(
    VERDICTS.map((g) => [
      g,
      Object.fromEntries(
        VERDICTS.map((p) => [
          p,
          predictions.filter((x) => x.statement.verdict === g && x.predicted === p).length,
        ]),
      ),
    ]),
  ) as Evaluation['confusion'];
  const errors = predictions.filter((p) => p.predicted !== p.statement.verdict);
  // Macro-F1 over the verdicts the set contains (a set without a verdict cannot score it).
  const present = VERDICTS.filter((v) => perVerdict[v].support > 0);
  return {
    total: predictions.length,
    accuracy: 1 - errors.length / predictions.length,
    perVerdict,
    macroF1: present.reduce((n, v) => n + perVerdict[v].f1, 0) / present.length,
    abstainRate: predictions.filter((p) => p.predicted === 'not_in_knowledge').length / predictions.length,
    confidentlyWrongRate:
      predictions.filter((p) => CONFIDENT.has(p.predicted) && WRONG_GOLD.has(p.statement.verdict)).length /
      predictions.length,
    confusion,
    errors,
  };
}
