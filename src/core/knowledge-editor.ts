import type { Logger } from 'pino';
import { KnowledgeIndex } from '../knowledge/index.js';
import { applyEdits, EditSchema, type Edit } from '../knowledge/overlay.js';
import type { KnowledgeSet } from '../knowledge/figure-store.js';
import type { Figure } from '../knowledge/schema.js';
import type { Actor } from './command.js';
import {
  addFigure,
  addSource,
  disputeFigure,
  editFigure,
  figureIn,
  resolveDispute,
  retractFigure,
  undoChange,
  type ChangeDraft,
} from './kb-changes.js';
import { KnowledgeError, UserError } from './errors.js';
import { describeError, StoreUnavailableError } from '../store/health.js';
import type { ChangeLogStore, StoreEvents } from '../store/types.js';

export interface KnowledgeEditorDeps {
  /** The shared, atomic change log. */
  changes: ChangeLogStore;
  /** Announcements to and from other processes sharing the store. */
  events?: StoreEvents;
  /** Reads and validates the files (the loader). */
  loadFiles: () => Promise<KnowledgeSet>;
  /** Called with every new snapshot, to swap it into the core. */
  publish: (kb: KnowledgeIndex) => void;
  /** Called once per recorded change, after it is served (update notices). */
  onChange?: (edit: Edit) => Promise<unknown>;
  logger: Logger;
}

type Draft = Omit<Edit, 'id' | 'at'>;

/**
 * Moderators' changes, kept in the store as an ordered log layered over the files: every change is
 * validated by the knowledge schema, recorded with who, when, before, after and why, and reversible.
 *
 * Each change is one atomic append that also checks the figure's revision, so of two moderators
 * changing the same figure at once one gets "changed meanwhile", and changes of different figures
 * never overwrite each other. This process keeps a copy of the log and reads only what is new.
 */
export function createKnowledgeEditor(deps: KnowledgeEditorDeps) {
  let files: KnowledgeSet | undefined;
  const log: Edit[] = [];
  let lastSeq = 0;
  /** The sequence number of each figure's (or source's) last change: its revision. */
  const revisions = new Map<string, number>();
  let following = false;
  let syncing: Promise<unknown> = Promise.resolve();

  function take(seq: number, body: string): void {
    lastSeq = seq;
    const parsed = EditSchema.safeParse({ ...(JSON.parse(body) as object), id: `c${seq}` });
    if (!parsed.success) {
      deps.logger.error(
        { change: `c${seq}`, issues: parsed.error.issues.slice(0, 3) },
        'a stored knowledge change is unreadable; it is skipped',
      );
      return;
    }
    log.push(parsed.data);
    revisions.set(parsed.data.figure, seq);
  }

  /** Reads the changes recorded since we last looked (one at a time, so none is taken twice); true if any. */
  function sync(): Promise<boolean> {
    const run = syncing.then(async () => {
      const fresh = await deps.changes.since(lastSeq);
      for (const c of fresh) if (c.seq > lastSeq) take(c.seq, c.body);
      return fresh.length > 0;
    });
    // The next read waits for this one, whether it succeeded or not.
    syncing = run.catch(() => undefined);
    return run;
  }

  async function base(): Promise<KnowledgeSet> {
    files ??= await deps.loadFiles();
    return files;
  }

  /** Builds and serves the knowledge as the log has it now. */
  async function serve(): Promise<KnowledgeIndex> {
    const kb = new KnowledgeIndex(applyEdits(await base(), log));
    deps.publish(kb);
    return kb;
  }

  /**
   * Re-reads the files (or takes `base`, already read) and the stored changes and publishes the result;
   * on failure the served knowledge stays as it was. With the store down, the changes known so far are used.
   */
  async function reload(base_?: KnowledgeSet): Promise<KnowledgeIndex> {
    const fresh = base_ ?? (await deps.loadFiles());
    await sync().catch((err: unknown) => {
      if (!(err instanceof StoreUnavailableError)) throw err;
    });
    const kb = new KnowledgeIndex(applyEdits(fresh, log));
    files = fresh;
    deps.publish(kb);
    return kb;
  }

  /** The knowledge as the shared store has it now (another process may have changed it); no index is built. */
  async function current(): Promise<{ log: Edit[]; knowledge: KnowledgeSet }> {
    await sync();
    return { log, knowledge: applyEdits(await base(), log) };
  }

  /** The current state and one of its figures, or a "no such figure" answer. */
  async function currentFigure(figureId: string): Promise<{ log: Edit[]; figure: Figure }> {
    const { log, knowledge } = await current();
    const figure = figureIn(knowledge, figureId);
    if (!figure) throw new UserError('kbUnknownFigure', { figure: figureId });
    return { log, figure };
  }

  /**
   * Records a change unless its figure changed since `current()` was read: the revision check and the
   * append are one atomic step in the store, so the second of two concurrent edits of a figure gets
   * "changed meanwhile" instead of silently overwriting. It is reported recorded only once stored.
   */
  async function append(edit: Draft): Promise<Edit> {
    const expected = revisions.get(edit.figure) ?? 0;
    const at = new Date().toISOString();
    try {
      new KnowledgeIndex(applyEdits(await base(), [...log, { ...edit, id: 'c0', at }]));
    } catch (err) {
      if (err instanceof KnowledgeError)
        throw new UserError('kbInvalid', { problem: err.issues[0]?.message ?? '' });
      throw err;
    }
    const seq = await deps.changes.append(edit.figure, expected, JSON.stringify({ ...edit, at }));
    if (seq === undefined) throw new UserError('kbChangedMeanwhile', { figure: edit.figure });
    const full: Edit = { ...edit, id: `c${seq}`, at };
    // Saved. Serve it now; changes others made in between are read first so the order stays the store's.
    await sync().catch(() => undefined);
    if (lastSeq < seq) take(seq, JSON.stringify({ ...edit, at }));
    try {
      await serve();
    } catch (err) {
      deps.logger.error(
        { change: full.id, cause: describeError(err) },
        'a recorded change could not be served yet',
      );
    }
    deps.logger.info(
      { change: full.id, figure: full.figure, action: full.action, who: full.who },
      'knowledge changed',
    );
    await deps.events
      ?.publish('kb', `change ${seq}`)
      .catch((err: unknown) =>
        deps.logger.warn({ cause: describeError(err) }, 'could not announce a knowledge change'),
      );
    await deps.onChange?.(full).catch((err: unknown) => deps.logger.warn({ err }, 'update notices failed'));
    return full;
  }

  /** Serves changes other processes made since we last looked; true if there were any. */
  async function refresh(): Promise<boolean> {
    if (!(await sync())) return false;
    await serve();
    return true;
  }

  const logFailure = (what: string) => (err: unknown) =>
    deps.logger.warn({ cause: describeError(err) }, what);
  // Processes watching one folder all announce the same edit: announcements arriving during a reload
  // are served by one more reload after it, not one each.
  let reloading = false;
  let reloadAgain = false;
  function reloadAnnounced(): void {
    if (reloading) {
      reloadAgain = true;
      return;
    }
    reloading = true;
    reload()
      .then(
        (kb) =>
          deps.logger.info({ figures: kb.figures.length }, 'knowledge reloaded as another process announced'),
        logFailure('could not reload the knowledge another process reloaded'),
      )
      .finally(() => {
        reloading = false;
        if (reloadAgain) {
          reloadAgain = false;
          reloadAnnounced();
        }
      });
  }
  deps.events?.subscribe('kb', (message) => {
    if (!following) return;
    if (message === 'reload') reloadAnnounced();
    else refresh().catch(logFailure('could not read a knowledge change made by another process'));
  });
  // After an outage announcements may have been lost: read what is new.
  deps.events?.onResync(() => {
    if (following) refresh().catch(logFailure('could not catch up with knowledge changes'));
  });

  function who(actor: Actor): Edit['who'] {
    return {
      platform: actor.platform,
      userId: actor.userId,
      ...(actor.name !== undefined && { name: actor.name }),
    };
  }

  /** Records a change a moderator asked for, drafted from the knowledge as the store has it now. */
  async function record(actor: Actor, reason: string, draft: ChangeDraft): Promise<Edit> {
    return append({ ...draft, who: who(actor), reason });
  }

  return {
    reload,
    /** Reloads the files here and asks every other process sharing the store to do the same. */
    async reloadEverywhere(): Promise<KnowledgeIndex> {
      const kb = await reload();
      await deps.events
        ?.publish('kb', 'reload')
        .catch(logFailure('could not announce a reload to other processes'));
      return kb;
    },
    refresh,
    /**
     * Serves changes other bot processes sharing the store make (announced by Redis pub/sub, or by the
     * SQLite file's event table), within about a second.
     * @returns a function that stops following
     */
    followOtherProcesses(): () => void {
      following = true;
      return () => {
        following = false;
      };
    },
    /** Sets one field of a figure; the result must pass the same schema as the files. */
    edit: async (actor: Actor, figureId: string, field: string, text: string, reason: string) =>
      record(actor, reason, editFigure((await currentFigure(figureId)).figure, field, text)),
    /** Adds a new figure given as YAML or JSON; it must pass the schema and cite at least one known source. */
    add: async (actor: Actor, payload: unknown, reason: string) =>
      record(actor, reason, addFigure((await current()).knowledge, payload)),
    /** Attaches the other side of a disagreement (its claim, citations and why they differ) to a figure. */
    dispute: async (actor: Actor, figureId: string, payload: unknown, reason: string) =>
      record(actor, reason, disputeFigure((await currentFigure(figureId)).figure, payload)),
    /** Removes dispute number `n` (1-based, as listed) once it is settled. */
    resolve: async (actor: Actor, figureId: string, n: number, reason: string) =>
      record(actor, reason, resolveDispute((await currentFigure(figureId)).figure, n)),
    /** Adds a new article (outlet, title, url, date, language) that figures can then cite. */
    addSource: async (actor: Actor, payload: unknown, reason: string) =>
      record(actor, reason, addSource((await current()).knowledge, payload)),
    /** Marks a figure retracted: it stays visible, flagged, with its history. */
    retract: async (actor: Actor, figureId: string, reason: string) =>
      record(actor, reason, retractFigure((await currentFigure(figureId)).figure)),
    /** Restores the figure as it was before a change; the undo is itself a recorded change. */
    undo: async (actor: Actor, changeId: string, reason: string) => {
      const { log, knowledge } = await current();
      return record(actor, reason, undoChange(log, knowledge, changeId));
    },
    /** Every recorded change of a figure, oldest first. */
    async history(figureId: string): Promise<Edit[]> {
      await sync();
      return log.filter((e) => e.figure === figureId);
    },
  };
}

export type KnowledgeEditor = ReturnType<typeof createKnowledgeEditor>;
