import { LRUCache } from 'lru-cache';
import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Citation, Entity, Figure, Locale, Source } from '../knowledge/schema.js';
import type { Answer, Choice, CitationView, FigureView, SourceView } from './answer.js';
import { jsonSize } from './json-size.js';
import { SecondUse } from './second-use.js';
import { formatBreakdown, formatDate, formatEquivalents, formatValue } from './format.js';
import { catalogue, t } from './i18n/index.js';
import type { Page } from './paging.js';

/** The longest conclusion an answer opens with; one sentence a chat reader takes in at a glance. */
export const MAX_CONCLUSION = 300;

/** A citation with its source's outlet, title, link and date, in the answer language. */
export function citationView(kb: KnowledgeIndex, c: Citation, locale: Locale): CitationView {
  const source = kb.source(c.source);
  return {
    source: c.source,
    outlet: source?.outlet ?? c.source,
    title: source?.title ?? '',
    url: source?.url ?? '',
    published: source ? formatDate(source.published, locale) : '',
    language: source?.language ?? 'en',
    ...(c.quote !== undefined && { quote: c.quote }),
    ...(c.paraphrase !== undefined && { paraphrase: c.paraphrase[locale] }),
    ...(c.where !== undefined && { where: whereLabel(c.where, locale) }),
  };
}

// "headline" and other places in an article read in the answer language; free text stays as written.
function whereLabel(where: string, locale: Locale): string {
  const labels: Readonly<Record<string, string>> = catalogue(locale).where;
  return labels[where] ?? where;
}

/** Cuts a sentence to `max` characters at a word boundary, never inside a surrogate pair. */
export function clipSentence(text: string, max = MAX_CONCLUSION): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** Everything a reader needs about one figure: value, scope, status, who reported it, who disagrees. */
export function figureView(kb: KnowledgeIndex, f: Figure, locale: Locale): FigureView {
  // Another version of the figure (an edit's before or after) shares its id: built each time, never kept.
  if (!kb.holds(f)) return buildFigureView(kb, f, locale);
  // A snapshot never changes, so neither does a figure's view in it: build each once per language, and
  // keep the most recently shown ones (all of them would take tens of MB per language at 100,000 figures).
  // Kept by id, not by the figure: the figure itself may then go when the knowledge's cache drops it, and
  // its view is found again when it is read anew.
  // A view is kept from its second building (see `SecondUse`).
  let perSnapshot = viewCache.get(kb);
  if (!perSnapshot) {
    perSnapshot = {
      views: new LRUCache({ max: VIEW_CACHE_FIGURES, maxSize: VIEW_CACHE_CHARS, sizeCalculation: jsonSize }),
      built: new SecondUse(2 * VIEW_CACHE_FIGURES),
    };
    viewCache.set(kb, perSnapshot);
  }
  const views = perSnapshot.views.get(f.id) ?? {};
  const cached = views[locale];
  if (cached) return cached;
  const view = buildFigureView(kb, f, locale);
  if (perSnapshot.built.again(`${locale}\n${f.id}`))
    perSnapshot.views.set(f.id, { ...views, [locale]: view });
  return view;
}

/**
 * How many figures' views each snapshot keeps, and how much of their text: a view takes about as many
 * bytes in memory as it has characters as JSON (about 1 KB for a figure with two citations).
 */
const VIEW_CACHE_FIGURES = 5_000;
const VIEW_CACHE_CHARS = 2 << 20;
const viewCache = new WeakMap<
  KnowledgeIndex,
  { views: LRUCache<string, Partial<Record<Locale, FigureView>>>; built: SecondUse }
>();

function buildFigureView(kb: KnowledgeIndex, f: Figure, locale: Locale): FigureView {
  const subject = kb.entity(f.subject);
  const lookup = (id: string) => kb.entity(id);
  const breakdown = formatBreakdown(f.value, locale, lookup);
  const value = formatValue(f.value, locale, lookup);
  const basisLabel = f.basis === 'actual' ? undefined : t(locale, `basis.${f.basis}`);
  const propertyLabel = t(locale, `properties.${f.property}`);
  const asOf = formatDate(f.as_of, locale);
  return {
    id: f.id,
    subject: { id: f.subject, name: subject?.name ?? f.subject },
    property: f.property,
    propertyLabel,
    value,
    equivalents: formatEquivalents(f.value, locale),
    ...(breakdown !== undefined && { breakdown }),
    status: f.status,
    statusLabel: t(locale, `status.${f.status}`),
    rank: f.rank,
    ...(f.deprecated_reason !== undefined && { deprecatedReason: f.deprecated_reason[locale] }),
    basis: f.basis,
    ...(basisLabel !== undefined && { basisLabel }),
    ...(f.method !== undefined && { method: f.method, methodLabel: t(locale, `methods.${f.method}`) }),
    ...(f.stated_by !== undefined && { statedBy: f.stated_by }),
    summary: clipSentence(
      f.summary?.[locale] ??
        generatedSummary(kb, f, locale, {
          subject: subject?.name ?? f.subject,
          propertyLabel,
          value,
          basisLabel,
        }),
    ),
    scope: f.scope[locale],
    asOf: f.dated_by_report ? t(locale, 'answer.datedByReport', { date: asOf }) : asOf,
    citations: f.citations.map((c) => citationView(kb, c, locale)),
    disputes: f.disputes.map((d) => ({
      kind: d.kind,
      kindLabel: t(locale, `disputeKinds.${d.kind}`),
      says: d.says[locale],
      reason: d.reason[locale],
      citations: d.citations.map((c) => citationView(kb, c, locale)),
    })),
    notes: f.notes.map((n) => ({
      kind: n.kind,
      kindLabel: t(locale, `noteKinds.${n.kind}`),
      says: n.says[locale],
      ...(n.reason !== undefined && { reason: n.reason[locale] }),
      citations: n.citations.map((c) => citationView(kb, c, locale)),
    })),
  };
}

/** "DeepSeek-R2, planned release (planned): May 2025 (Sahkato, 2025)." for figures without a curated summary. */
function generatedSummary(
  kb: KnowledgeIndex,
  f: Figure,
  locale: Locale,
  parts: { subject: string; propertyLabel: string; value: string; basisLabel: string | undefined },
): string {
  if (f.rank === 'deprecated' && f.deprecated_reason !== undefined) return f.deprecated_reason[locale];
  const first = f.citations[0];
  const source = first === undefined ? undefined : kb.source(first.source);
  const by = f.stated_by ?? source?.outlet ?? '';
  const year = source?.published.slice(0, 4);
  const params = {
    subject: parts.subject,
    property: parts.propertyLabel,
    // Text values are sentences of their own; the template adds the full stop.
    value: parts.value.replace(/\.$/, ''),
    source: year === undefined ? by : `${by}, ${year}`,
  };
  const sentence =
    parts.basisLabel === undefined
      ? t(locale, 'answer.conclusionFigure', params)
      : t(locale, 'answer.conclusionBasis', { ...params, basis: parts.basisLabel });
  return f.status === 'disputed' ? t(locale, 'answer.conclusionDisputed', { sentence }) : sentence;
}

/**
 * The figures of an answer, ranked: preferred and normal ones to show, deprecated ones apart under
 * "Also claimed", and the conclusion the answer opens with (the leading figure's summary).
 */
export function rankedFigures(
  kb: KnowledgeIndex,
  figures: readonly Figure[],
  locale: Locale,
): { figures: FigureView[]; alsoClaimed: FigureView[]; conclusion?: string } {
  const shown = figures.filter((f) => f.rank !== 'deprecated').map((f) => figureView(kb, f, locale));
  const alsoClaimed = figures.filter((f) => f.rank === 'deprecated').map((f) => figureView(kb, f, locale));
  const lead = shown[0] ?? alsoClaimed[0];
  return { figures: shown, alsoClaimed, ...(lead !== undefined && { conclusion: lead.summary }) };
}

/**
 * One page of a list answer's figures, with the page numbers and the commands that show the pages
 * before and after it (none when everything fits on one page).
 */
export function pagedFigures(
  kb: KnowledgeIndex,
  page: Page<Figure>,
  locale: Locale,
  command: string,
): { figures: FigureView[]; page?: { number: number; count: number }; suggestions: string[] } {
  const figures = page.items.map((f) => figureView(kb, f, locale));
  if (page.count === 1) return { figures, suggestions: [] };
  const suggestions = [
    ...(page.number < page.count ? [`${command} ${page.number + 1}`] : []),
    ...(page.number > 1 ? [`${command} ${page.number - 1}`] : []),
  ];
  return { figures, page: { number: page.number, count: page.count }, suggestions };
}

/** A source with its date, language and how many figures cite it. */
export function sourceView(kb: KnowledgeIndex, s: Source, locale: Locale): SourceView {
  return {
    id: s.id,
    outlet: s.outlet,
    title: s.title,
    url: s.url,
    language: s.language,
    languageLabel: t(locale, `languages.${s.language}`),
    published: formatDate(s.published, locale),
    kind: s.kind,
    kindLabel: t(locale, `sourceKinds.${s.kind}`),
    ...(s.notes !== undefined && { notes: s.notes[locale] }),
    figureCount: kb.citingCount(s.id),
  };
}

/** The handle used in follow-up commands: the first one-word alias (`r1`, not `deepseek-r1`). */
export function handleOf(entity: Entity): string {
  return [...entity.aliases.en, ...entity.aliases.id].find((a) => !/\s/.test(a)) ?? entity.id;
}

/** Entities offered as choices, each with the command that would pick it. */
export function choices(entities: readonly Entity[], command: string, locale: Locale): Choice[] {
  return entities.map((e) => ({
    id: e.id,
    label: e.name,
    description: e.description[locale],
    command: `/${command} ${handleOf(e)}`,
  }));
}

/** A short informational answer: a title and a few lines, e.g. a confirmation. */
export function infoAnswer(
  command: string,
  locale: Locale,
  title: string,
  lines: string[],
  suggestions: string[] = [],
): Extract<Answer, { kind: 'info' }> {
  return { kind: 'info', command, locale, title, lines, suggestions };
}

/** An error answer whose message comes from the catalogue. */
export function errorAnswer(
  command: string,
  locale: Locale,
  code: string,
  message: string,
): Extract<Answer, { kind: 'error' }> {
  return {
    kind: 'error',
    command,
    locale,
    title: t(locale, 'answer.errorTitle'),
    code,
    message,
    suggestions: ['/help'],
  };
}
