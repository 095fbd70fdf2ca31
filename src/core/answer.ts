import { z } from 'zod';
import {
  BasisSchema,
  DisputeKindSchema,
  LocaleSchema,
  MethodSchema,
  NoteKindSchema,
  RankSchema,
  StatusSchema,
} from '../knowledge/schema.js';
import { VERDICTS } from './check/verdicts.js';

/**
 * The contract between the core and every adapter: plain, JSON-serialisable data with all text
 * already in the answer language. Adapters lay it out; they never decide what it says.
 */
export const CitationViewSchema = z.object({
  source: z.string(),
  outlet: z.string(),
  title: z.string(),
  url: z.string(),
  published: z.string(),
  language: LocaleSchema,
  /** Verbatim, in the source's language. */
  quote: z.string().optional(),
  /** Our summary of a primary source, in the answer language. */
  paraphrase: z.string().optional(),
  where: z.string().optional(),
});
export type CitationView = z.infer<typeof CitationViewSchema>;

export const DisputeViewSchema = z.object({
  kind: DisputeKindSchema,
  kindLabel: z.string(),
  says: z.string(),
  reason: z.string(),
  citations: z.array(CitationViewSchema).min(1),
});
export type DisputeView = z.infer<typeof DisputeViewSchema>;

/** Context that is not a disagreement: doubt without a figure, a rounded headline, other wording. */
export const NoteViewSchema = z.object({
  kind: NoteKindSchema,
  kindLabel: z.string(),
  says: z.string(),
  reason: z.string().optional(),
  citations: z.array(CitationViewSchema).min(1),
});
export type NoteView = z.infer<typeof NoteViewSchema>;

export const FigureViewSchema = z.object({
  id: z.string(),
  subject: z.object({ id: z.string(), name: z.string() }),
  property: z.string(),
  propertyLabel: z.string(),
  /** Display value in the answer language, e.g. "about $294,000". */
  value: z.string(),
  /** The same value as the source gave it in another currency, e.g. "Rp4,87 miliar". */
  equivalents: z.array(z.string()),
  breakdown: z.string().optional(),
  status: StatusSchema,
  statusLabel: z.string(),
  /** `preferred` figures lead; `deprecated` ones are shown only under "Also claimed", with the reason. */
  rank: RankSchema,
  deprecatedReason: z.string().optional(),
  /** Whether the value happened or is a plan, an assumption or a forecast. */
  basis: BasisSchema,
  /** "planned", "assumed", "forecast"; absent for what actually happened. */
  basisLabel: z.string().optional(),
  method: MethodSchema.optional(),
  methodLabel: z.string().optional(),
  statedBy: z.string().optional(),
  /** One sentence for a reader, in the answer language. */
  summary: z.string(),
  scope: z.string(),
  asOf: z.string(),
  citations: z.array(CitationViewSchema).min(1),
  disputes: z.array(DisputeViewSchema),
  notes: z.array(NoteViewSchema),
});
export type FigureView = z.infer<typeof FigureViewSchema>;

export const SourceViewSchema = z.object({
  id: z.string(),
  outlet: z.string(),
  title: z.string(),
  url: z.string(),
  language: LocaleSchema,
  languageLabel: z.string(),
  published: z.string(),
  kind: z.enum(['news', 'primary', 'analysis']),
  kindLabel: z.string(),
  notes: z.string().optional(),
  figureCount: z.number().int().nonnegative(),
});
export type SourceView = z.infer<typeof SourceViewSchema>;

/** A subject the user can pick, with the command that picks it. */
export const ChoiceSchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  command: z.string(),
});
export type Choice = z.infer<typeof ChoiceSchema>;

const base = {
  command: z.string(),
  locale: LocaleSchema,
  title: z.string(),
  /** Follow-up commands worth offering, e.g. `/chips r1`. */
  suggestions: z.array(z.string()),
  /** A warning to show above the answer, e.g. that a name was matched approximately. */
  notice: z.string().optional(),
  /** The answer in one sentence (at most 300 characters), shown first. */
  conclusion: z.string().max(300).optional(),
  /** The answer's page on the site ("Full details"), when the site has a public address. */
  link: z.url().optional(),
};

export const AnswerSchema = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('figures'),
    subject: z.object({ id: z.string(), name: z.string(), description: z.string() }).optional(),
    figures: z.array(FigureViewSchema),
    /** Deprecated figures: claims known to be wrong for this scope, each with its reason. */
    alsoClaimed: z.array(FigureViewSchema).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('list'),
    figures: z.array(FigureViewSchema),
    sources: z.array(SourceViewSchema),
    /** Which page of the figures this is, when they take more than one. */
    page: z.object({ number: z.number().int().positive(), count: z.number().int().positive() }).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('check'),
    statement: z.string(),
    verdict: z.enum(VERDICTS),
    verdictLabel: z.string(),
    /** One line of reasoning in the answer language. */
    reasoning: z.string(),
    /** The figures the statement was judged against, with their citations and disputes. */
    figures: z.array(FigureViewSchema),
    /** Each atomic claim of the statement with its own verdict and the figure it was judged against. */
    parts: z
      .array(
        z.object({
          text: z.string(),
          verdict: z.enum(VERDICTS),
          verdictLabel: z.string(),
          figureId: z.string().optional(),
          figureLabel: z.string().optional(),
        }),
      )
      .optional(),
  }),
  z.object({ ...base, kind: z.literal('help'), lines: z.array(z.string()) }),
  z.object({ ...base, kind: z.literal('info'), lines: z.array(z.string()) }),
  z.object({
    ...base,
    kind: z.literal('not_found'),
    query: z.string(),
    lines: z.array(z.string()),
    choices: z.array(ChoiceSchema),
  }),
  z.object({
    ...base,
    kind: z.literal('ambiguous'),
    query: z.string(),
    choices: z.array(ChoiceSchema).min(2),
  }),
  z.object({
    ...base,
    kind: z.literal('error'),
    code: z.string(),
    message: z.string(),
    /** Subjects to pick from, e.g. when one was missing. */
    choices: z.array(ChoiceSchema).optional(),
  }),
]);
export type Answer = z.infer<typeof AnswerSchema>;
export type AnswerKind = Answer['kind'];
export type Status = FigureView['status'];

/** How many figures a summary shows; the rest are behind "More". */
export const SUMMARY_FIGURES = 3;

/**
 * Whether an answer's summary leaves something out that its "More" view shows: further figures,
 * notes, or claims ranked deprecated.
 */
export function hasMoreView(answer: Answer): boolean {
  if (answer.kind !== 'figures' && answer.kind !== 'list') return false;
  return (
    (answer.kind === 'figures' && answer.figures.length > SUMMARY_FIGURES) ||
    answer.figures.some((f) => f.notes.length > 0) ||
    (answer.kind === 'figures' && (answer.alsoClaimed?.length ?? 0) > 0)
  );
}

/**
 * The sentence an answer opens with in a view: its conclusion, except in "Why disputed?" (which opens
 * with the disagreements) and for /check, whose verdict line already says it.
 */
export function openingSentence(answer: Answer, view = 'summary'): string | undefined {
  return answer.kind === 'check' || view === 'disputes' ? undefined : answer.conclusion;
}

/** The figures a summary shows: a list answer's whole page, otherwise the first few. */
export function summaryFigures(answer: Answer, figures: readonly FigureView[]): readonly FigureView[] {
  return answer.kind === 'list' ? figures : figures.slice(0, SUMMARY_FIGURES);
}

/** The figures an answer shows, whatever its kind (none for help, errors and the like). */
export function answerFigures(answer: Answer): FigureView[] {
  return answer.kind === 'figures' || answer.kind === 'list' || answer.kind === 'check' ? answer.figures : [];
}
