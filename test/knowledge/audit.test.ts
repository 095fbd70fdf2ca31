// Pins each finding of the knowledge audit (2026-11-30) so that none can come back.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../../src/core/core.js';
import type { KnowledgeIndex } from '../../src/knowledge/index.js';
import { ask, expectKind, realKnowledge, testCore } from '../helpers.js';

let kb: KnowledgeIndex;
let core: Core;
beforeAll(async () => {
  kb = await realKnowledge();
  core = await testCore();
});

const first = async (q: string, locale: 'en' | 'id' = 'en') =>
  expectKind(await ask(core, q, locale), 'figures').figures[0];
const verdict = async (statement: string, locale: 'en' | 'id' = 'en') =>
  expectKind(await ask(core, `/check ${statement}`, locale), 'check').verdict;
const allText = (k: KnowledgeIndex) =>
  JSON.stringify(k.figures) + JSON.stringify(k.entities) + JSON.stringify(k.sources);

describe('errors that gave users wrong answers', () => {
  test('1. R2 was only planned for May 2025: no release is stated, and /check does not support one', async () => {
    const r2 = await first('/fact when is r2 release');
    expect([r2?.property, r2?.basisLabel]).toEqual(['planned_release', 'planned']);
    expect(await verdict('R2 was released in May 2025')).not.toMatch(/supported|mostly_accurate/);
    expect(await verdict('R2 was planned for release in May 2025')).toBe('supported');
  });

  test('2. R1 was released in January 2025; 17 September 2025 is when its cost was made public', async () => {
    const release = await first('/fact when was r1 released');
    expect([release?.property, release?.value]).toEqual(['release', 'January 2025']);
    expect(await verdict('DeepSeek R1 dirilis 17 September 2025', 'id')).not.toMatch(
      /supported|mostly_accurate/,
    );
    expect(kb.figure('r1-cost-announcement-date')?.citations.map((c) => c.source)).toEqual([
      'nature-2025-09-17',
    ]);
  });

  test('4. the 50,000 figure is not credited to the FT, and no unnamed analyst is invoked', () => {
    expect(kb.figure('deepseek-gpu-holdings')?.scope.en).not.toMatch(/Financial Times/);
    expect(allText(kb)).not.toMatch(/analyst|perkiraan analis/);
  });

  test('5. R2 on Ascend for inference is a plan, not a fact', () => {
    expect(kb.figure('r2-inference-hardware')?.basis).toBe('planned');
  });

  test('6. TrenAsia’s correct 80-hour sentence is never cited as the side in error', () => {
    for (const f of kb.figures)
      for (const d of f.disputes)
        if (d.kind === 'error' || d.conflates.length > 0)
          expect(
            d.citations.map((c) => c.source),
            f.id,
          ).not.toContain('trenasia-2025-09-19');
  });

  test('8. every confirmed figure cites a primary source', () => {
    const primary = new Set(kb.sources.filter((s) => s.kind === 'primary').map((s) => s.id));
    for (const f of kb.figures.filter((x) => x.status === 'confirmed'))
      expect(
        f.citations.some((c) => primary.has(c.source)),
        f.id,
      ).toBe(true);
  });

  test('9. only edge computing is unsupported; transfer learning and parallelism are not disputed', () => {
    expect(kb.figure('r1-cost-strategies')?.status).toBe('reported');
    expect(kb.figure('r1-edge-computing-claim')?.disputes[0]?.kind).toBe('unsupported');
    expect(JSON.stringify(kb.figure('r1-edge-computing-claim'))).not.toMatch(/data centre|pusat data/);
  });

  test('10–12. distillation, the diffusion rule and the "move" say what the articles say', () => {
    expect(kb.figure('deepseek-distillation')?.disputes[0]?.reason.en).not.toMatch(/contests/);
    expect(kb.figure('deepseek-distillation')?.disputes[0]?.reason.id).not.toMatch(/dibantah/);
    expect(kb.entity('ai-diffusion-rule')?.description.en).not.toMatch(/proposed/);
    expect(kb.figure('sea-rented-capacity')?.disputes[0]?.citations.map((c) => c.where)).toEqual([
      'headline',
      'first paragraph',
    ]);
  });

  test('13. local chips are not filed under Huawei Ascend, and /fact huawei does not open with them', async () => {
    expect(kb.figure('china-local-chips-inference')?.subject).toBe('chinese-local-chips');
    expect((await first('/fact huawei'))?.id).not.toBe('china-local-chips-inference');
  });

  test('14. the $2 per GPU-hour is DeepSeek’s assumption and never leads /chips h800 or /cost nvidia as fact', async () => {
    expect(kb.figure('h800-rental-price')?.basis).toBe('assumed');
    expect((await first('/chips h800'))?.id).toBe('r1-gpu-count');
    expect((await first('/cost nvidia'))?.basisLabel).toBe('assumed');
  });

  test('15–17. scopes, precision and dates say no more than the sources', () => {
    expect(kb.figure('r1-gpu-count')?.scope.en).not.toMatch(/separate/);
    expect(kb.figure('r1-training-hours')?.scope.en).toMatch(/R1-Zero stage on its own took about 198 hours/);
    const early = kb.figure('r1-cost-announcement-date')?.disputes[0]?.value;
    expect(early?.type === 'date' && early.date).toBe('2023');
    for (const id of [
      'anthropic-training-cost-now',
      'anthropic-training-cost-soon',
      'anthropic-ceo-cost-forecast',
    ])
      expect(kb.figure(id)?.dated_by_report, id).toBe(true);
  });
});

describe('Indonesian wording', () => {
  test.each([
    'Masih berlatih di dalam negeri',
    '198 jam lagi',
    ' latihan skala besar',
    'sesi pelatihan',
    'milik R1',
    'model dasar di bawah R1',
    'versi terbatas',
    'Llama (Meta) yang sumber terbuka',
    'jurnal bergengsi Nature (',
  ])('no longer says “%s”', (phrase) => {
    const ours =
      JSON.stringify(
        kb.figures.map((f) => [
          f.value.type === 'text' ? f.value.text.id : '',
          f.scope.id,
          f.summary?.id ?? '',
        ]),
      ) + JSON.stringify(kb.entities.map((e) => e.description.id));
    expect(ours).not.toContain(phrase);
  });

  test('a wording dispute reads “redaksi berbeda” in Indonesian', async () => {
    const a = expectKind(await ask(core, '/chips sea-data-centres', 'id'), 'figures');
    expect(a.figures.flatMap((f) => f.disputes.map((d) => d.kindLabel))).toContain('redaksi berbeda');
  });
});

describe('gaps the audit found', () => {
  test('/cost r1 zero, /chips a100 and /chips h20 answer', async () => {
    expect((await first('/cost r1 zero'))?.value).toBe('about $202,000');
    const a100 = expectKind(await ask(core, '/chips a100', 'en'), 'figures').figures.map((f) => f.id);
    expect(a100).toEqual(expect.arrayContaining(['r1-prep-a100', 'deepseek-a100-cluster']));
    const h20 = expectKind(await ask(core, '/chips h20', 'en'), 'figures').figures;
    expect(h20.find((f) => f.id === 'deepseek-gpu-holdings')?.breakdown).toMatch(/30,000 Nvidia H20/);
  });

  test('“Try also” offers only commands that have an answer', async () => {
    for (const q of ['/cost gpt4', '/cost r2', '/chips gpt4', '/chips huawei', '/cost huawei']) {
      const a = await ask(core, q, 'en');
      for (const s of a.suggestions.filter((x) => /^\/(cost|chips) /.test(x))) {
        const follow = expectKind(await ask(core, s, 'en'), 'figures');
        expect(follow.figures.length, `${q} suggests ${s}`).toBeGreaterThan(0);
      }
    }
  });
});
