import type { z } from 'zod';
import type { Edit } from '../knowledge/overlay.js';
import { isFigureStore, type KnowledgeSet } from '../knowledge/figure-store.js';
import { DisputeSchema, FigureSchema, SourceSchema, type Figure } from '../knowledge/schema.js';
import { UserError } from './errors.js';

/**
 * What each moderator action changes, as a draft checked by the knowledge schema: pure functions of
 * the current knowledge, so the editor only has to record them (who, when, why) atomically.
 */
export type ChangeDraft = Omit<Edit, 'id' | 'at' | 'who' | 'reason'>;

/** Fields a moderator can change from chat, with how the text they type becomes the new value. */
const EDITABLE: Readonly<Record<string, (figure: Figure, text: string) => unknown>> = {
  status: (f, text) => ({ ...f, status: text }),
  'scope.en': (f, text) => ({ ...f, scope: { ...f.scope, en: text } }),
  'scope.id': (f, text) => ({ ...f, scope: { ...f.scope, id: text } }),
  as_of: (f, text) => ({ ...f, as_of: text }),
  'value.original': (f, text) => ({ ...f, value: { ...f.value, original: text } }),
  'value.amount': (f, text) => ({ ...f, value: { ...f.value, amount: Number(text.replace(/[,_\s]/g, '')) } }),
  'value.en': (f, text) =>
    f.value.type === 'text' ? { ...f, value: { ...f.value, text: { ...f.value.text, en: text } } } : f,
  'value.id': (f, text) =>
    f.value.type === 'text' ? { ...f, value: { ...f.value, text: { ...f.value.text, id: text } } } : f,
};
/** The fields `/kb edit` accepts, for its help and error messages. */
export const EDITABLE_FIELDS = Object.keys(EDITABLE);

/** The first schema problem as a user error naming the field, e.g. `citations: every figure needs at least one citation`. */
function invalid(issue: z.core.$ZodIssue | undefined, prefix?: string): UserError {
  const path = issue?.path.filter((k) => typeof k !== 'symbol').join('.') ?? '';
  const field = [prefix, path].filter(Boolean).join('.') || '(figure)';
  return new UserError('kbInvalidValue', { field, problem: issue?.message ?? 'invalid' });
}

/** A figure of the knowledge by id. */
export function figureIn(k: KnowledgeSet, id: string): Figure | undefined {
  if (!isFigureStore(k.figures)) return k.figures.find((f) => f.id === id);
  const ordinal = k.figures.ordinalOf(id);
  return ordinal === undefined ? undefined : k.figures.get(ordinal);
}

/** Sets one field of a figure; the result must pass the same schema as the files. */
export function editFigure(figure: Figure, field: string, text: string): ChangeDraft {
  const change = EDITABLE[field];
  if (!change) throw new UserError('kbBadField', { field, fields: EDITABLE_FIELDS.join(', ') });
  const parsed = FigureSchema.safeParse(change(figure, text));
  if (!parsed.success)
    throw new UserError('kbInvalidValue', { field, problem: parsed.error.issues[0]?.message ?? 'invalid' });
  return { action: 'edit', figure: figure.id, before: figure, after: parsed.data };
}

/** A new figure given as YAML or JSON; its id must be new. */
export function addFigure(knowledge: KnowledgeSet, payload: unknown): ChangeDraft {
  const parsed = FigureSchema.safeParse(payload);
  if (!parsed.success) throw invalid(parsed.error.issues[0]);
  if (figureIn(knowledge, parsed.data.id)) throw new UserError('kbFigureExists', { figure: parsed.data.id });
  return { action: 'add', figure: parsed.data.id, before: null, after: parsed.data };
}

/** The other side of a disagreement attached to a figure. */
export function disputeFigure(figure: Figure, payload: unknown): ChangeDraft {
  const parsed = DisputeSchema.safeParse(payload);
  if (!parsed.success) throw invalid(parsed.error.issues[0], 'disputes');
  return {
    action: 'dispute',
    figure: figure.id,
    before: figure,
    after: { ...figure, disputes: [...figure.disputes, parsed.data] },
  };
}

/** Removes dispute number `n` (1-based, as listed); a figure left with none cannot stay "disputed". */
export function resolveDispute(figure: Figure, n: number): ChangeDraft {
  if (!Number.isInteger(n) || n < 1 || n > figure.disputes.length) {
    throw new UserError('kbUnknownDispute', { figure: figure.id, count: figure.disputes.length });
  }
  const disputes = figure.disputes.filter((_, i) => i !== n - 1);
  const status = disputes.length === 0 && figure.status === 'disputed' ? 'reported' : figure.status;
  return { action: 'resolve', figure: figure.id, before: figure, after: { ...figure, disputes, status } };
}

/** A new article that figures can then cite; its id must be new. */
export function addSource(knowledge: KnowledgeSet, payload: unknown): ChangeDraft {
  const parsed = SourceSchema.safeParse(payload);
  if (!parsed.success) throw invalid(parsed.error.issues[0], 'source');
  if (knowledge.sources.some((x) => x.id === parsed.data.id))
    throw new UserError('kbFigureExists', { figure: parsed.data.id });
  return { action: 'source_add', figure: parsed.data.id, before: null, after: null, source: parsed.data };
}

/** A figure marked retracted: it stays visible, flagged, with its history. */
export function retractFigure(figure: Figure): ChangeDraft {
  return { action: 'retract', figure: figure.id, before: figure, after: { ...figure, status: 'retracted' } };
}

/** The figure as it was before change `changeId`; the undo is itself a change. */
export function undoChange(log: readonly Edit[], knowledge: KnowledgeSet, changeId: string): ChangeDraft {
  const target = log.find((e) => e.id === changeId);
  if (!target) throw new UserError('kbUnknownChange', { change: changeId });
  return {
    action: 'undo',
    figure: target.figure,
    before: figureIn(knowledge, target.figure) ?? null,
    after: target.before,
    undoes: target.id,
  };
}
