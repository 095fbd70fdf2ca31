import { distance } from 'fastest-levenshtein';
import {
  ArrayFigures,
  isFigureStore,
  type FigureList,
  type FigureStore,
  type KnowledgeSet,
  type Lookup,
  scopeTokens,
} from './figure-store.js';
import { PROPERTY_KEYWORDS } from './properties.js';
import {
  PropertySchema,
  type Entity,
  type Figure,
  type Property,
  type Rate,
  type Source,
  type Value,
} from './schema.js';
import { aliasKey, cleanText, words } from './text.js';

// Words that name each property, and each property's place in the schema's order (headline figures first).
const PROPERTY_WORDS = new Map<Property, ReadonlySet<string>>(
  PropertySchema.options.map((p) => [p, new Set(words(PROPERTY_KEYWORDS[p]))]),
);
const PROPERTY_RANK = new Map<Property, number>(PropertySchema.options.map((p, i) => [p, i]));
const rank0 = (p: Property) => PROPERTY_RANK.get(p) ?? 0;
const rank = (f: Figure) => rank0(f.property);
const RANK_ORDER: Readonly<Record<Figure['rank'], number>> = { preferred: 0, normal: 1, deprecated: 2 };
/** Preferred before normal before deprecated, and what happened before plans, assumptions and forecasts. */
export function byStanding(a: Figure, b: Figure): number {
  return (
    RANK_ORDER[a.rank] - RANK_ORDER[b.rank] || Number(a.basis !== 'actual') - Number(b.basis !== 'actual')
  );
}

// A figure's facets, most significant first, so that comparing them orders as `byStanding`, then the
// property's place: its rank (2 bits), whether it is a plan, assumption or forecast (1 bit), its property.
const FACET_STANDING = 9;
const FACET_PLANNED = 8;
const FACET_PROPERTY = 0xff;
const placeOf = (facets: number) => facets & FACET_PROPERTY;

/** Aliases of this many characters or fewer (r1, v3, h20, gpt4) only ever match exactly. */
export const SHORT_CODE_LENGTH = 4;
/** How many choices a list of subjects offers at most (Discord's autocomplete limit is 25). */
export const MAX_CHOICES = 25;

/** A list of figures read only as far as asked: its length is known without reading any. */
export interface FigureRange {
  readonly length: number;
  /** The figures from `start` up to `end` (exclusive), in the list's order. */
  slice(start?: number, end?: number): Figure[];
}

/** The outcome of resolving what the user named; misses are results, not exceptions. */
export type SubjectResolution =
  | { kind: 'entity'; entity: Entity; via: 'exact' | 'prefix' | 'fuzzy' }
  | { kind: 'ambiguous'; choices: Entity[] }
  | { kind: 'not_found'; suggestions: Entity[] };

const STOPWORDS = new Set(
  (
    'the a an of for to in on at by and or is was were are be what how much many did does do with from its it ' +
    'yang dan di ke dari untuk pada dengan itu ini ada adalah apa berapa oleh atau sebagai dalam'
  ).split(' '),
);

/**
 * Read-only lookups over one validated knowledge snapshot: subjects by alias, figures by subject,
 * source and text. Built once per load; a reload builds a new index and swaps it in whole.
 */
export class KnowledgeIndex {
  readonly sources: readonly Source[];
  readonly entities: readonly Entity[];
  /** Every figure in file order; a compiled knowledge reads them from disk, so prefer the lookups below. */
  readonly figures: FigureList;
  readonly rates: readonly Rate[];
  private readonly store: FigureStore;
  private readonly entityById = new Map<string, Entity>();
  private readonly sourceById = new Map<string, Source>();
  /** Arrays rather than sets: almost every alias names one entity, and a set costs about three times more. */
  private readonly aliasToEntities = new Map<string, readonly Entity[]>();
  /** Every alias key, sorted, so that a prefix is a binary search away. */
  private readonly aliasKeys: string[];
  /** Two-letter pieces of alias keys → positions in `aliasKeys`, for typo-tolerant lookups without a full scan. */
  private readonly bigrams: Map<string, Int32Array>;
  private readonly childrenOf = new Map<string, Entity[]>();
  /** /disputed's order, worked out once per snapshot: 4 bytes a listed figure (80 KB at 20,000). */
  private disputedOrder: Int32Array | undefined;
  private readonly citingCounts = new Map<string, number>();
  /** See `figureFacets`. */
  private facets: Uint16Array | undefined;

  /** Indexes a knowledge snapshot; figures given as an array are indexed here, a compiled store brings its own. */
  constructor(knowledge: KnowledgeSet) {
    this.sources = knowledge.sources;
    this.entities = knowledge.entities;
    this.rates = knowledge.rates;
    this.store = isFigureStore(knowledge.figures)
      ? knowledge.figures
      : new ArrayFigures([...knowledge.figures], (id) => this.entityById.get(id));
    this.figures = this.store;
    for (const s of knowledge.sources) this.sourceById.set(s.id, s);
    for (const e of knowledge.entities) {
      this.entityById.set(e.id, e);
      // One array for all the aliases naming `e` alone; an alias another entity shares gets a copy.
      const alone = [e];
      for (const alias of [e.id, e.name, ...e.aliases.en, ...e.aliases.id]) {
        const key = aliasKey(alias);
        const named = this.aliasToEntities.get(key);
        if (!key || named?.includes(e)) continue;
        this.aliasToEntities.set(key, named ? [...named, e] : alone);
      }
      if (e.parent !== undefined) getOrAdd(this.childrenOf, e.parent, () => []).push(e);
    }
    this.aliasKeys = [...this.aliasToEntities.keys()].sort();
    const bigrams = new Map<string, number[]>();
    this.aliasKeys.forEach((key, i) => {
      for (const gram of bigramsOf(key)) getOrAdd(bigrams, gram, () => []).push(i);
    });
    // Typed arrays take half the memory of arrays of numbers, and none of their spare room.
    this.bigrams = new Map([...bigrams].map(([gram, list]) => [gram, Int32Array.from(list)]));
  }

  entity(id: string): Entity | undefined {
    return this.entityById.get(id);
  }

  source(id: string): Source | undefined {
    return this.sourceById.get(id);
  }

  figure(id: string): Figure | undefined {
    const ordinal = this.store.ordinalOf(id);
    return ordinal === undefined ? undefined : this.store.get(ordinal);
  }

  /**
   * Whether this very object is the snapshot's figure of its id, as read from it, rather than another
   * version of it (an edit's before or after). May say no for one it read long ago.
   */
  holds(figure: Figure): boolean {
    return this.store.holds(figure);
  }

  /** The one entity an alias key (see `aliasKey`) names, or undefined when none or several share it. */
  entityWithAlias(key: string): Entity | undefined {
    const hit = this.aliasToEntities.get(key);
    return hit?.length === 1 ? first(hit) : undefined;
  }

  /** Entities offered before the user types anything. */
  featured(): Entity[] {
    return this.entities.filter((e) => e.featured);
  }

  /**
   * Finds the entity a user named. Exact alias first; then, for names longer than a short code,
   * a unique prefix or a close spelling with the same digits. Never guesses between several.
   */
  resolveSubject(query: string): SubjectResolution {
    const key = aliasKey(query);
    if (!key) return { kind: 'not_found', suggestions: this.featured() };
    const exact = this.aliasToEntities.get(key);
    if (exact?.length === 1) return { kind: 'entity', entity: first(exact), via: 'exact' };
    if (exact && exact.length > 1) return { kind: 'ambiguous', choices: [...exact] };

    const prefixed = this.entitiesWithPrefix(key);
    if (key.length <= SHORT_CODE_LENGTH) {
      // A short code is an identifier: list what it could start, but never pick one.
      return prefixed.length > 1
        ? { kind: 'ambiguous', choices: prefixed.slice(0, MAX_CHOICES) }
        : { kind: 'not_found', suggestions: this.suggest(key) };
    }
    if (prefixed.length === 1) return { kind: 'entity', entity: first(prefixed), via: 'prefix' };
    if (prefixed.length > 1) return { kind: 'ambiguous', choices: prefixed.slice(0, MAX_CHOICES) };

    const fuzzy = this.fuzzyMatches(key);
    if (fuzzy.length === 1) return { kind: 'entity', entity: first(fuzzy), via: 'fuzzy' };
    if (fuzzy.length > 1) return { kind: 'ambiguous', choices: fuzzy.slice(0, MAX_CHOICES) };
    return { kind: 'not_found', suggestions: this.suggest(key) };
  }

  /** Entities whose name or alias starts with (then contains) what was typed, or featured ones for nothing typed. */
  completeSubjects(typed: string, limit = MAX_CHOICES): Entity[] {
    const key = aliasKey(typed);
    if (!key) return this.featured().slice(0, limit);
    const found = this.entitiesWithPrefix(key);
    if (found.length < limit && key.length >= 2) {
      for (const alias of this.aliasKeys) {
        if (alias.includes(key)) for (const e of this.aliasToEntities.get(alias) ?? []) found.push(e);
      }
    }
    const matches = unique(found);
    return (matches.length > 0 ? matches : this.suggest(key)).slice(0, limit);
  }

  /** Figures about an entity and everything under it (a firm's models), own figures first. */
  figuresAbout(entityId: string, properties?: ReadonlySet<Property>): Figure[] {
    const out: { figure: Figure; depth: number }[] = [];
    const seen = new Set<string>();
    for (const found of this.aboutUnder(entityId, properties)) {
      if (seen.has(found.figure.id)) continue;
      seen.add(found.figure.id);
      out.push(found);
    }
    // Best-supported first, then the closest subject, then the headline properties (cost before strategy).
    return out
      .sort((a, b) => byStanding(a.figure, b.figure) || a.depth - b.depth || rank(a.figure) - rank(b.figure))
      .map((o) => o.figure);
  }

  /**
   * Whether `figuresAbout(entityId, properties)` would find any figure, reading at most the first one
   * of those properties (to offer a sibling command only when it has something to show).
   */
  hasFiguresAbout(entityId: string, properties: ReadonlySet<Property>): boolean {
    return !this.aboutUnder(entityId, properties).next().done;
  }

  /**
   * The figures about an entity and those under it, with their depth, as far as they are asked for.
   * The packed facets tell a figure's property without reading it: only the figures asked for are read.
   */
  private *aboutUnder(
    id: string,
    properties: ReadonlySet<Property> | undefined,
    depth = 0,
  ): Generator<{ figure: Figure; depth: number }> {
    if (depth > 8) return;
    const facets = properties && this.figureFacets();
    const wanted = properties && new Set([...properties].map(rank0));
    for (const ordinal of this.store.about(id)) {
      if (facets && !wanted?.has((facets[ordinal] ?? 0) & FACET_PROPERTY)) continue;
      const figure = this.store.get(ordinal);
      if (figure && (!properties || properties.has(figure.property))) yield { figure, depth };
    }
    for (const child of this.childrenOf.get(id) ?? [])
      yield* this.aboutUnder(child.id, properties, depth + 1);
  }

  /** Figures that cite a source, on either side of a dispute. */
  figuresCiting(sourceId: string): Figure[] {
    return this.figuresAt(this.store.citing(sourceId));
  }

  /** Figures that cite a source, read only as far as a page asks. */
  citingRange(sourceId: string): FigureRange {
    return this.rangeOf(this.store.citing(sourceId));
  }

  /** How many figures cite a source, without reading them; kept per snapshot (one number a source). */
  citingCount(sourceId: string): number {
    let count = this.citingCounts.get(sourceId);
    if (count === undefined) {
      count = this.store.citing(sourceId).length;
      this.citingCounts.set(sourceId, count);
    }
    return count;
  }

  /**
   * Figures whose sources really disagree (context alone is a note, not a disagreement): open
   * disputes first, then featured subjects — the ones people ask about most — then file order.
   */
  disputedFigures(): Figure[] {
    return this.disputedRange().slice();
  }

  /** `disputedFigures`, read only as far as a page asks: the order comes from lookups, not the figures. */
  disputedRange(): FigureRange {
    if (!this.disputedOrder) {
      const open = new Set(Array.from(this.store.lookup('status', 'disputed')));
      const asked = new Set(this.featured().flatMap((e) => Array.from(this.store.lookup('subject', e.id))));
      const key = (i: number) => (open.has(i) ? 0 : 2) + (asked.has(i) ? 0 : 1);
      this.disputedOrder = Int32Array.from(this.store.disputed()).sort((a, b) => key(a) - key(b) || a - b);
    }
    return this.rangeOf(this.disputedOrder);
  }

  /** Figures whose subject is one of these entities, in file order. */
  figuresWithSubject(...ids: string[]): Figure[] {
    return this.looked('subject', ids);
  }

  /** Figures of one of these properties, in file order (many in a large knowledge: prefer a narrower lookup). */
  figuresWithProperty(...properties: Property[]): Figure[] {
    return this.looked('property', properties);
  }

  /** Figures whose subject or `also_about` is one of these entities (not those under them), in file order. */
  figuresMentioning(...ids: string[]): Figure[] {
    return this.figuresAt(mergeAscending(ids.map((id) => this.store.about(id))));
  }

  /** Figures about these entities or anything under them (a firm and its models), in file order. */
  figuresUnder(...ids: string[]): Figure[] {
    const family = new Set<string>();
    const visit = (id: string) => {
      if (family.has(id)) return;
      family.add(id);
      for (const child of this.childrenOf.get(id) ?? []) visit(child.id);
    };
    ids.forEach(visit);
    return this.figuresMentioning(...family);
  }

  /** Figures that link an entity: as subject, as a party (`also_about`), or as the chip of the value or its breakdown. */
  figuresLinking(...ids: string[]): Figure[] {
    return this.looked('links', ids);
  }

  /** Figures that record relations, in file order. */
  figuresWithRelations(): Figure[] {
    return this.looked('relations', ['']);
  }

  /** Figures of one of these bases (a plan, a forecast), in file order. */
  figuresWithBasis(...bases: Figure['basis'][]): Figure[] {
    return this.looked('basis', bases);
  }

  /** Figures whose value is of one of these types, in file order. */
  figuresValued(...types: Value['type'][]): Figure[] {
    return this.looked('value', types);
  }

  /**
   * Figures whose English scope has every word of one of these names, in file order: all the figures a
   * case-insensitive, word-bounded pattern of the names can match there, and perhaps a few more.
   */
  figuresWithScopeWords(names: readonly string[]): Figure[] {
    const lists: ArrayLike<number>[] = [];
    for (const name of names) {
      const tokens = [...new Set(scopeTokens(name))];
      // A name without letters or digits narrows nothing.
      if (tokens.length === 0) return [...this.figures];
      lists.push(intersectAscending(tokens.map((t) => this.store.lookup('scope', t))));
    }
    return this.figuresAt(mergeAscending(lists));
  }

  /**
   * Figures with an amount (or an equivalent the source gave) within one of these ranges, in file order;
   * perhaps a few more, never fewer.
   */
  figuresWithAmountIn(ranges: readonly (readonly [number, number])[]): Figure[] {
    return this.figuresAt(mergeAscending(ranges.map(([low, high]) => this.store.amountsWithin(low, high))));
  }

  /**
   * Free-text search in English or Indonesian: entity names in the query pin the subject,
   * other words are matched against scopes, quotes and property keywords.
   */
  searchFigures(query: string, limit = 5): Figure[] {
    const mentioned = this.mentionedEntities(query);
    const subjects = new Set(mentioned.flatMap((e) => this.familyOf(e.id)));
    const terms = [...new Set(words(query).filter((w) => !STOPWORDS.has(w)))];
    const postings = new Map(terms.map((term) => [term, this.store.postings(term)]));
    const weight = (term: string) => {
      const hits = postings.get(term);
      return hits ? Math.log(1 + this.store.length / hits.length) : 0;
    };
    const scores = new Map<number, number>();
    if (subjects.size > 0) {
      // Score only the named subjects' figures: cost grows with the answer, not with the knowledge.
      for (const id of subjects) {
        for (const i of this.store.about(id)) {
          let score = 0;
          for (const term of terms) if (sortedHas(postings.get(term), i)) score += weight(term);
          scores.set(i, score);
        }
      }
    } else {
      // Words in most figures say little and cost a pass over the whole knowledge; leave them out.
      const common = this.store.length / 3;
      const useful = terms.filter((t) => (postings.get(t)?.length ?? 0) <= common);
      for (const term of useful.length > 0 ? useful : terms) {
        const w = weight(term);
        for (const i of Array.from(postings.get(term) ?? [])) scores.set(i, (scores.get(i) ?? 0) + w);
      }
    }
    // The order needs each figure's property, subject, rank and basis, all known from lookups: only the
    // figures shown are read.
    const facets = this.figureFacets();
    // Words naming the property ("gpu hours", "biaya") outweigh words that merely occur in a quote.
    const propertyHits = PropertySchema.options.map(
      (p) => terms.filter((w) => PROPERTY_WORDS.get(p)?.has(w)).length,
    );
    const named = new Set<number>();
    for (const id of subjects) for (const i of Array.from(this.store.lookup('subject', id))) named.add(i);
    const totals: { score: number; i: number }[] = [];
    for (const [i, score] of scores) {
      const total = score + 3 * (propertyHits[placeOf(facets[i] ?? 0)] ?? 0) + (named.has(i) ? 2 : 0);
      if (subjects.size > 0 || total > 0) totals.push({ score: total, i });
    }
    // Score, then `byStanding`, then the property's place (all in the facets), then file order.
    totals.sort((a, b) => b.score - a.score || (facets[a.i] ?? 0) - (facets[b.i] ?? 0) || a.i - b.i);
    return this.figuresAt(totals.slice(0, limit).map((t) => t.i));
  }

  /**
   * Each figure's rank, basis and property packed in 16 bits (see `FACET_*`), so that ordering by them is
   * one comparison: filled once per snapshot from whole lookup lists (200 KB at 100,000 figures). Reading
   * those lists for every /fact instead left megabytes of freed buffers that the process kept.
   */
  private figureFacets(): Uint16Array {
    if (!this.facets) {
      const facets = new Uint16Array(this.store.size).fill(
        (RANK_ORDER.normal << FACET_STANDING) | (1 << FACET_PLANNED),
      );
      const set = (kind: Lookup, key: string, mask: number, value: number) => {
        const list = this.store.lookup(kind, key);
        for (let k = 0; k < list.length; k++) {
          const i = list[k] ?? 0;
          facets[i] = ((facets[i] ?? 0) & ~mask) | value;
        }
      };
      for (const r of ['preferred', 'deprecated'] as const)
        set('rank', r, 3 << FACET_STANDING, RANK_ORDER[r] << FACET_STANDING);
      set('basis', 'actual', 1 << FACET_PLANNED, 0);
      for (const [property, n] of PROPERTY_RANK) set('property', property, FACET_PROPERTY, n);
      this.facets = facets;
    }
    return this.facets;
  }

  /** Entities named anywhere in a sentence, longest names first (`deepseek r1` before `deepseek`). */
  mentionedEntities(text: string): Entity[] {
    // "R1's" and "(H800)" name R1 and the H800: drop possessives and brackets before matching.
    const tokens = cleanText(text)
      .split(' ')
      .map((t) => t.replace(/['’]s$/i, '').replace(/[?!.,;:()"“”[\]]+/g, ''));
    const found: Entity[] = [];
    const used = new Array<boolean>(tokens.length).fill(false);
    for (let size = Math.min(4, tokens.length); size >= 1; size--) {
      for (let i = 0; i + size <= tokens.length; i++) {
        if (used.slice(i, i + size).some(Boolean)) continue;
        const key = aliasKey(tokens.slice(i, i + size).join(' '));
        const hit = this.aliasToEntities.get(key);
        if (hit?.length === 1) {
          found.push(first(hit));
          used.fill(true, i, i + size);
        }
      }
    }
    return unique(found);
  }

  private figuresAt(ordinals: ArrayLike<number>): Figure[] {
    const out: Figure[] = [];
    for (let i = 0; i < ordinals.length; i++) {
      const figure = this.store.get(ordinals[i] ?? -1);
      if (figure) out.push(figure);
    }
    return out;
  }

  private rangeOf(ordinals: ArrayLike<number>): FigureRange {
    return {
      length: ordinals.length,
      slice: (start = 0, end = ordinals.length) =>
        this.figuresAt(Array.prototype.slice.call(ordinals, start, end) as number[]),
    };
  }

  /** Figures with any of these keys in a lookup, in file order. */
  private looked(kind: Lookup, keys: readonly string[]): Figure[] {
    return this.figuresAt(mergeAscending(keys.map((key) => this.store.lookup(kind, key))));
  }

  private familyOf(id: string): string[] {
    return [id, ...(this.childrenOf.get(id) ?? []).flatMap((c) => this.familyOf(c.id))];
  }

  private entitiesWithPrefix(key: string): Entity[] {
    const out = new Set<Entity>();
    for (let i = lowerBound(this.aliasKeys, key); i < this.aliasKeys.length; i++) {
      const alias = this.aliasKeys[i] ?? '';
      if (!alias.startsWith(key)) break;
      for (const e of this.aliasToEntities.get(alias) ?? []) out.add(e);
    }
    return [...out];
  }

  /** How many two-letter pieces each alias shares with `key` (positions in `aliasKeys`). */
  private sharedBigrams(key: string): Map<number, number> {
    const shared = new Map<number, number>();
    for (const gram of bigramsOf(key)) {
      for (const i of this.bigrams.get(gram) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    return shared;
  }

  /** Close spellings of long names; model numbers must agree, so `deepseek v4` or `deepseek r3` never match. */
  private fuzzyMatches(key: string): Entity[] {
    const allowed = key.length >= 8 ? 2 : 1;
    const codes = codesOf(key);
    // q-gram lemma: an alias within `allowed` edits shares at least this many bigrams with the key.
    const needed = key.length - 1 - 2 * allowed;
    let best = Infinity;
    let found = new Set<Entity>();
    for (const [i, count] of this.sharedBigrams(key)) {
      const alias = this.aliasKeys[i] ?? '';
      if (count < needed || alias.length <= SHORT_CODE_LENGTH || codesOf(alias) !== codes) continue;
      if (Math.abs(alias.length - key.length) > allowed) continue;
      const d = distance(alias, key);
      if (d > allowed || d > best) continue;
      if (d < best) {
        best = d;
        found = new Set();
      }
      for (const e of this.aliasToEntities.get(alias) ?? []) found.add(e);
    }
    return [...found];
  }

  /** Up to three entities whose names look most like the query; offered, never presented as the answer. */
  private suggest(key: string): Entity[] {
    const grams = bigramsOf(key).length;
    const scored = [...this.sharedBigrams(key)]
      .map(([i, count]) => {
        const alias = this.aliasKeys[i] ?? '';
        return { alias, dice: (2 * count) / (grams + Math.max(1, alias.length - 1)) };
      })
      // Short codes share few letter pairs (h900 and h800 share one), so accept less overlap for them.
      .filter((s) => s.dice >= (key.length <= 5 ? 0.3 : 0.4))
      .map((s) => ({ ...s, edits: distance(s.alias, key) }))
      .sort((a, b) => b.dice - a.dice || a.edits - b.edits);
    const picked = unique([
      ...this.entitiesWithPrefix(key),
      ...scored.flatMap((s) => [...(this.aliasToEntities.get(s.alias) ?? [])]),
    ]).slice(0, 3);
    return picked.length > 0 ? picked : this.featured().slice(0, 3);
  }
}

/** The model-number parts of a key with the letters touching them: `deepseekr1` → `r1`, `gpt4o` → `t4o`. */
function codesOf(key: string): string {
  return (key.match(/[a-z]?\d+[a-z]?/g) ?? []).join(' ');
}

function bigramsOf(key: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 2 <= key.length; i++) grams.push(key.slice(i, i + 2));
  return grams;
}

/** First position in a sorted array whose item is not below `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The union of ascending lists of positions, ascending, each once. */
function mergeAscending(lists: readonly ArrayLike<number>[]): ArrayLike<number> {
  if (lists.length === 1) return lists[0] ?? [];
  const all = new Set<number>();
  for (const list of lists) for (let i = 0; i < list.length; i++) all.add(list[i] ?? -1);
  return Int32Array.from(all).sort();
}

/** The positions every ascending list has, ascending; the shortest list is walked. */
function intersectAscending(lists: readonly ArrayLike<number>[]): ArrayLike<number> {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const [shortest, ...rest] = sorted;
  if (!shortest) return [];
  const out: number[] = [];
  for (let i = 0; i < shortest.length; i++) {
    const value = shortest[i] ?? -1;
    if (rest.every((list) => sortedHas(list, value))) out.push(value);
  }
  return out;
}

/** Whether an ascending array of positions contains `value`. */
function sortedHas(sorted: ArrayLike<number> | undefined, value: number): boolean {
  if (!sorted) return false;
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const item = sorted[mid] ?? -1;
    if (item === value) return true;
    if (item < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function first<T>(items: Iterable<T>): T {
  for (const item of items) return item;
  throw new Error('first() of an empty collection');
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
