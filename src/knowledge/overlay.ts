import { z } from 'zod';
import { KnowledgeError } from './errors.js';
import { crossCheck } from './cross-check.js';
import { isFigureStore, type KnowledgeSet } from './figure-store.js';
import { OverlayFigures } from './overlay-figures.js';
import { FigureSchema, SourceSchema, type Figure, type Knowledge, type Source } from './schema.js';

/** One moderator change kept in the store, layered over the files; `after: null` retracts nothing but removes. */
export const EditSchema = z.object({
  id: z.string().regex(/^c\d+$/),
  at: z.iso.datetime(),
  who: z.object({ platform: z.string(), userId: z.string(), name: z.string().optional() }),
  action: z.enum(['add', 'edit', 'dispute', 'resolve', 'retract', 'undo', 'source_add']),
  figure: z.string(),
  before: FigureSchema.nullable(),
  after: FigureSchema.nullable(),
  reason: z.string().min(1),
  /** For `undo`: the change it reverts. */
  undoes: z.string().optional(),
  /** For `source_add`: the new article (its id is in `figure`, which then names a source). */
  source: SourceSchema.optional(),
});
export type Edit = z.infer<typeof EditSchema>;

/**
 * The knowledge with moderators' changes applied in order: each change sets (or removes) one figure.
 * Figures held in a store (compiled knowledge) are overlaid, not copied, and only the changed ones are
 * checked against the rest; the files themselves were checked when they were loaded.
 * @throws KnowledgeError when the result breaks a reference (a change can never make the knowledge invalid)
 */
export function applyEdits(base: KnowledgeSet, edits: readonly Edit[]): KnowledgeSet {
  if (edits.length === 0) return base;
  const changed = new Map<string, Figure | null>();
  const sources = new Map<string, Source>(base.sources.map((s) => [s.id, s]));
  for (const e of edits) {
    if (e.source) sources.set(e.source.id, e.source);
    // Deleting first keeps the order a Map of every figure would have: a re-added figure comes last.
    else if (e.after === null) {
      changed.delete(e.figure);
      changed.set(e.figure, null);
    } else changed.set(e.figure, e.after);
  }
  const merged = { ...base, sources: [...sources.values()] };
  if (!isFigureStore(base.figures)) {
    const figures = new Map<string, Figure>(base.figures.map((f) => [f.id, f]));
    for (const e of edits) {
      if (e.source) continue;
      if (e.after === null) figures.delete(e.figure);
      else figures.set(e.figure, e.after);
    }
    return checked({ ...merged, figures: [...figures.values()] });
  }
  const entities = new Map(base.entities.map((e) => [e.id, e]));
  const figures = new OverlayFigures(base.figures, changed, (id) => entities.get(id));
  const touched = [...changed.values()].filter((f): f is Figure => f !== null);
  checked({ ...merged, figures: touched }, (id) => figures.ordinalOf(id) !== undefined);
  // A removed figure must not be one another figure says it is confused with.
  const removed = new Set([...changed].flatMap(([id, f]) => (f === null ? [id] : [])));
  if (removed.size > 0) {
    const broken = figures.find((f) => f.disputes.some((d) => d.conflates.some((id) => removed.has(id))));
    if (broken)
      throw new KnowledgeError([
        { file: '(moderator changes)', message: `figure "${broken.id}" refers to a removed figure` },
      ]);
  }
  return { ...merged, figures };
}

function checked<K extends Knowledge>(knowledge: K, otherFigure?: (id: string) => boolean): K {
  const issues = crossCheck(knowledge, () => undefined, otherFigure);
  if (issues.length > 0) throw new KnowledgeError(issues.map((i) => ({ ...i, file: '(moderator changes)' })));
  return knowledge;
}
