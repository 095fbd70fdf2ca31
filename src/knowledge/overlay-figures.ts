import type { Entity, Figure } from './schema.js';
import {
  amountMeets,
  citedSources,
  LazyFigureList,
  listedAsDisputed,
  lookupKeys,
  type FigureStore,
  type Lookup,
} from './figure-store.js';
import { figureWords } from './search-text.js';

/**
 * A store's figures with a few replaced, removed or added (moderators' changes), without copying the
 * rest: a replaced figure keeps its place, an added one comes after the files' figures, as before.
 */
export class OverlayFigures extends LazyFigureList implements FigureStore {
  /** Base ordinal → its new version, or null when removed. */
  private readonly replaced = new Map<number, Figure | null>();
  private readonly added: Figure[] = [];
  private readonly addedOrdinal = new Map<string, number>();
  private removedCount = 0;

  /** @param changes each changed figure id with its final version (null: removed), in the order first changed */
  constructor(
    private readonly base: FigureStore,
    changes: ReadonlyMap<string, Figure | null>,
    private readonly entityOf: (id: string) => Entity | undefined,
  ) {
    super();
    for (const [id, figure] of changes) {
      const ordinal = base.ordinalOf(id);
      if (ordinal !== undefined) {
        this.replaced.set(ordinal, figure);
        if (figure === null) this.removedCount++;
      } else if (figure) {
        this.addedOrdinal.set(id, base.size + this.added.length);
        this.added.push(figure);
      }
    }
  }

  get length(): number {
    return this.base.length - this.removedCount + this.added.length;
  }

  get size(): number {
    return this.base.size + this.added.length;
  }

  *[Symbol.iterator](): Iterator<Figure> {
    for (const [, f] of this.entries()) yield f;
  }

  *entries(): Iterable<[number, Figure]> {
    for (const [ordinal, f] of this.base.entries()) {
      const changed = this.replaced.get(ordinal);
      if (changed === undefined) yield [ordinal, f];
      else if (changed) yield [ordinal, changed];
    }
    for (const [i, f] of this.added.entries()) yield [this.base.size + i, f];
  }

  get(ordinal: number): Figure | undefined {
    if (ordinal >= this.base.size) return this.added[ordinal - this.base.size];
    const changed = this.replaced.get(ordinal);
    return changed === undefined ? this.base.get(ordinal) : (changed ?? undefined);
  }

  holds(figure: Figure): boolean {
    const ordinal = this.ordinalOf(figure.id);
    if (ordinal === undefined) return false;
    if (ordinal >= this.base.size || this.replaced.has(ordinal)) return this.get(ordinal) === figure;
    return this.base.holds(figure);
  }

  ordinalOf(id: string): number | undefined {
    const added = this.addedOrdinal.get(id);
    if (added !== undefined) return added;
    const ordinal = this.base.ordinalOf(id);
    return ordinal !== undefined && this.replaced.get(ordinal) === null ? undefined : ordinal;
  }

  about(entityId: string): readonly number[] {
    return this.merge(
      this.base.about(entityId),
      (f) => f.subject === entityId || f.also_about.includes(entityId),
    );
  }

  citing(sourceId: string): readonly number[] {
    return this.merge(this.base.citing(sourceId), (f) => citedSources(f).has(sourceId));
  }

  disputed(): readonly number[] {
    return this.merge(this.base.disputed(), listedAsDisputed);
  }

  postings(word: string): ArrayLike<number> | undefined {
    const list = this.merge(Array.from(this.base.postings(word) ?? []), (f) =>
      figureWords(f, this.entityOf).has(word),
    );
    return list.length > 0 ? list : undefined;
  }

  lookup(kind: Lookup, key: string): ArrayLike<number> {
    return this.merge(
      Array.from(this.base.lookup(kind, key)),
      (f) => lookupKeys(f).get(kind)?.has(key) ?? false,
    );
  }

  amountsWithin(low: number, high: number): readonly number[] {
    return this.merge(this.base.amountsWithin(low, high), (f) => amountMeets(f, low, high));
  }

  /** The base's list without changed figures, plus changed and added figures that now belong in it. */
  private merge(base: readonly number[], belongs: (f: Figure) => boolean): number[] {
    const out = base.filter((ordinal) => !this.replaced.has(ordinal));
    for (const [ordinal, f] of this.replaced) if (f && belongs(f)) out.push(ordinal);
    this.added.forEach((f, i) => {
      if (belongs(f)) out.push(this.base.size + i);
    });
    return this.replaced.size > 0 ? out.sort((a, b) => a - b) : out;
  }
}
