import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Citation, Entity, Figure, Locale, Source } from '../knowledge/schema.js';
import type { Answer, Choice, CitationView, FigureView, SourceView } from './answer.js';
import { formatBreakdown, formatDate, formatEquivalents, formatValue } from './format.js';
import { t } from './i18n/index.js';

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
    ...(c.where !== undefined && { where: c.where }),
  };
}

/** Everything a reader needs about one figure: value, scope, status, who reported it, who disagrees. */
export function figureView(kb: KnowledgeIndex, f: Figure, locale: Locale): FigureView {
  // A snapshot never changes, so neither does a figure's view in it: build each once per language.
  let perSnapshot = viewCache.get(kb);
  if (!perSnapshot) {
    perSnapshot = new WeakMap();
    viewCache.set(kb, perSnapshot);
  }
  const key = perSnapshot.get(f) ?? {};
  const cached = key[locale];
  if (cached) return cached;
  const view = buildFigureView(kb, f, locale);
  perSnapshot.set(f, { ...key, [locale]: view });
  return view;
}

const viewCache = new WeakMap<KnowledgeIndex, WeakMap<Figure, Partial<Record<Locale, FigureView>>>>();

function buildFigureView(kb: KnowledgeIndex, f: Figure, locale: Locale): FigureView {
  const subject = kb.entity(f.subject);
  const lookup = (id: string) => kb.entity(id);
  const breakdown = formatBreakdown(f.value, locale, lookup);
  return {
    id: f.id,
    subject: { id: f.subject, name: subject?.name ?? f.subject },
    property: f.property,
    propertyLabel: t(locale, `properties.${f.property}`),
    value: formatValue(f.value, locale, lookup),
    equivalents: formatEquivalents(f.value, locale),
    ...(breakdown !== undefined && { breakdown }),
    status: f.status,
    statusLabel: t(locale, `status.${f.status}`),
    scope: f.scope[locale],
    asOf: formatDate(f.as_of, locale),
    citations: f.citations.map((c) => citationView(kb, c, locale)),
    disputes: f.disputes.map((d) => ({
      kind: d.kind,
      kindLabel: t(locale, `disputeKinds.${d.kind}`),
      says: d.says[locale],
      reason: d.reason[locale],
      citations: d.citations.map((c) => citationView(kb, c, locale)),
    })),
  };
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
    figureCount: kb.figuresCiting(s.id).length,
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
