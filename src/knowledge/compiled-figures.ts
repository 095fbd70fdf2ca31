import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { LazyFigureList, type FigureStore } from './figure-store.js';
import type { Figure } from './schema.js';

/** Figures read on demand from a compiled knowledge file (see `compiled.ts` for its tables). */
export class CompiledFigures extends LazyFigureList implements FigureStore {
  readonly length: number;
  // Bounded: the figures people ask about again stay decoded; the rest are read again when asked.
  private readonly bodies = new LRUCache<number, Figure>({ max: 2_000 });
  private readonly words = new LRUCache<string, Int32Array | false>({ max: 1_000 });
  private readonly byOrdinal;
  private readonly byId;
  private readonly aboutOf;
  private readonly citingOf;
  private disputedCache: readonly number[] | undefined;

  constructor(private readonly db: Database.Database) {
    super();
    this.length = Number(
      db.prepare<[], string>("SELECT value FROM meta WHERE key = 'figures'").pluck().get(),
    );
    this.byOrdinal = db.prepare<[number], string>('SELECT body FROM figures WHERE ord = ?').pluck();
    this.byId = db.prepare<[string], number>('SELECT ord FROM figures WHERE id = ?').pluck();
    this.aboutOf = db
      .prepare<[string], number>('SELECT ord FROM about WHERE entity = ? ORDER BY ord')
      .pluck();
    this.citingOf = db
      .prepare<[string], number>('SELECT ord FROM citing WHERE source = ? ORDER BY ord')
      .pluck();
  }

  get size(): number {
    return this.length;
  }

  *[Symbol.iterator](): Iterator<Figure> {
    for (const [, f] of this.entries()) yield f;
  }

  /**
   * A full scan in one query. When every figure fits the cache, each is decoded once, so a figure is the
   * same object however it was found; a larger knowledge's scan keeps nothing (it would push out the
   * figures people ask about).
   */
  *entries(): Iterable<[number, Figure]> {
    const keep = this.length <= this.bodies.max;
    // A statement of its own, so that scans can nest.
    const all = this.db.prepare<[], { ord: number; body: string }>(
      'SELECT ord, body FROM figures ORDER BY ord',
    );
    for (const { ord, body } of all.iterate()) {
      let figure = this.bodies.get(ord);
      if (!figure) {
        figure = JSON.parse(body) as Figure;
        if (keep) this.bodies.set(ord, figure);
      }
      yield [ord, figure];
    }
  }

  get(ordinal: number): Figure | undefined {
    const cached = this.bodies.get(ordinal);
    if (cached) return cached;
    const body = this.byOrdinal.get(ordinal);
    if (body === undefined) return undefined;
    const figure = JSON.parse(body) as Figure;
    this.bodies.set(ordinal, figure);
    return figure;
  }

  ordinalOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  about(entityId: string): readonly number[] {
    return this.aboutOf.all(entityId);
  }

  citing(sourceId: string): readonly number[] {
    return this.citingOf.all(sourceId);
  }

  disputed(): readonly number[] {
    this.disputedCache ??= this.db.prepare<[], number>('SELECT ord FROM disputed ORDER BY ord').pluck().all();
    return this.disputedCache;
  }

  postings(word: string): ArrayLike<number> | undefined {
    let list = this.words.get(word);
    if (list === undefined) {
      const blob = this.db
        .prepare<[string], Buffer>('SELECT ords FROM postings WHERE word = ?')
        .pluck()
        .get(word);
      // Copied: a blob's bytes need not sit on a 4-byte boundary.
      list = blob ? new Int32Array(new Uint8Array(blob).buffer) : false;
      this.words.set(word, list);
    }
    return list || undefined;
  }
}
