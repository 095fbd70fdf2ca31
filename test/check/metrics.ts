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
      article: z.enum(['trenasia', 'sahkato', 'mestios', 'techexpress', 'detikinet', 'nature']),
      text: z.string().min(1),
    }),
  ),
});
export type GoldStatement = z.infer<typeof GoldSchema>['statements'][number];

/**
 * Hand-written gold statements: `gold.yaml` (the development set the rules were tuned on) or
 * `holdout.yaml` (written afterwards, never tuned on).
 */
export function loadGold(file: 'gold.yaml' | 'holdout.yaml' = 'gold.yaml'): GoldStatement[] {
  const raw: unknown = parse(readFileSync(path.join(import.meta.dirname, file), 'utf8'));
  return GoldSchema.parse(raw).statements;
}

export interface Evaluation {
  total: number;
  perVerdict: Record<Verdict, { precision: number; recall: number; f1: number; support: number }>;
  macroF1: number;
  /** Share of statements the bot declined to judge (`not_in_knowledge`). */
  abstainRate: number;
  /** `supported` or `mostly_accurate` said of a statement whose gold verdict is contradicted, misleading or not covered. */
  confidentlyWrongRate: number;
  errors: { statement: GoldStatement; predicted: Verdict }[];
}

/** Runs /check's judge over the gold set and scores it. */
export function evaluate(kb: KnowledgeIndex, gold: readonly GoldStatement[]): Evaluation {
  const predictions = gold.map((g) => ({ statement: g, predicted: judge(kb, g.text, g.lang).verdict }));
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
  const confident = new Set<Verdict>(['supported', 'mostly_accurate']);
  const wrongGold = new Set<Verdict>(['contradicted', 'misleading', 'not_in_knowledge']);
  return {
    total: predictions.length,
    perVerdict,
    macroF1: VERDICTS.reduce((n, v) => n + perVerdict[v].f1, 0) / VERDICTS.length,
    abstainRate: predictions.filter((p) => p.predicted === 'not_in_knowledge').length / predictions.length,
    confidentlyWrongRate:
      predictions.filter((p) => confident.has(p.predicted) && wrongGold.has(p.statement.verdict)).length /
      predictions.length,
    errors: predictions.filter((p) => p.predicted !== p.statement.verdict),
  };
}
