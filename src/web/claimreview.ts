import { t } from '../core/i18n/index.js';
import { pagePath, pageUrl } from '../core/links.js';
import { figureView } from '../core/views.js';
import type { KnowledgeIndex } from '../knowledge/index.js';
import type { Citation, Figure, Locale, Source } from '../knowledge/schema.js';

/** A schema.org ClaimReview as Google's Fact Check markup documents it. */
export interface ClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  inLanguage: Locale;
  author: { '@type': 'Organization'; name: string; url: string };
  reviewRating: {
    '@type': 'Rating';
    ratingValue: number;
    bestRating: 5;
    worstRating: 1;
    alternateName: string;
    ratingExplanation: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    author: { '@type': 'Organization' | 'Person'; name: string };
    datePublished: string;
    appearance: CreativeWork[];
    firstAppearance: CreativeWork;
  };
}

interface CreativeWork {
  '@type': 'CreativeWork';
  url: string;
  headline: string;
  datePublished: string;
  publisher: { '@type': 'Organization'; name: string };
}

// 1 = false … 5 = true, the conventional scale; the words in `alternateName` are what readers see.
const RATING_VALUE = {
  error: 1,
  contradicted: 1,
  retracted: 1,
  allegation: 2,
  unsupported: 2,
  deprecated: 2,
  scope: 3,
  detail: 3,
  wording: 3,
  estimate: 3,
  rounding: 4,
} as const;
type RatingKey = keyof typeof RATING_VALUE;

function work(s: Source): CreativeWork {
  return {
    '@type': 'CreativeWork',
    url: s.url,
    headline: s.title,
    datePublished: s.published,
    publisher: { '@type': 'Organization', name: s.outlet },
  };
}

/** The claim as it appeared: who said it, where, and where first. Undefined when no citation resolves. */
function claim(kb: KnowledgeIndex, citations: readonly Citation[]): ClaimReview['itemReviewed'] | undefined {
  const sources = citations
    .map((c) => kb.source(c.source))
    .filter((s) => s !== undefined)
    .sort((a, b) => a.published.localeCompare(b.published));
  const [first] = sources;
  if (!first) return undefined;
  return {
    '@type': 'Claim',
    author:
      first.author !== undefined
        ? { '@type': 'Person', name: first.author }
        : { '@type': 'Organization', name: first.outlet },
    datePublished: first.published,
    appearance: sources.map(work),
    firstAppearance: work(first),
  };
}

/** Our review can only be as old as the newest source it weighs. */
function reviewDate(kb: KnowledgeIndex, figure: Figure, citations: readonly Citation[]): string {
  return [...figure.citations, ...citations]
    .map((c) => kb.source(c.source)?.published ?? '')
    .reduce((a, b) => (b > a ? b : a), figure.as_of);
}

/**
 * The reviewed claims of one figure: each dispute's other side (article errors included), and the
 * figure itself when it is deprecated, contradicted or retracted.
 */
export function figureClaimReviews(
  kb: KnowledgeIndex,
  figure: Figure,
  locale: Locale,
  publicUrl: string,
): ClaimReview[] {
  const page = pageUrl(publicUrl, pagePath.figure(figure.id), locale);
  const author = { '@type': 'Organization' as const, name: 'factdesk', url: publicUrl.replace(/\/+$/, '') };
  const review = (
    n: string,
    claimReviewed: string,
    rating: RatingKey,
    explanation: string,
    citations: readonly Citation[],
  ): ClaimReview[] => {
    const item = claim(kb, citations);
    if (!item) return [];
    return [
      {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: `${page}#${n}`,
        claimReviewed,
        datePublished: reviewDate(kb, figure, citations),
        inLanguage: locale,
        author,
        reviewRating: {
          '@type': 'Rating',
          ratingValue: RATING_VALUE[rating],
          bestRating: 5,
          worstRating: 1,
          alternateName: t(locale, `web.ratings.${rating}`),
          ratingExplanation: explanation,
        },
        itemReviewed: item,
      },
    ];
  };
  const out = figure.disputes.flatMap((d, i) =>
    review(`dispute-${i + 1}`, d.says[locale], d.kind, d.reason[locale], d.citations),
  );
  const deprecated =
    figure.rank === 'deprecated'
      ? 'deprecated'
      : figure.status === 'contradicted' || figure.status === 'retracted'
        ? figure.status
        : undefined;
  if (deprecated) {
    const view = figureView(kb, figure, locale);
    out.push(
      ...review(
        'figure',
        `${view.subject.name}, ${view.propertyLabel}: ${view.value}`,
        deprecated,
        view.scope,
        figure.citations,
      ),
    );
  }
  return out;
}

/** Every ClaimReview of the knowledge in one language, as a schema.org DataFeed. */
export function claimReviewFeed(kb: KnowledgeIndex, locale: Locale, publicUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'DataFeed',
    name: 'factdesk ClaimReview feed',
    inLanguage: locale,
    dataFeedElement: kb.figures.flatMap((f) => figureClaimReviews(kb, f, locale, publicUrl)),
  };
}
