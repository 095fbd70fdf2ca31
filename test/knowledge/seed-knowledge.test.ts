import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { KnowledgeIndex } from '../../src/knowledge/index.js';
import type { DisputeKind } from '../../src/knowledge/schema.js';
import { ROOT, realKnowledge } from '../helpers.js';

// The five seed articles, kept as test fixtures so quotes can be checked word for word.
const ARTICLE_FILES: Record<string, string> = {
  'trenasia-2025-09-19': '000_85ec024f04be8143.txt',
  'sahkato-2025-08': '001_3fef7a9cd2080afc.txt',
  'mestios-2025-09-19': '002_3b927ebb475aa6be.txt',
  'techexpress-2025-09': '003_8fb60f0c2c0bf3b5.txt',
  'detikinet-2025-12-01': '004_efc40b59854a866b.txt',
};
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const article = (id: string) =>
  squash(readFileSync(path.join(ROOT, 'test/fixtures/seeds', ARTICLE_FILES[id] ?? 'missing'), 'utf8'));

let kb: KnowledgeIndex;
beforeAll(async () => {
  kb = await realKnowledge();
});

describe('the curated seed knowledge', () => {
  test('every quote from a seed article appears in that article word for word', () => {
    const checked: string[] = [];
    for (const f of kb.figures) {
      for (const c of [...f.citations, ...f.disputes.flatMap((d) => d.citations)]) {
        if (c.quote === undefined || !(c.source in ARTICLE_FILES)) continue;
        expect(article(c.source), `${f.id} quotes ${c.source}`).toContain(squash(c.quote));
        checked.push(f.id);
      }
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  test('every seed article and the Nature paper are cited by at least three figures', () => {
    for (const id of [...Object.keys(ARTICLE_FILES), 'nature-2025-09-17']) {
      expect(kb.figuresCiting(id).length, id).toBeGreaterThanOrEqual(3);
    }
  });

  test('the figures the articles report are all there, with the values they report', () => {
    const amount = (id: string) => {
      const v = kb.figure(id)?.value;
      return v?.type === 'amount' ? [v.amount, v.max, v.unit] : v?.type === 'date' ? [v.date] : undefined;
    };
    expect(amount('r1-training-cost')).toEqual([294000, undefined, 'USD']);
    expect(amount('v3-training-cost')).toEqual([5576000, undefined, 'USD']);
    expect(amount('gpt-4-training-cost')).toEqual([100_000_000, undefined, 'USD']);
    expect(amount('anthropic-training-cost-now')).toEqual([100_000_000, undefined, 'USD']);
    expect(amount('anthropic-training-cost-soon')).toEqual([1e9, undefined, 'USD']);
    expect(amount('anthropic-ceo-cost-forecast')).toEqual([1e10, 1e11, 'USD']);
    expect(amount('microsoft-openai-datacentre-investment')).toEqual([1e11, undefined, 'USD']);
    expect(amount('r1-gpu-count')).toEqual([512, undefined, 'gpu']);
    expect(amount('r1-training-hours')).toEqual([80, undefined, 'hour']);
    expect(amount('deepseek-gpu-holdings')).toEqual([50000, undefined, 'gpu']);
    expect(amount('r1-cost-announcement-date')).toEqual(['2025-09-17']);
    expect(amount('r2-release-delay')).toEqual(['2025-05']);
    expect(kb.figure('r2-release-delay')?.property).toBe('planned_release');
    expect(amount('us-export-controls-date')).toEqual(['2022']);
    expect(amount('h20-tightening-date')).toEqual(['2025-04']);
    expect(amount('ai-diffusion-rule-rescinded')).toEqual(['2025']);
    for (const id of [
      'gpt-4o-training-cost',
      'r1-prep-a100',
      'r2-training-hardware',
      'r2-inference-hardware',
      'sea-rented-capacity',
      'huawei-engineers-at-deepseek',
      'deepseek-distillation',
      'deepseek-llama-distilled',
      'v3-training-data-ai-answers',
      'south-korea-data-transfer',
    ]) {
      expect(kb.figure(id), id).toBeDefined();
    }
    const holdings = kb.figure('deepseek-gpu-holdings')?.value;
    expect(holdings?.type === 'amount' && holdings.breakdown.map((b) => [b.amount, b.chip])).toEqual([
      [30000, 'nvidia-h20'],
      [10000, 'nvidia-h800'],
      [10000, 'nvidia-h100'],
    ]);
    const r1 = kb.figure('r1-training-cost')?.value;
    expect(r1?.type === 'amount' && r1.equivalents.map((q) => [q.amount, q.unit])).toEqual([[4.87e9, 'IDR']]);
  });

  // Each real disagreement in the seeds' index, as (figure, kind, source of the other side).
  const disagreements: [string, string, DisputeKind, string][] = [
    ['512 H800 vs a 50,000-GPU cluster', 'r1-gpu-count', 'estimate', 'sahkato-2025-08'],
    ['80 hours presented as the whole run', 'r1-training-hours', 'error', 'mestios-2025-09-19'],
    ['"early 2023" announcement date', 'r1-cost-announcement-date', 'error', 'mestios-2025-09-19'],
    ['decentralised edge computing', 'r1-edge-computing-claim', 'unsupported', 'nature-2025-09-17'],
    ['"move" headline vs renting capacity', 'sea-rented-capacity', 'wording', 'detikinet-2025-12-01'],
    ['50,000 holdings vs 512 used', 'deepseek-gpu-holdings', 'scope', 'nature-2025-09-17'],
    [
      'Huawei engineers: data centre vs Hangzhou HQ',
      'huawei-engineers-at-deepseek',
      'detail',
      'detikinet-2025-12-01',
    ],
  ];
  test.each(disagreements)('%s is a dispute on the figure it concerns', (_what, figureId, kind, source) => {
    const figure = kb.figure(figureId);
    const dispute = figure?.disputes.find(
      (d) => d.kind === kind && d.citations.some((c) => c.source === source),
    );
    expect(dispute, `${figureId} lacks a ${kind} dispute citing ${source}`).toBeDefined();
    expect(dispute?.reason.en.length).toBeGreaterThan(20);
    expect(dispute?.reason.id.length).toBeGreaterThan(20);
    expect(kb.disputedFigures()).toContain(figure);
  });

  // Context that is not a counter-claim is a note, shown apart from "Sources disagree".
  const notes: [string, string, string, string][] = [
    ['Rp4,8 M headline vs Rp4,87 miliar', 'r1-training-cost', 'rounding', 'trenasia-2025-09-19'],
    ['doubt about the cost, without a figure', 'r1-training-cost', 'doubt', 'mestios-2025-09-19'],
    [
      'GPT-4 "more than" vs "about" $100M in one article',
      'gpt-4-training-cost',
      'wording',
      'trenasia-2025-09-19',
    ],
    ['H100 access is an allegation', 'deepseek-gpu-holdings', 'context', 'mestios-2025-09-19'],
  ];
  test.each(notes)('%s is a note, not a dispute', (_what, figureId, kind, source) => {
    const figure = kb.figure(figureId);
    const note = figure?.notes.find((n) => n.kind === kind && n.citations.some((c) => c.source === source));
    expect(note, `${figureId} lacks a ${kind} note citing ${source}`).toBeDefined();
    expect(
      figure?.disputes.some((d) =>
        d.citations.some((c) => c.source === source && c.quote === note?.citations[0]?.quote),
      ),
    ).toBe(false);
  });

  test('the 50,000-GPU cluster as the run that trained R1 is a deprecated figure with its reason', () => {
    const claim = kb.figure('r1-gpu-count-50000-claim');
    expect(claim?.rank).toBe('deprecated');
    expect(claim?.deprecated_reason?.en).toMatch(/512 H800/);
    expect(kb.figure('r1-gpu-count')?.rank).toBe('preferred');
  });

  test('the 80-hour arithmetic is explained with the number it really gives', () => {
    const reason = kb
      .figure('r1-training-hours')
      ?.disputes.find((d) => d.citations[0]?.source === 'mestios-2025-09-19');
    expect(reason?.conflates).toEqual(['r1-training-cost']);
    expect(reason?.reason.en).toContain('$82,000');
    expect(reason?.reason.id).toContain('US$82.000');
  });

  test('the H100 share is never stated as fact: the figure is disputed and its scope says allegation', () => {
    const f = kb.figure('deepseek-gpu-holdings');
    expect(f?.status).toBe('disputed');
    expect(f?.scope.en).toMatch(/allegation/);
    expect(kb.figure('deepseek-chip-access-allegation')?.status).toBe('disputed');
  });
});
