import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { EMPTY, FLOAT32_MAX, LazyFigureList, type FigureStore, type Lookup } from './figure-store.js';
import type { ListKind } from './compiled.js';
import type { Figure } from './schema.js';

/** Figures read on demand from a compiled knowledge file (see `compiled.ts` for its tables). */
export class CompiledFigures extends LazyFigureList implements FigureStore {
  readonly length: number;
  // Bounded in number and in bytes: the figures people ask about again stay decoded; the rest are read
  // again when asked. A figure is weighed by its stored text (decoded, it takes up to twice that), a list
  // by its bytes: a word in most figures lists them all (400 kB at 100,000 figures, 4 MB at a million).
  private readonly bodies = new LRUCache<number, Figure>({ max: 2_000, maxSize: 4 << 20 });
  // A figure read once waits here and joins `bodies` when read again, so that a stream of figures read
  // once (new subjects) does not push out those read often, nor keep every figure alive through V8's
  // young collections. Large enough that one answer's figures are the same objects however often it
  // reads them.
  private readonly readOnce = new LRUCache<number, { figure: Figure; size: number }>({ max: 256 });
  private readonly lists = new LRUCache<string, Int32Array | false>({
    max: 1_000,
    maxSize: 8 << 20,
    sizeCalculation: (list) => 64 + (list ? list.byteLength : 0),
  });
  /** The figures `get` decoded that are still alive anywhere, so that `holds` knows them without a read. */
  private readonly decoded = new WeakSet<Figure>();
  private readonly byOrdinal;
  private readonly byId;
  private readonly listOf;
  private readonly amountsIn;

  constructor(private readonly db: Database.Database) {
    super();
    this.length = Number(
      db.prepare<[], string>("SELECT value FROM meta WHERE key = 'figures'").pluck().get(),
    );
    this.byOrdinal = db.prepare<[number], string>('SELECT body FROM figures WHERE ord = ?').pluck();
    this.listOf = db
      .prepare<[ListKind, string], Buffer>('SELECT ords FROM lists WHERE kind = ? AND key = ?')
      .pluck();
    this.byId = db.prepare<[string], number>('SELECT ord FROM figures WHERE id = ?').pluck();
    this.amountsIn = db
      .prepare<[number, number], number>('SELECT DISTINCT ord FROM amounts WHERE low <= ? AND high >= ?')
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
        if (keep) {
          this.bodies.set(ord, figure, { size: body.length });
          this.decoded.add(figure);
        }
      }
      yield [ord, figure];
    }
  }

  get(ordinal: number): Figure | undefined {
    const cached = this.bodies.get(ordinal);
    if (cached) return cached;
    const once = this.readOnce.get(ordinal);
    if (once) {
      this.readOnce.delete(ordinal);
      this.bodies.set(ordinal, once.figure, { size: once.size });
      return once.figure;
    }
    const body = this.byOrdinal.get(ordinal);
    if (body === undefined) return undefined;
    const figure = JSON.parse(body) as Figure;
    this.readOnce.set(ordinal, { figure, size: body.length });
    this.decoded.add(figure);
    return figure;
  }

  /** Figures read by `get`, or kept by a scan; a larger knowledge's scans are not tracked. */
  holds(figure: Figure): boolean {
    return this.decoded.has(figure);
  }

  ordinalOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  about(entityId: string): readonly number[] {
    return Array.from(this.list('about', entityId) ?? []);
  }

  citing(sourceId: string): readonly number[] {
    return Array.from(this.list('citing', sourceId) ?? []);
  }

  disputed(): readonly number[] {
    return Array.from(this.list('disputed', '') ?? []);
  }

  postings(word: string): ArrayLike<number> | undefined {
    return this.list('word', word);
  }

  /** Read each time, not cached: SQLite's own page cache keeps it cheap, and a long list costs no memory here. */
  lookup(kind: Lookup, key: string): ArrayLike<number> {
    const blob = this.listOf.get(kind, key);
    return blob ? positions(blob) : EMPTY;
  }

  amountsWithin(low: number, high: number): readonly number[] {
    return this.amountsIn.all(Math.min(high, FLOAT32_MAX), Math.min(low, FLOAT32_MAX)).sort((a, b) => a - b);
  }

  /** A list of ascending figure positions, read once and kept in a bounded cache. */
  private list(kind: ListKind, key: string): Int32Array | undefined {
    const cacheKey = `${kind}\0${key}`;
    let list = this.lists.get(cacheKey);
    if (list === undefined) {
      const blob = this.listOf.get(kind, key);
      list = blob ? positions(blob) : false;
      this.lists.set(cacheKey, list);
    }
    return list || undefined;
  }
}

/**
 * A stored list's positions, read in place: each blob comes in a buffer of its own. Copied only when its
 * bytes do not sit on a 4-byte boundary, as an Int32Array needs.
 */
function positions(blob: Buffer): Int32Array {
  return blob.byteOffset % 4 === 0
    ? new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength >> 2)
    : new Int32Array(new Uint8Array(blob).buffer);
}
