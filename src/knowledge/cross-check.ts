import type { KnowledgeIssue } from './errors.js';
import type { Citation, Knowledge } from './schema.js';

/** Locates a field below a record: `(['citations', 0, 'source'])` gives its file, line and dotted path. */
export type Located = (sub: readonly (string | number)[]) => Omit<KnowledgeIssue, 'message'>;

/**
 * Checks what a per-file schema cannot: unique ids, references between sections, parent cycles,
 * that a `disputed` figure lists its disputes, that `confirmed` rests on a primary source, and that
 * every dispute of a number or date carries the other side's value or the figure it is confused with.
 */
export function crossCheck(
  k: Knowledge,
  locate: (record: object) => Located | undefined,
  /** Figures that exist besides `k.figures` (checking only the changed figures of a large knowledge). */
  otherFigure: (id: string) => boolean = () => false,
): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const report = (record: object, sub: readonly (string | number)[], message: string) => {
    const at = locate(record);
    issues.push(at ? { ...at(sub), message } : { file: '(unknown)', message });
  };

  const sourceIds = uniqueIds(k.sources, 'source', report);
  const primary = new Set(k.sources.filter((s) => s.kind === 'primary').map((s) => s.id));
  const entityIds = uniqueIds(k.entities, 'entity', report);
  const figureIds = uniqueIds(k.figures, 'figure', report);
  uniqueIds(k.rates, 'rate', report);

  const needSource = (record: object, sub: (string | number)[], id: string) => {
    if (!sourceIds.has(id)) report(record, sub, `unknown source "${id}" (add it to sources first)`);
  };
  const needEntity = (record: object, sub: (string | number)[], id: string) => {
    if (!entityIds.has(id)) report(record, sub, `unknown entity "${id}"`);
  };
  const checkCitations = (record: object, base: (string | number)[], citations: readonly Citation[]) =>
    citations.forEach((c, i) => needSource(record, [...base, i, 'source'], c.source));

  const parents = new Map(k.entities.map((e) => [e.id, e.parent]));
  for (const e of k.entities) {
    if (e.parent !== undefined) needEntity(e, ['parent'], e.parent);
    if (hasParentCycle(e.id, parents))
      report(e, ['parent'], `parent chain of "${e.id}" loops back to itself`);
  }

  for (const f of k.figures) {
    needEntity(f, ['subject'], f.subject);
    f.also_about.forEach((id, i) => needEntity(f, ['also_about', i], id));
    if (f.value.type === 'amount') {
      if (f.value.chip !== undefined) needEntity(f, ['value', 'chip'], f.value.chip);
      f.value.breakdown.forEach((b, i) => needEntity(f, ['value', 'breakdown', i, 'chip'], b.chip));
      f.value.equivalents.forEach((q, i) => needSource(f, ['value', 'equivalents', i, 'source'], q.source));
    }
    checkCitations(f, ['citations'], f.citations);
    f.disputes.forEach((d, i) => {
      checkCitations(f, ['disputes', i, 'citations'], d.citations);
      d.conflates.forEach((id, j) => {
        if (!figureIds.has(id) && !otherFigure(id))
          report(f, ['disputes', i, 'conflates', j], `unknown figure "${id}"`);
      });
      // A text figure's dispute is its `says`; a number or date is disputed only by another value or a mix-up.
      if (f.value.type !== 'text' && d.value === undefined && d.conflates.length === 0) {
        report(
          f,
          ['disputes', i],
          "a dispute of a number or date needs the other side's value or the figure it is confused with (conflates); doubt or context without one is a note",
        );
      }
    });
    f.notes.forEach((n, i) => checkCitations(f, ['notes', i, 'citations'], n.citations));
    f.relations.forEach((r, i) => {
      if (r.subject !== undefined) needEntity(f, ['relations', i, 'subject'], r.subject);
      if (r.object !== undefined) needEntity(f, ['relations', i, 'object'], r.object);
    });
    if (f.status === 'confirmed' && !f.citations.some((c) => primary.has(c.source))) {
      report(
        f,
        ['status'],
        'status confirmed needs a citation of a primary source; use reported for news only',
      );
    }
    if (f.status === 'disputed' && f.disputes.length === 0) {
      report(
        f,
        ['status'],
        'status is disputed but no disputes are listed; add the other side or change the status',
      );
    }
  }
  for (const r of k.rates) needSource(r, ['source'], r.source);
  return issues;
}

function uniqueIds(
  records: readonly { id: string }[],
  what: string,
  report: (record: object, sub: readonly (string | number)[], message: string) => void,
): Set<string> {
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) report(r, ['id'], `duplicate ${what} id "${r.id}"`);
    seen.add(r.id);
  }
  return seen;
}

function hasParentCycle(start: string, parents: ReadonlyMap<string, string | undefined>): boolean {
  const seen = new Set<string>();
  for (let id = parents.get(start); id !== undefined; id = parents.get(id)) {
    if (id === start || seen.has(id)) return true;
    seen.add(id);
  }
  return false;
}
