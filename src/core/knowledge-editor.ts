import type { Logger } from 'pino';
import { z } from 'zod';
import { KnowledgeIndex } from '../knowledge/index.js';
import { applyEdits, EditSchema, type Edit } from '../knowledge/overlay.js';
import {
  DisputeSchema,
  FigureSchema,
  SourceSchema,
  type Figure,
  type Knowledge,
} from '../knowledge/schema.js';
import type { Actor, KeyValue } from './command.js';
import { KnowledgeError, UserError } from './errors.js';

const EDITS_KEY = 'kb:edits';
// Bumped with every change, so other processes sharing the store notice with one small read.
const REVISION_KEY = 'kb:revision';
const EditsSchema = z.array(EditSchema);

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

export interface KnowledgeEditorDeps {
  kv: KeyValue;
  /** Reads and validates the files (the loader). */
  loadFiles: () => Promise<Knowledge>;
  /** Called with every new snapshot, to swap it into the core. */
  publish: (kb: KnowledgeIndex) => void;
  /** Called once per recorded change, after it is served (update notices). */
  onChange?: (edit: Edit) => Promise<unknown>;
  logger: Logger;
}

/**
 * Moderators' changes, kept in the store as an ordered log layered over the files: every change is
 * validated by the knowledge schema, recorded with who, when, before, after and why, and reversible.
 */
export function createKnowledgeEditor(deps: KnowledgeEditorDeps) {
  let files: Knowledge | undefined;
  let seenRevision: unknown;

  async function edits(): Promise<Edit[]> {
    const parsed = EditsSchema.safeParse((await deps.kv.get(EDITS_KEY)) ?? []);
    if (!parsed.success) {
      deps.logger.error(
        { issues: parsed.error.issues.slice(0, 5) },
        'stored knowledge changes are unreadable; serving the files only',
      );
      return [];
    }
    return parsed.data;
  }

  /**
   * Re-reads the files (or takes `base`, already read) and the stored changes and publishes the result;
   * on failure the served knowledge stays as it was.
   */
  async function reload(base_?: Knowledge): Promise<KnowledgeIndex> {
    seenRevision = await deps.kv.get(REVISION_KEY);
    const base = base_ ?? (await deps.loadFiles());
    const kb = new KnowledgeIndex(applyEdits(base, await edits()));
    files = base;
    deps.publish(kb);
    return kb;
  }

  /** The knowledge as the shared store has it now (another process may have changed it); no index is built. */
  async function current(): Promise<{ log: Edit[]; knowledge: Knowledge }> {
    files ??= await deps.loadFiles();
    const log = await edits();
    return { log, knowledge: applyEdits(files, log) };
  }

  const figureIn = (k: Knowledge, id: string) => k.figures.find((f) => f.id === id);

  /** The current state and one of its figures, or a "no such figure" answer. */
  async function currentFigure(figureId: string): Promise<{ log: Edit[]; figure: Figure }> {
    const { log, knowledge } = await current();
    const figure = figureIn(knowledge, figureId);
    if (!figure) throw new UserError('kbUnknownFigure', { figure: figureId });
    return { log, figure };
  }

  /**
   * Appends a change unless someone changed the same figure since `seen` (the log length read first):
   * the second of two concurrent edits gets "changed meanwhile" instead of silently overwriting.
   */
  async function append(seen: number, edit: Omit<Edit, 'id' | 'at'>): Promise<Edit> {
    const log = await edits();
    if (log.slice(seen).some((e) => e.figure === edit.figure))
      throw new UserError('kbChangedMeanwhile', { figure: edit.figure });
    const full: Edit = { ...edit, id: `c${log.length + 1}`, at: new Date().toISOString() };
    const next = [...log, full];
    const base = files ?? (await deps.loadFiles());
    let kb: KnowledgeIndex;
    try {
      kb = new KnowledgeIndex(applyEdits(base, next));
    } catch (err) {
      if (err instanceof KnowledgeError)
        throw new UserError('kbInvalid', { problem: err.issues[0]?.message ?? '' });
      throw err;
    }
    await deps.kv.set(EDITS_KEY, next);
    await deps.kv.set(REVISION_KEY, next.length);
    seenRevision = next.length;
    deps.publish(kb);
    deps.logger.info(
      { change: full.id, figure: full.figure, action: full.action, who: full.who },
      'knowledge changed',
    );
    await deps.onChange?.(full).catch((err: unknown) => deps.logger.warn({ err }, 'update notices failed'));
    return full;
  }

  function who(actor: Actor): Edit['who'] {
    return {
      platform: actor.platform,
      userId: actor.userId,
      ...(actor.name !== undefined && { name: actor.name }),
    };
  }

  /** Applies changes other processes made to the shared store since we last looked. */
  async function refreshIfChanged(): Promise<boolean> {
    const revision = await deps.kv.get(REVISION_KEY);
    if (revision === seenRevision) return false;
    seenRevision = revision;
    files ??= await deps.loadFiles();
    deps.publish(new KnowledgeIndex(applyEdits(files, await edits())));
    return true;
  }

  return {
    reload,
    refreshIfChanged,
    /**
     * Checks the shared store every `intervalMs` (default 1 s) so that a change made by another bot
     * process (same Redis or SQLite file) is served here within about a second.
     * @returns a function that stops checking
     */
    followOtherProcesses(intervalMs = 1000): () => void {
      const timer = setInterval(() => {
        refreshIfChanged().catch((err: unknown) =>
          deps.logger.warn({ err }, 'could not check for knowledge changes'),
        );
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    /** Sets one field of a figure; the result must pass the same schema as the files. */
    async edit(actor: Actor, figureId: string, field: string, text: string, reason: string): Promise<Edit> {
      const { log, figure } = await currentFigure(figureId);
      const change = EDITABLE[field];
      if (!change) throw new UserError('kbBadField', { field, fields: EDITABLE_FIELDS.join(', ') });
      const parsed = FigureSchema.safeParse(change(figure, text));
      if (!parsed.success)
        throw new UserError('kbInvalidValue', {
          field,
          problem: parsed.error.issues[0]?.message ?? 'invalid',
        });
      return append(log.length, {
        who: who(actor),
        action: 'edit',
        figure: figureId,
        before: figure,
        after: parsed.data,
        reason,
      });
    },
    /** Adds a new figure given as YAML or JSON; it must pass the schema and cite at least one known source. */
    async add(actor: Actor, payload: unknown, reason: string): Promise<Edit> {
      const { log, knowledge } = await current();
      const parsed = FigureSchema.safeParse(payload);
      if (!parsed.success) throw invalid(parsed.error.issues[0]);
      if (figureIn(knowledge, parsed.data.id))
        throw new UserError('kbFigureExists', { figure: parsed.data.id });
      return append(log.length, {
        who: who(actor),
        action: 'add',
        figure: parsed.data.id,
        before: null,
        after: parsed.data,
        reason,
      });
    },
    /** Attaches the other side of a disagreement (its claim, citations and why they differ) to a figure. */
    async dispute(actor: Actor, figureId: string, payload: unknown, reason: string): Promise<Edit> {
      const { log, figure } = await currentFigure(figureId);
      const parsed = DisputeSchema.safeParse(payload);
      if (!parsed.success) throw invalid(parsed.error.issues[0], 'disputes');
      const after = { ...figure, disputes: [...figure.disputes, parsed.data] };
      return append(log.length, {
        who: who(actor),
        action: 'dispute',
        figure: figureId,
        before: figure,
        after,
        reason,
      });
    },
    /** Removes dispute number `n` (1-based, as listed) once it is settled. */
    async resolve(actor: Actor, figureId: string, n: number, reason: string): Promise<Edit> {
      const { log, figure } = await currentFigure(figureId);
      if (!Number.isInteger(n) || n < 1 || n > figure.disputes.length) {
        throw new UserError('kbUnknownDispute', { figure: figureId, count: figure.disputes.length });
      }
      const disputes = figure.disputes.filter((_, i) => i !== n - 1);
      // A figure left with no disputes cannot stay "disputed".
      const status = disputes.length === 0 && figure.status === 'disputed' ? 'reported' : figure.status;
      return append(log.length, {
        who: who(actor),
        action: 'resolve',
        figure: figureId,
        before: figure,
        after: { ...figure, disputes, status },
        reason,
      });
    },
    /** Adds a new article (outlet, title, url, date, language) that figures can then cite. */
    async addSource(actor: Actor, payload: unknown, reason: string): Promise<Edit> {
      const { log, knowledge } = await current();
      const parsed = SourceSchema.safeParse(payload);
      if (!parsed.success) throw invalid(parsed.error.issues[0], 'source');
      if (knowledge.sources.some((x) => x.id === parsed.data.id))
        throw new UserError('kbFigureExists', { figure: parsed.data.id });
      return append(log.length, {
        who: who(actor),
        action: 'source_add',
        figure: parsed.data.id,
        before: null,
        after: null,
        source: parsed.data,
        reason,
      });
    },
    /** Marks a figure retracted: it stays visible, flagged, with its history. */
    async retract(actor: Actor, figureId: string, reason: string): Promise<Edit> {
      const { log, figure } = await currentFigure(figureId);
      return append(log.length, {
        who: who(actor),
        action: 'retract',
        figure: figureId,
        before: figure,
        after: { ...figure, status: 'retracted' },
        reason,
      });
    },
    /** Restores the figure as it was before a change; the undo is itself a recorded change. */
    async undo(actor: Actor, changeId: string, reason: string): Promise<Edit> {
      const { log, knowledge } = await current();
      const target = log.find((e) => e.id === changeId);
      if (!target) throw new UserError('kbUnknownChange', { change: changeId });
      return append(log.length, {
        who: who(actor),
        action: 'undo',
        figure: target.figure,
        before: figureIn(knowledge, target.figure) ?? null,
        after: target.before,
        reason,
        undoes: target.id,
      });
    },
    /** Every recorded change of a figure, oldest first. */
    async history(figureId: string): Promise<Edit[]> {
      return (await edits()).filter((e) => e.figure === figureId);
    },
  };
}

export type KnowledgeEditor = ReturnType<typeof createKnowledgeEditor>;
