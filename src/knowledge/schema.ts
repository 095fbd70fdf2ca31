import { z } from 'zod';

/** Answer languages. Quotes keep their own language; everything the bot writes is in one of these. */
export const LocaleSchema = z.enum(['en', 'id']);
export type Locale = z.infer<typeof LocaleSchema>;

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and hyphens, e.g. deepseek-r1');

// YAML turns unquoted 2025-09-17 into a Date; accept both and keep the ISO text.
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? String(v) : v),
  z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD'),
);

/** Text in both answer languages. */
export const LocalizedSchema = z.strictObject({ en: z.string().min(1), id: z.string().min(1) });
export type Localized = z.infer<typeof LocalizedSchema>;

export const SourceSchema = z.strictObject({
  id: slug,
  outlet: z.string().min(1),
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  language: LocaleSchema,
  published: isoDate,
  kind: z.enum(['news', 'primary', 'analysis']),
  author: z.string().min(1).optional(),
  notes: LocalizedSchema.optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const EntityKindSchema = z.enum([
  'model',
  'org',
  'chip',
  'cluster',
  'policy',
  'project',
  'place',
  'publication',
]);

export const EntitySchema = z.strictObject({
  id: slug,
  kind: EntityKindSchema,
  name: z.string().min(1),
  parent: slug.optional(),
  aliases: z.strictObject({ en: z.array(z.string().min(1)), id: z.array(z.string().min(1)) }),
  description: LocalizedSchema,
  featured: z.boolean().default(false),
});
export type Entity = z.infer<typeof EntitySchema>;

/** What a figure measures. Grouped for /cost and /chips in `src/knowledge/properties.ts`. */
export const PropertySchema = z.enum([
  'training_cost',
  'cost_forecast',
  'investment',
  'compute_price',
  'gpu_count',
  'gpu_holdings',
  'gpu_hours',
  'training_hours',
  'chips_preparation',
  'training_hardware',
  'inference_hardware',
  'hardware_issues',
  'chip_access',
  'chips_available',
  'compute_location',
  'engineering_support',
  'announced',
  'release',
  'planned_release',
  'effective',
  'rescinded',
  'publication',
  'description',
  'distillation',
  'training_data',
  'regulatory_issue',
  'cost_strategy',
]);
export type Property = z.infer<typeof PropertySchema>;

export const CurrencySchema = z.enum(['USD', 'IDR']);
export type Currency = z.infer<typeof CurrencySchema>;
export const UnitSchema = z.enum(['USD', 'IDR', 'USD_PER_GPU_HOUR', 'gpu', 'chip', 'hour', 'gpu_hour']);
export type Unit = z.infer<typeof UnitSchema>;
export const QualifierSchema = z.enum(['exact', 'about', 'over', 'under', 'up_to']);
export type Qualifier = z.infer<typeof QualifierSchema>;

const EquivalentSchema = z.strictObject({
  amount: z.number().nonnegative(),
  unit: CurrencySchema,
  original: z.string().min(1),
  source: slug,
});

const BreakdownSchema = z.strictObject({ amount: z.number().nonnegative(), chip: slug });

export const AmountValueSchema = z
  .strictObject({
    type: z.literal('amount'),
    amount: z.number().nonnegative(),
    /** Upper end of a range such as US$10–100 miliar. */
    max: z.number().nonnegative().optional(),
    unit: UnitSchema,
    chip: slug.optional(),
    qualifier: QualifierSchema.default('exact'),
    original: z.string().min(1),
    equivalents: z.array(EquivalentSchema).default([]),
    breakdown: z.array(BreakdownSchema).default([]),
  })
  .refine((v) => v.max === undefined || v.max > v.amount, {
    message: 'max must be greater than amount',
    path: ['max'],
  });

export const DateValueSchema = z.strictObject({
  type: z.literal('date'),
  date: isoDate,
  original: z.string().min(1),
});

export const TextValueSchema = z.strictObject({
  type: z.literal('text'),
  text: LocalizedSchema,
  original: z.string().min(1).optional(),
});

export const ValueSchema = z.discriminatedUnion('type', [
  AmountValueSchema,
  DateValueSchema,
  TextValueSchema,
]);
export type Value = z.infer<typeof ValueSchema>;
export type AmountValue = z.infer<typeof AmountValueSchema>;

export const CitationSchema = z
  .strictObject({
    source: slug,
    /** Verbatim, in the article's own language. */
    quote: z.string().min(1).optional(),
    /** For sources we summarise rather than quote (the Nature supplementary table). */
    paraphrase: LocalizedSchema.optional(),
    where: z.string().min(1).optional(),
  })
  .refine((c) => c.quote !== undefined || c.paraphrase !== undefined, {
    message: 'a citation needs a quote (or a paraphrase of a primary source)',
    path: ['quote'],
  });
export type Citation = z.infer<typeof CitationSchema>;

/** confirmed: stated in a primary source; reported: news only; disputed: sources give different values. */
export const StatusSchema = z.enum(['confirmed', 'reported', 'disputed', 'contradicted', 'retracted']);
export type Status = z.infer<typeof StatusSchema>;

export const DisputeKindSchema = z.enum([
  'scope',
  'error',
  'estimate',
  'allegation',
  'rounding',
  'wording',
  'unsupported',
  'detail',
]);
export type DisputeKind = z.infer<typeof DisputeKindSchema>;

/**
 * Context that is not a counter-claim about the figure: doubt without a figure, a rounded headline,
 * another article's wording. Shown apart from "Sources disagree".
 */
export const NoteKindSchema = z.enum(['doubt', 'rounding', 'wording', 'context']);
export type NoteKind = z.infer<typeof NoteKindSchema>;

export const NoteSchema = z.strictObject({
  kind: NoteKindSchema,
  says: LocalizedSchema,
  /** The figure as the note's source wrote it, when it gives one (a rounded headline). */
  value: ValueSchema.optional(),
  citations: z.array(CitationSchema).min(1, 'a note must be cited'),
  /** Why it is context and not a disagreement, or what a reader should make of it. */
  reason: LocalizedSchema.optional(),
});
export type Note = z.infer<typeof NoteSchema>;

export const DisputeSchema = z.strictObject({
  kind: DisputeKindSchema,
  /** What the other side says, in words. */
  says: LocalizedSchema,
  /** The other side's figure, when it has one (used by /check). */
  value: ValueSchema.optional(),
  citations: z.array(CitationSchema).min(1, 'each side of a dispute must be cited'),
  /** Figures that this dispute says are wrongly combined with this one ("$294,000 for 80 hours"). */
  conflates: z.array(slug).default([]),
  /** One line: why the two differ. */
  reason: LocalizedSchema,
});
export type Dispute = z.infer<typeof DisputeSchema>;

/**
 * Rank, as Wikidata ranks statements: `preferred` is the best-supported value for its subject and
 * property, `deprecated` a value known to be wrong for this scope, kept so the bot can say so.
 */
export const RankSchema = z.enum(['preferred', 'normal', 'deprecated']);
export type Rank = z.infer<typeof RankSchema>;

/** What kind of value a figure is: something that happened, or a plan, an assumption, a forecast. */
export const BasisSchema = z.enum(['actual', 'planned', 'assumed', 'forecast']);
export type Basis = z.infer<typeof BasisSchema>;

/** How the value was determined (Wikidata's "determination method"). */
export const MethodSchema = z.enum([
  'measured',
  'self_reported',
  'reported',
  'estimate',
  'assumption',
  'allegation',
]);
export type Method = z.infer<typeof MethodSchema>;

/** Places a relation can name; a place inside another counts as that one too (see `PLACE_WITHIN`). */
export const PlaceSchema = z.enum(['china', 'abroad', 'southeast-asia', 'malaysia', 'singapore']);
export type Place = z.infer<typeof PlaceSchema>;
/** Which places each place lies within: Malaysia is in Southeast Asia, which is abroad (from China). */
export const PLACE_WITHIN: Readonly<Record<Place, readonly Place[]>> = {
  china: [],
  abroad: [],
  'southeast-asia': ['abroad'],
  malaysia: ['southeast-asia', 'abroad'],
  singapore: ['southeast-asia', 'abroad'],
};

/**
 * What a relation says: who trained on or runs on which chips (or a maker's chips), where a firm trains,
 * what hardware a place offers, what hardware a firm owns, whether it brings chips into its country.
 */
export const RelationKindSchema = z.enum(['trained_on', 'runs_on', 'trains_in', 'offers', 'owns', 'imports']);
export type RelationKind = z.infer<typeof RelationKindSchema>;

/**
 * How far a relation holds: it does, it does not, it was tried and given up, it is only planned, or it is
 * only alleged.
 */
export const HoldsSchema = z.enum(['yes', 'no', 'tried', 'planned', 'alleged']);
export type Holds = z.infer<typeof HoldsSchema>;

/**
 * A figure's words as a structured fact /check can align a claim with, e.g. "R2: trained_on
 * huawei-ascend, tried". The figure's words stay what readers see; this only restates them.
 */
export const RelationSchema = z
  .strictObject({
    /** Defaults to the figure's subject. */
    subject: slug.optional(),
    relation: RelationKindSchema,
    /** A chip or chip maker (trained_on, runs_on, offers, owns, imports). */
    object: slug.optional(),
    /** A place (trains_in). */
    place: PlaceSchema.optional(),
    holds: HoldsSchema.default('yes'),
  })
  .refine((r) => (r.relation === 'trains_in' ? r.place !== undefined : r.object !== undefined), {
    message: 'trains_in needs a place; the other relations need an object',
  })
  .refine((r) => r.object === undefined || r.place === undefined, {
    message: 'give an object or a place, not both',
  });
export type Relation = z.infer<typeof RelationSchema>;

export const FigureSchema = z
  .strictObject({
    id: slug,
    subject: slug,
    also_about: z.array(slug).default([]),
    property: PropertySchema,
    value: ValueSchema,
    basis: BasisSchema.default('actual'),
    scope: LocalizedSchema,
    /** One sentence a reader sees first, when the figure leads an answer (at most 240 characters). */
    summary: z.strictObject({ en: z.string().min(1).max(240), id: z.string().min(1).max(240) }).optional(),
    /** When the figure was true or stated, not when an article repeated it. */
    as_of: isoDate,
    /** True when the source gives no date for the statement and `as_of` is only the report's date. */
    dated_by_report: z.boolean().default(false),
    status: StatusSchema,
    rank: RankSchema.default('normal'),
    deprecated_reason: LocalizedSchema.optional(),
    method: MethodSchema.optional(),
    /** Who made the statement, e.g. "DeepSeek" or "Anthropic's CEO". */
    stated_by: z.string().min(1).optional(),
    citations: z.array(CitationSchema).min(1, 'every figure needs at least one citation'),
    disputes: z.array(DisputeSchema).default([]),
    notes: z.array(NoteSchema).default([]),
    /** The figure's words restated as facts for /check (a text figure's who-used-what and where). */
    relations: z.array(RelationSchema).default([]),
  })
  .refine((f) => f.rank !== 'deprecated' || f.deprecated_reason !== undefined, {
    message: 'a deprecated figure needs a deprecated_reason (why it is wrong for this scope)',
    path: ['deprecated_reason'],
  })
  .refine((f) => f.rank === 'deprecated' || f.deprecated_reason === undefined, {
    message: 'deprecated_reason is only for rank: deprecated',
    path: ['rank'],
  });
export type Figure = z.infer<typeof FigureSchema>;

export const RateSchema = z.strictObject({
  id: slug,
  from: CurrencySchema,
  to: CurrencySchema,
  rate: z.number().positive(),
  as_of: isoDate,
  source: slug,
  quote: z.string().min(1),
});
export type Rate = z.infer<typeof RateSchema>;

export const ChangeSchema = z.strictObject({
  id: z.string().min(1),
  at: z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.iso.datetime()),
  who: z.string().min(1),
  action: z.string().min(1),
  figure: slug.optional(),
  reason: z.string().min(1),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type Change = z.infer<typeof ChangeSchema>;

/** One YAML file of the knowledge directory: any of the sections, nothing else. */
export const KnowledgeFileSchema = z.strictObject({
  sources: z.array(SourceSchema).optional(),
  entities: z.array(EntitySchema).optional(),
  figures: z.array(FigureSchema).optional(),
  rates: z.array(RateSchema).optional(),
  changes: z.array(ChangeSchema).optional(),
});
export type KnowledgeFile = z.infer<typeof KnowledgeFileSchema>;

/** The whole knowledge, merged from every file. */
export const KnowledgeSchema = z.strictObject({
  sources: z.array(SourceSchema),
  entities: z.array(EntitySchema),
  figures: z.array(FigureSchema),
  rates: z.array(RateSchema),
  changes: z.array(ChangeSchema),
});
export type Knowledge = z.infer<typeof KnowledgeSchema>;
