import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Figure } from '../../src/knowledge/schema.js';
import { claimReviewFeed, figureClaimReviews } from '../../src/web/claimreview.js';
import { KNOWLEDGE_DIR } from '../helpers.js';
import { cleanEnv, runNode } from '../process.js';
import { hostileKnowledgeDir, PUBLIC_URL, startSite } from './fixture.js';

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * What Google's ClaimReview documentation (developers.google.com/search/docs/appearance/structured-data/factcheck)
 * asks of each item: claimReviewed, reviewRating with alternateName, url of the page, author, datePublished,
 * and itemReviewed as a Claim with its author and where it appeared. Returns every problem found.
 */
function googleProblems(item: unknown, site: string): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (!isRecord(item)) return ['not an object'];
  need(item['@context'] === 'https://schema.org', '@context');
  need(item['@type'] === 'ClaimReview', '@type');
  need(isText(item.claimReviewed), 'claimReviewed');
  need(isText(item.url) && item.url.startsWith(`${site}/`), 'url on the site');
  need(isText(item.datePublished) && ISO_DATE.test(item.datePublished), 'datePublished');
  const author = item.author;
  need(
    isRecord(author) && isText(author.name) && ['Organization', 'Person'].includes(String(author['@type'])),
    'author',
  );
  const rating = item.reviewRating;
  need(
    isRecord(rating) && rating['@type'] === 'Rating' && isText(rating.alternateName),
    'reviewRating.alternateName',
  );
  if (isRecord(rating) && rating.ratingValue !== undefined) {
    const value = Number(rating.ratingValue);
    need(
      value >= Number(rating.worstRating) && value <= Number(rating.bestRating),
      'ratingValue within its scale',
    );
  }
  const claim = item.itemReviewed;
  need(isRecord(claim) && claim['@type'] === 'Claim', 'itemReviewed Claim');
  if (isRecord(claim)) {
    const claimAuthor = claim.author;
    need(isRecord(claimAuthor) && isText(claimAuthor.name), 'itemReviewed.author');
    const works = [
      ...(Array.isArray(claim.appearance) ? (claim.appearance as unknown[]) : []),
      claim.firstAppearance,
    ];
    need(
      works.length >= 2 &&
        works.every(
          (w) => isRecord(w) && w['@type'] === 'CreativeWork' && isText(w.url) && /^https?:\/\//.test(w.url),
        ),
      'itemReviewed appearance and firstAppearance with URLs',
    );
  }
  return problems;
}

let kb: KnowledgeIndex;
beforeAll(async () => {
  kb = new KnowledgeIndex(await loadKnowledge(KNOWLEDGE_DIR));
});

describe('the ClaimReview feed', () => {
  test('GIVEN the real knowledge in both languages THEN every item has the fields Google requires', () => {
    for (const locale of ['en', 'id'] as const) {
      const feed = claimReviewFeed(kb, locale, PUBLIC_URL);
      const disputes = kb.figures.reduce((n, f) => n + f.disputes.length, 0);
      expect(feed.dataFeedElement.length).toBeGreaterThan(disputes);
      for (const item of feed.dataFeedElement) expect(googleProblems(item, PUBLIC_URL), item.url).toEqual([]);
    }
  });

  test('GIVEN a validator THEN it rejects an item missing what Google requires', () => {
    const [item] = claimReviewFeed(kb, 'en', PUBLIC_URL).dataFeedElement;
    const broken = structuredClone(item!) as unknown as Record<string, Record<string, unknown>>;
    delete broken.reviewRating!.alternateName;
    delete broken.itemReviewed!.author;
    expect(googleProblems(broken, PUBLIC_URL)).toEqual(['reviewRating.alternateName', 'itemReviewed.author']);
  });

  test('GIVEN the knowledge THEN every dispute’s other side is reviewed, article errors are rated False', () => {
    const feed = claimReviewFeed(kb, 'en', PUBLIC_URL).dataFeedElement;
    const disputes = kb.figures.flatMap((f) => f.disputes.map((d, i) => ({ f, d, i })));
    for (const { f, d, i } of disputes) {
      const item = feed.find((r) => r.url === `${PUBLIC_URL}/f/${f.id}#dispute-${i + 1}`);
      expect(item?.claimReviewed, `${f.id} dispute ${i + 1}`).toBe(d.says.en);
      if (d.kind === 'error') expect(item?.reviewRating.alternateName).toBe('False');
    }
    expect(disputes.some((x) => x.d.kind === 'error')).toBe(true);
  });

  test('GIVEN a deprecated figure (the optional rank) or a contradicted one THEN the figure itself is a reviewed claim', async () => {
    const r1 = kb.figure('r1-training-cost')!;
    expect(figureClaimReviews(kb, r1, 'en', PUBLIC_URL).some((r) => r.url.endsWith('#figure'))).toBe(false);
    const deprecated = { ...r1, rank: 'deprecated' } as Figure;
    const reviews = figureClaimReviews(kb, deprecated, 'id', PUBLIC_URL);
    const own = reviews.find((r) => r.url === `${PUBLIC_URL}/f/r1-training-cost?lang=id#figure`);
    expect(own?.reviewRating.alternateName).toBe('Menyesatkan');
    expect(own?.claimReviewed).toContain('US$294.000');

    const hostile = new KnowledgeIndex(await loadKnowledge(await hostileKnowledgeDir()));
    const contradicted = figureClaimReviews(hostile, hostile.figure('evil-gpu-count')!, 'en', PUBLIC_URL);
    expect(contradicted).toHaveLength(1);
    expect(contradicted[0]!.reviewRating.alternateName).toBe('False');
    expect(contradicted[0]!.itemReviewed.firstAppearance.url).toBe('https://evil.example/article?a=1&b="2"');
  });
});

describe('served and exported', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  beforeAll(async () => {
    site = await startSite(KNOWLEDGE_DIR);
  });
  afterAll(async () => {
    await site.server.close();
  });

  test('GIVEN /claimreview.json THEN it is the feed, as JSON-LD', async () => {
    const res = await site.get('/claimreview.json');
    expect(res.headers.get('content-type')).toContain('application/ld+json');
    expect(await res.json()).toEqual(claimReviewFeed(kb, 'en', PUBLIC_URL));
  });

  test('GIVEN a figure page THEN its JSON-LD holds exactly that figure’s reviews', async () => {
    const page = await (await site.get('/f/r1-cost-announcement-date')).text();
    const block = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)?.[1] ?? '[]';
    const expected = figureClaimReviews(kb, kb.figure('r1-cost-announcement-date')!, 'en', PUBLIC_URL);
    expect(expected.length).toBeGreaterThan(0);
    expect(JSON.parse(block)).toEqual(expected);
  });

  test('GIVEN factdesk knowledge export --claimreview THEN the same feed is written offline', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'factdesk-cr-')), 'feed.json');
    const result = await runNode(
      'bin/factdesk.js',
      ['knowledge', 'export', '--claimreview', file, '--lang', 'id'],
      {
        env: cleanEnv({ PUBLIC_URL, STORE_URL: 'memory://' }),
        timeoutMs: 30_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(claimReviewFeed(kb, 'id', PUBLIC_URL));
  });
});
