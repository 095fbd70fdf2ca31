import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { SHORT_CODE_LENGTH, type KnowledgeIndex } from '../../src/knowledge/index.js';
import { aliasKey } from '../../src/knowledge/text.js';
import { realKnowledge } from '../helpers.js';

let kb: KnowledgeIndex;
beforeAll(async () => {
  kb = await realKnowledge();
});

const resolvedId = (query: string) => {
  const r = kb.resolveSubject(query);
  return r.kind === 'entity' ? r.entity.id : r.kind;
};

describe('resolving subjects', () => {
  test.each([
    ['r1', 'deepseek-r1'],
    ['R1', 'deepseek-r1'],
    ['deepseek-r1', 'deepseek-r1'],
    ['DeepSeek R1', 'deepseek-r1'],
    ['  deepseek_R1 ', 'deepseek-r1'],
    ['deepseek', 'deepseek'],
    ['gpt4', 'gpt-4'],
    ['gpt-4', 'gpt-4'],
    ['GPT 4', 'gpt-4'],
    ['gpt-4o', 'gpt-4o'],
    ['v3', 'deepseek-v3'],
    ['r2', 'deepseek-r2'],
    ['h800', 'nvidia-h800'],
    ['ascend', 'huawei-ascend'],
    ['alibaba', 'alibaba'],
    ['bytedance', 'bytedance'],
    ['aturan difusi ai', 'ai-diffusion-rule'],
    ['larangan ekspor', 'us-export-controls-2022'],
  ])('%s resolves to %s', (query, id) => {
    expect(resolvedId(query)).toBe(id);
  });

  test('zero-width characters and full-width letters do not get in the way', () => {
    expect(resolvedId('r\u200B1')).toBe('deepseek-r1');
    expect(resolvedId('ｒ１')).toBe('deepseek-r1');
  });

  test('long names tolerate a typo and say so', () => {
    const r = kb.resolveSubject('antrhopic');
    expect(r.kind === 'entity' && [r.entity.id, r.via]).toEqual(['anthropic', 'fuzzy']);
    expect(resolvedId('bytedanse')).toBe('bytedance');
  });

  test('short codes never match fuzzily: r3, v4, h900 and gpt5 are not found', () => {
    for (const code of ['r3', 'v4', 'h900', 'gpt5', 'a200']) expect(resolvedId(code), code).toBe('not_found');
  });

  test('a typo in a long name never changes its model number', () => {
    expect(resolvedId('deepseek v4')).toBe('not_found');
    expect(resolvedId('deepseek-r3')).toBe('not_found');
  });

  test('an ambiguous name lists the choices instead of picking one', () => {
    const r = kb.resolveSubject('gpt');
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && r.choices.map((e) => e.id).sort()).toEqual(['gpt-4', 'gpt-4o']);
  });

  test('an unknown name is not found, with close suggestions and never a guess', () => {
    const r = kb.resolveSubject('deepsek r1');
    expect(r.kind === 'entity' && r.entity.id).toBe('deepseek-r1');
    const miss = kb.resolveSubject('llama 3 405b');
    expect(miss.kind).toBe('not_found');
    const none = kb.resolveSubject('🦄🦄');
    expect(none.kind === 'not_found' && none.suggestions.length).toBeGreaterThan(0);
  });

  test('PROPERTY: any alias with changed case, spaces or hyphens resolves to its entity', () => {
    const pairs = kb.entities.flatMap((e) =>
      [...e.aliases.en, ...e.aliases.id].map((a) => [a, e.id] as const),
    );
    const unambiguous = pairs.filter(([a]) =>
      pairs
        .filter(([b]) => aliasKey(b) === aliasKey(a))
        .every(([, id]) => id === pairs.find(([c]) => c === a)?.[1]),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...unambiguous),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.constantFrom(' ', '-', '_', '  '),
        ([alias, id], flips, sep) => {
          const variant = Array.from(alias)
            .map((ch, i) => (flips[i] ? ch.toUpperCase() : ch))
            .join('')
            .replace(/[\s-]/g, sep);
          expect(resolvedId(variant)).toBe(id);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('PROPERTY: changing one character of a short code never resolves to that code’s entity', () => {
    const codes = kb.entities.flatMap((e) =>
      [...e.aliases.en, ...e.aliases.id]
        .filter((a) => aliasKey(a).length <= SHORT_CODE_LENGTH)
        .map((a) => [aliasKey(a), e.id] as const),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.nat(),
        fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz0123456789')),
        ([code, id], at, ch) => {
          const i = at % code.length;
          const changed = code.slice(0, i) + ch + code.slice(i + 1);
          fc.pre(changed !== code && !codes.some(([c]) => c === changed));
          const r = kb.resolveSubject(changed);
          expect(r.kind === 'entity' && r.entity.id === id).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('finding figures', () => {
  test('a firm answers for its models: preferred figures first, deprecated ones last', () => {
    const figures = kb.figuresAbout('deepseek');
    const ids = figures.map((f) => f.id);
    expect(ids).toContain('r1-training-cost');
    // The 512 H800s actually used lead; the disputed 50,000-GPU holdings figure comes after them.
    expect(ids.indexOf('r1-gpu-count')).toBeLessThan(ids.indexOf('deepseek-gpu-holdings'));
    const ranks = figures.map((f) => ({ preferred: 0, normal: 1, deprecated: 2 })[f.rank]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(figures.at(-1)?.rank).toBe('deprecated');
  });

  test('free text in English and Indonesian finds the figure asked about', () => {
    expect(kb.searchFigures('r1 gpu hours')[0]?.property).toBe('gpu_hours');
    expect(kb.searchFigures('biaya latih gpt-4')[0]?.id).toBe('gpt-4-training-cost');
    expect(kb.searchFigures('berapa lama pelatihan r1')[0]?.id).toBe('r1-training-hours');
    expect(kb.searchFigures('huawei engineers').map((f) => f.id)).toContain('huawei-engineers-at-deepseek');
    expect(kb.searchFigures('korea selatan data pengguna')[0]?.id).toBe('south-korea-data-transfer');
    expect(kb.searchFigures('xylophone quantum banana')).toEqual([]);
  });

  test('autocomplete gives at most 25 subjects, matching aliases in both languages', () => {
    expect(kb.completeSubjects('').length).toBeGreaterThan(0);
    expect(kb.completeSubjects('', 25).every((e) => e.featured)).toBe(true);
    expect(kb.completeSubjects('deep').map((e) => e.id)).toEqual(
      expect.arrayContaining(['deepseek', 'deepseek-r1', 'deepseek-v3']),
    );
    expect(kb.completeSubjects('pusat data').map((e) => e.id)).toContain('microsoft-openai-datacentre');
    expect(kb.completeSubjects('a').length).toBeLessThanOrEqual(25);
  });
});

describe('suggestions for a miss', () => {
  test('a mistyped chip code suggests the codes one letter away, never resolving to them', () => {
    const r = kb.resolveSubject('h900');
    expect(r.kind).toBe('not_found');
    expect(
      r.kind === 'not_found' &&
        r.suggestions
          .map((e) => e.id)
          .slice(0, 2)
          .sort(),
    ).toEqual(['nvidia-h100', 'nvidia-h800']);
  });
});
