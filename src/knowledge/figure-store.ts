import type { Entity, Figure, Knowledge } from './schema.js';
import { figureWords } from './search-text.js';

/**
 * The figures of one knowledge snapshot, in file order, as the rest of the code reads them: the read-only
 * array methods it uses, so a plain array is one too. A compiled knowledge reads them from disk on demand.
 */
export interface FigureList extends Iterable<Figure> {
  readonly length: number;
  filter(predicate: (f: Figure, i: number) => unknown): Figure[];
  find(predicate: (f: Figure, i: number) => unknown): Figure | undefined;
  some(predicate: (f: Figure, i: number) => unknown): boolean;
  map<U>(fn: (f: Figure, i: number) => U): U[];
  flatMap<U>(fn: (f: Figure, i: number) => U | readonly U[]): U[];
  forEach(fn: (f: Figure, i: number) => void): void;
  reduce<U>(fn: (acc: U, f: Figure, i: number) => U, initial: U): U;
}

/** Knowledge whose figures may be read on demand (compiled) rather than held in an array. */
export type KnowledgeSet = Omit<Knowledge, 'figures'> & { figures: FigureList };

/**
 * Figures by position ("ordinal", in file order) with the lookups the index needs, so that it can keep
 * positions instead of figures. Ordinals of removed figures stay empty; lists of ordinals ascend.
 */
export interface FigureStore extends FigureList {
  /** One more than the highest ordinal. */
  readonly size: number;
  get(ordinal: number): Figure | undefined;
  /**
   * Whether this very object is one of this store's figures as it read them: another version of a figure
   * (an edit's before or after) shares the id but not the content. May say no for a figure of its own it
   * no longer keeps track of; never yes for another.
   */
  holds(figure: Figure): boolean;
  /** Every figure with its ordinal, for full scans. */
  entries(): Iterable<[number, Figure]>;
  ordinalOf(id: string): number | undefined;
  /** Figures whose subject or `also_about` is the entity. */
  about(entityId: string): readonly number[];
  /** Figures citing the source, on either side of a dispute. */
  citing(sourceId: string): readonly number[];
  /** Figures whose search text has this word (see `figureWords`). */
  postings(word: string): ArrayLike<number> | undefined;
  /** Figures listed by /disputed: not deprecated, and with disputes or a disputed or contradicted status. */
  disputed(): readonly number[];
  /** Figures with this key in a lookup (see `lookupKeys`), ascending. */
  lookup(kind: Lookup, key: string): ArrayLike<number>;
  /**
   * Figures with an amount range (or one of its equivalents) that meets [low, high], ascending. May list
   * a few more (the compiled store rounds outwards); callers test the figures they read.
   */
  amountsWithin(low: number, high: number): readonly number[];
}

/** The lookups a figure is listed under, so that /check can find figures without reading them all. */
export const LOOKUPS = [
  'subject',
  'property',
  'links',
  'status',
  'rank',
  'basis',
  'value',
  'relations',
  'scope',
] as const;
export type Lookup = (typeof LOOKUPS)[number];

/**
 * The keys a figure is listed under in each lookup: its subject; property; the entities it links
 * (subject, parties, chips); status; rank; basis; value type; `relations` ('' when it records any);
 * and the words of its English scope (see `scopeTokens`).
 */
export function lookupKeys(f: Figure): Map<Lookup, Set<string>> {
  const links = [f.subject, ...f.also_about];
  if (f.value.type === 'amount') {
    if (f.value.chip !== undefined) links.push(f.value.chip);
    for (const b of f.value.breakdown) links.push(b.chip);
  }
  return new Map<Lookup, Set<string>>([
    ['subject', new Set([f.subject])],
    ['property', new Set([f.property])],
    ['links', new Set(links)],
    ['status', new Set([f.status])],
    ['rank', new Set([f.rank])],
    ['basis', new Set([f.basis])],
    ['value', new Set([f.value.type])],
    ['relations', new Set(f.relations.length > 0 ? [''] : [])],
    ['scope', new Set(scopeTokens(f.scope.en))],
  ]);
}

/**
 * The runs of letters and digits of a text, lower-cased: a name a case-insensitive, word-bounded pattern
 * finds in a scope has each of its runs there as a whole run ("R1-Zero" → r1, zero).
 */
export function scopeTokens(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .map((t) => t.toLowerCase());
}

/**
 * The ranges a figure's amount covers: the value itself and each equivalent the source gave, scaled
 * like the value (as /check converts money). Empty for dates and words.
 */
export function amountRanges(f: Figure): [number, number][] {
  if (f.value.type !== 'amount') return [];
  const { amount, max, equivalents } = f.value;
  const high = max ?? amount;
  const scale = amount === 0 ? (high === 0 ? 1 : Infinity) : high / amount;
  return [
    [amount, high],
    // 0 × ∞ (a zero value with a range): the equivalent's top is unknown, so unbounded.
    ...equivalents.map((e): [number, number] => [e.amount, e.amount * scale || (scale > 1 ? Infinity : 0)]),
  ];
}

/** Above the largest 32-bit float, where the compiled amounts' R*Tree keeps its bounds: "any larger". */
export const FLOAT32_MAX = 3.4e38;

/** Whether one of the figure's amount ranges meets [low, high]. */
export function amountMeets(f: Figure, low: number, high: number): boolean {
  return amountRanges(f).some(([a, b]) => a <= high && b >= low);
}

/** Whether a figure is listed by /disputed (before ordering). */
export function listedAsDisputed(f: Figure): boolean {
  return (
    f.rank !== 'deprecated' &&
    (f.disputes.length > 0 || f.status === 'disputed' || f.status === 'contradicted')
  );
}

/** Sources a figure cites, on either side of a dispute, each once. */
export function citedSources(f: Figure): Set<string> {
  return new Set([...f.citations, ...f.disputes.flatMap((d) => d.citations)].map((c) => c.source));
}

export function isFigureStore(list: FigureList): list is FigureStore {
  return 'ordinalOf' in list && typeof list.ordinalOf === 'function';
}

/** The array methods of `FigureList`, written once over an iterator of the figures. */
export abstract class LazyFigureList implements FigureList {
  abstract readonly length: number;
  abstract [Symbol.iterator](): Iterator<Figure>;

  filter(predicate: (f: Figure, i: number) => unknown): Figure[] {
    const out: Figure[] = [];
    let i = 0;
    for (const f of this) if (predicate(f, i++)) out.push(f);
    return out;
  }

  find(predicate: (f: Figure, i: number) => unknown): Figure | undefined {
    let i = 0;
    for (const f of this) if (predicate(f, i++)) return f;
    return undefined;
  }

  some(predicate: (f: Figure, i: number) => unknown): boolean {
    return this.find(predicate) !== undefined;
  }

  map<U>(fn: (f: Figure, i: number) => U): U[] {
    const out: U[] = [];
    let i = 0;
    for (const f of this) out.push(fn(f, i++));
    return out;
  }

  flatMap<U>(fn: (f: Figure, i: number) => U | readonly U[]): U[] {
    return this.map(fn).flat() as U[];
  }

  forEach(fn: (f: Figure, i: number) => void): void {
    let i = 0;
    for (const f of this) fn(f, i++);
  }

  reduce<U>(fn: (acc: U, f: Figure, i: number) => U, initial: U): U {
    let acc = initial;
    this.forEach((f, i) => {
      acc = fn(acc, f, i);
    });
    return acc;
  }
}

/** Figures held in memory (tests, the CLI, small knowledge): lookups built once, the word index on first use. */
export class ArrayFigures extends LazyFigureList implements FigureStore {
  private readonly byId = new Map<string, number>();
  private readonly aboutIndex = new Map<string, number[]>();
  private readonly citingIndex = new Map<string, number[]>();
  private readonly disputedIndex: number[] = [];
  private wordIndex: Map<string, Int32Array> | undefined;
  private lookups: Map<string, Int32Array> | undefined;

  constructor(
    private readonly figures: readonly Figure[],
    private readonly entityOf: (id: string) => Entity | undefined,
  ) {
    super();
    figures.forEach((f, i) => {
      this.byId.set(f.id, i);
      for (const id of new Set([f.subject, ...f.also_about])) push(this.aboutIndex, id, i);
      for (const id of citedSources(f)) push(this.citingIndex, id, i);
      if (listedAsDisputed(f)) this.disputedIndex.push(i);
    });
  }

  get length(): number {
    return this.figures.length;
  }

  get size(): number {
    return this.figures.length;
  }

  [Symbol.iterator](): Iterator<Figure> {
    return this.figures[Symbol.iterator]();
  }

  get(ordinal: number): Figure | undefined {
    return this.figures[ordinal];
  }

  holds(figure: Figure): boolean {
    const ordinal = this.byId.get(figure.id);
    return ordinal !== undefined && this.figures[ordinal] === figure;
  }

  entries(): Iterable<[number, Figure]> {
    return this.figures.entries();
  }

  ordinalOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  about(entityId: string): readonly number[] {
    return this.aboutIndex.get(entityId) ?? [];
  }

  citing(sourceId: string): readonly number[] {
    return this.citingIndex.get(sourceId) ?? [];
  }

  disputed(): readonly number[] {
    return this.disputedIndex;
  }

  postings(word: string): ArrayLike<number> | undefined {
    if (!this.wordIndex) {
      const lists = new Map<string, number[]>();
      this.figures.forEach((f, i) => {
        for (const w of figureWords(f, this.entityOf)) push(lists, w, i);
      });
      // Typed arrays take half the memory of arrays of numbers.
      this.wordIndex = new Map([...lists].map(([w, list]) => [w, Int32Array.from(list)]));
    }
    return this.wordIndex.get(word);
  }

  lookup(kind: Lookup, key: string): ArrayLike<number> {
    if (!this.lookups) {
      // Built on first use, like the word index: most in-memory knowledge never answers /check.
      const lists = new Map<string, number[]>();
      this.figures.forEach((f, i) => {
        for (const [k, keys] of lookupKeys(f)) for (const v of keys) push(lists, `${k}\0${v}`, i);
      });
      this.lookups = new Map([...lists].map(([k, list]) => [k, Int32Array.from(list)]));
    }
    return this.lookups.get(`${kind}\0${key}`) ?? EMPTY;
  }

  amountsWithin(low: number, high: number): readonly number[] {
    const out: number[] = [];
    this.figures.forEach((f, i) => {
      if (amountMeets(f, low, high)) out.push(i);
    });
    return out;
  }
}

/** An empty list of positions, shared. */
export const EMPTY = new Int32Array(0);

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
