import { z } from 'zod';
import { KnowledgeError } from './errors.js';
import { crossCheck } from './cross-check.js';
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
 * @throws KnowledgeError when the result breaks a reference (a change can never make the knowledge invalid)
 */
export function applyEdits(base: Knowledge, edits: readonly Edit[]): Knowledge {
  const figures = new Map<string, Figure>(base.figures.map((f) => [f.id, f]));
  const sources = new Map<string, Source>(base.sources.map((s) => [s.id, s]));
  for (const e of edits) {
    if (e.source) sources.set(e.source.id, e.source);
    else if (e.after === null) figures.delete(e.figure);
    else figures.set(e.figure, e.after);
  }
  const knowledge: Knowledge = { ...base, sources: [...sources.values()], figures: [...figures.values()] };
  const issues = crossCheck(knowledge, () => undefined);
  if (issues.length > 0) throw new KnowledgeError(issues.map((i) => ({ ...i, file: '(moderator changes)' })));
  return knowledge;
}
