import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { figuresMaybeOfStage, stageOf } from '../../src/core/check/ratios.js';
import { wordPattern } from '../../src/core/check/vocabulary.js';
import { loadCompiledKnowledge } from '../../src/knowledge/compiled.js';
import { amountRanges, type KnowledgeSet } from '../../src/knowledge/figure-store.js';
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { applyEdits, type Edit } from '../../src/knowledge/overlay.js';
import { PropertySchema, type Figure } from '../../src/knowledge/schema.js';
import { KNOWLEDGE_DIR } from '../helpers.js';

const ids = (figures: readonly Figure[]) => figures.map((f) => f.id);
const linked = (f: Figure) => [
  f.subject,
  ...f.also_about,
  ...(f.value.type === 'amount'
    ? [...(f.value.chip !== undefined ? [f.value.chip] : []), ...f.value.breakdown.map((b) => b.chip)]
    : []),
];

/** A moderator's edit, a removal and an addition, so that the overlaid store's lookups are exercised too. */
function edits(files: KnowledgeSet): Edit[] {
  const all = [...files.figures];
  const edited = all.find((f) => f.id === 'r1-training-cost');
  const removed = all.find((f) => f.relations.length > 0 && f.id !== edited?.id);
  if (!edited || !removed) throw new Error('the seed figures changed');
  const change = (
    action: Edit['action'],
    figure: string,
    before: Figure | null,
    after: Figure | null,
  ): Edit => ({
    id: `c${figure.length}${action.length}`,
    at: '2026-11-30T00:00:00.000Z',
    who: { platform: 'console', userId: 'test' },
    action,
    figure,
    before,
    after,
    reason: 'lookup test',
  });
  const disputed: Figure = {
    ...edited,
    // Another property too, so that what is found by property follows the edit.
    property: PropertySchema.options.find((p) => p !== edited.property) ?? edited.property,
    status: 'reported',
    scope: { ...edited.scope, en: 'The final R1 stage alone.' },
  };
  const added: Figure = {
    ...edited,
    id: 'lookup-test-added',
    subject: 'deepseek-v3',
    relations: removed.relations,
  };
  return [
    change('edit', edited.id, edited, disputed),
    change('retract', removed.id, removed, null),
    change('add', added.id, null, added),
  ];
}

describe('the knowledge finds figures by lookup exactly as reading every figure would', async () => {
  const files = await loadKnowledge(KNOWLEDGE_DIR);
  const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-lookups-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  await cp(KNOWLEDGE_DIR, path.join(dir, 'knowledge'), { recursive: true });
  const compiled = await loadCompiledKnowledge(path.join(dir, 'knowledge'), path.join(dir, 'data'));
  const sets: [string, KnowledgeSet][] = [
    ['in memory', files],
    ['compiled', compiled],
    ['compiled, with moderators’ changes', applyEdits(compiled, edits(compiled))],
    ['in memory, with moderators’ changes', applyEdits(files, edits(files))],
  ];

  describe.each(sets)('%s', (_, set) => {
    const kb = new KnowledgeIndex(set);
    const all = [...kb.figures];

    test('by subject, mention, link, property, relations and value type', () => {
      for (const e of kb.entities) {
        expect(ids(kb.figuresWithSubject(e.id)), e.id).toEqual(ids(all.filter((f) => f.subject === e.id)));
        expect(ids(kb.figuresMentioning(e.id)), e.id).toEqual(
          ids(all.filter((f) => f.subject === e.id || f.also_about.includes(e.id))),
        );
        expect(ids(kb.figuresLinking(e.id)), e.id).toEqual(ids(all.filter((f) => linked(f).includes(e.id))));
      }
      for (const p of PropertySchema.options)
        expect(ids(kb.figuresWithProperty(p)), p).toEqual(ids(all.filter((f) => f.property === p)));
      expect(ids(kb.figuresWithRelations())).toEqual(ids(all.filter((f) => f.relations.length > 0)));
      expect(ids(kb.figuresValued('date', 'text'))).toEqual(
        ids(all.filter((f) => f.value.type !== 'amount')),
      );
    });

    test('about a subject, of some properties: the figures about it that have one of them', () => {
      for (const e of kb.entities) {
        const about = kb.figuresAbout(e.id);
        for (const p of PropertySchema.options) {
          const asked = new Set([p, 'training_cost' as const]);
          expect(ids(kb.figuresAbout(e.id, asked)), `${e.id} ${p}`).toEqual(
            ids(about.filter((f) => asked.has(f.property))),
          );
          expect(kb.hasFiguresAbout(e.id, new Set([p])), `${e.id} ${p}`).toBe(
            about.some((f) => f.property === p),
          );
        }
      }
    });

    test('a figure read from the snapshot is its own; another version of it, or a copy, is not', () => {
      for (const f of all.slice(0, 50)) {
        const read = kb.figure(f.id);
        expect(read && kb.holds(read), f.id).toBe(true);
        expect(kb.holds({ ...f }), f.id).toBe(false);
      }
      // The edit's before and after: only the version this snapshot serves is its own.
      for (const edit of edits(set)) {
        const served = kb.figure(edit.figure);
        for (const version of [edit.before, edit.after])
          if (version) expect(kb.holds(version), edit.id).toBe(version === served);
      }
    });

    test('by scope words and stage: every figure the patterns match is found', () => {
      for (const e of kb.entities) {
        const named = wordPattern([e.name, ...e.aliases.en]);
        const found = new Set(ids(kb.figuresWithScopeWords([e.name, ...e.aliases.en])));
        for (const f of all.filter((g) => named.test(g.scope.en)))
          expect(found, `${e.id} in ${f.id}`).toContain(f.id);
      }
      for (const stage of ['zero', 'final', 'sft', 'total'] as const) {
        const found = new Set(ids(figuresMaybeOfStage(kb, stage)));
        const staged = all.filter((f) => stageOf(f) === stage);
        expect(staged.length, stage).toBeGreaterThan(0);
        for (const f of staged) expect(found, `${stage}: ${f.id}`).toContain(f.id);
      }
    });

    test('by amount: every figure is found at each end of its amounts, and nothing far from them', () => {
      for (const f of all) {
        for (const [low, high] of amountRanges(f)) {
          expect(ids(kb.figuresWithAmountIn([[low, low]])), f.id).toContain(f.id);
          if (Number.isFinite(high))
            expect(ids(kb.figuresWithAmountIn([[high, high]])), f.id).toContain(f.id);
        }
      }
      const far = kb.figuresWithAmountIn([[123_456_789.5, 123_456_789.75]]);
      expect(
        far.filter((f) => amountRanges(f).some(([a, b]) => a <= 123_456_790 && b >= 123_456_789)),
      ).toEqual(far);
    });

    test('/disputed’s order and /sources’ counts come from lookups, as from the figures', () => {
      const featured = new Set(kb.featured().map((e) => e.id));
      const expected = all
        .map((f, i) => ({ f, i }))
        .filter(
          ({ f }) =>
            f.rank !== 'deprecated' &&
            (f.disputes.length > 0 || f.status === 'disputed' || f.status === 'contradicted'),
        )
        .sort(
          (a, b) =>
            Number(a.f.status !== 'disputed') - Number(b.f.status !== 'disputed') ||
            Number(!featured.has(a.f.subject)) - Number(!featured.has(b.f.subject)) ||
            a.i - b.i,
        )
        .map(({ f }) => f.id);
      expect(ids(kb.disputedFigures())).toEqual(expected);
      expect(ids(kb.disputedRange().slice(4, 8))).toEqual(expected.slice(4, 8));
      for (const s of kb.sources) {
        expect(kb.citingCount(s.id), s.id).toBe(kb.figuresCiting(s.id).length);
        expect(ids(kb.citingRange(s.id).slice(0, 4)), s.id).toEqual(ids(kb.figuresCiting(s.id).slice(0, 4)));
      }
    });
  });
});
