import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { generateKnowledge } from '../../bench/generate.js';
import { judge } from '../../src/core/check/judge.js';
import { pageOf, PAGE_SIZE } from '../../src/core/paging.js';
import { loadCompiledKnowledge } from '../../src/knowledge/compiled.js';
import { CompiledFigures } from '../../src/knowledge/compiled-figures.js';
import type { FigureStore } from '../../src/knowledge/figure-store.js';
import { byStanding, KnowledgeIndex } from '../../src/knowledge/index.js';
import { PROPERTY_KEYWORDS } from '../../src/knowledge/properties.js';
import { PropertySchema, type Figure } from '../../src/knowledge/schema.js';
import { words } from '../../src/knowledge/text.js';

/** Generated figures: ten per model, so a statement about one model concerns few of them. */
const FIGURES = 3000;
const STATEMENTS = [
  'm12 cost about US$1,012 to train',
  'Model 7 cost $5 million to train',
  'model number 33 was trained on 2,048 GPUs',
  'the final stage alone cost $50,000, excluding pre-training',
  '147,000 GPU hours at $2 each is $294,000',
  'DeepSeek trained R1 for just $294,000 on 512 H800s',
  'm5 ran on H800s and was trained in Hangzhou',
];

let dir: string;
let kb: KnowledgeIndex;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'factdesk-reads-'));
  await generateKnowledge(path.join(dir, 'knowledge'), FIGURES);
  kb = new KnowledgeIndex(await loadCompiledKnowledge(path.join(dir, 'knowledge'), path.join(dir, 'data')));
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** How many figures the compiled store decodes, one by one and in full scans, while `run` runs. */
function reads(run: () => unknown): { figures: number; scans: number } {
  const get = vi.spyOn(CompiledFigures.prototype, 'get');
  const entries = vi.spyOn(CompiledFigures.prototype, 'entries');
  try {
    run();
    return { figures: get.mock.calls.length, scans: entries.mock.calls.length };
  } finally {
    get.mockRestore();
    entries.mockRestore();
  }
}

describe('on a large compiled knowledge, /check, /disputed and /sources read only the figures they need', () => {
  test('the count is honest: listing every figure reads them all', () => {
    expect(reads(() => [...kb.figures]).scans).toBe(1);
  });

  test.each(STATEMENTS)('/check %s', (statement) => {
    const { figures, scans } = reads(() => {
      judge(kb, statement);
      // The answer shows matches of a search when the verdict cites none.
      kb.searchFigures(statement, 2);
    });
    expect(scans).toBe(0);
    expect(figures).toBeLessThan(50);
  });

  test('/disputed and /sources read the page they show', () => {
    expect(kb.disputedRange().length).toBe(FIGURES / 5);
    expect(reads(() => pageOf(kb.disputedRange(), 3))).toEqual({ figures: PAGE_SIZE, scans: 0 });
    expect(reads(() => kb.sources.map((s) => kb.citingCount(s.id)))).toEqual({ figures: 0, scans: 0 });
    expect(reads(() => pageOf(kb.citingRange('src-3'), 2))).toEqual({ figures: PAGE_SIZE, scans: 0 });
  });
});

/**
 * /fact's order as it was when every scored figure was read: score, standing, property, file order. The
 * search now orders many tied figures by lookups; it must give the same figures.
 */
function searchByReading(kb: KnowledgeIndex, query: string, limit: number): Figure[] {
  const store = (kb as unknown as { store: FigureStore }).store;
  // Queries without stopwords or names: every word counts, but those in over a third of the figures only weigh.
  const terms = [...new Set(words(query))];
  const weight = (term: string) => {
    const hits = store.postings(term);
    return hits ? Math.log(1 + store.length / hits.length) : 0;
  };
  const useful = terms.filter((t) => (store.postings(t)?.length ?? 0) <= store.length / 3);
  const scores = new Map<number, number>();
  for (const term of useful.length > 0 ? useful : terms) {
    const w = weight(term);
    for (const i of Array.from(store.postings(term) ?? [])) scores.set(i, (scores.get(i) ?? 0) + w);
  }
  const place = new Map(PropertySchema.options.map((p, n) => [p, n]));
  const ranked = [...scores].flatMap(([i, score]) => {
    const figure = store.get(i);
    if (!figure) return [];
    const keywords = new Set(words(PROPERTY_KEYWORDS[figure.property]));
    const total = score + 3 * terms.filter((w) => keywords.has(w)).length;
    return total > 0 ? [{ figure, score: total, i }] : [];
  });
  return ranked
    .sort(
      (a, b) =>
        b.score - a.score ||
        byStanding(a.figure, b.figure) ||
        (place.get(a.figure.property) ?? 0) - (place.get(b.figure.property) ?? 0) ||
        a.i - b.i,
    )
    .slice(0, limit)
    .map((r) => r.figure);
}

test('a search with many equal matches gives the figures reading them all would', () => {
  for (const query of ['training cost', 'pre training stage', 'biaya pelatihan', 'gpu hours excludes'])
    for (const limit of [2, 5, 100])
      expect(
        kb.searchFigures(query, limit).map((f) => f.id),
        `${query} (${limit})`,
      ).toEqual(searchByReading(kb, query, limit).map((f) => f.id));
});
