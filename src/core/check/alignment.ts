import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Figure } from '../../knowledge/schema.js';
import type { Claim } from './claims.js';

/**
 * What a name in a claim does to a figure it matched: `aligned` (the figure's subject, its firm, a chip
 * or party it records), `other_firm` (a firm or another firm's model the figure does not speak of:
 * "Alibaba trained R1 for $294k"), or `unrecorded` (a chip, place or rule the figure says nothing of:
 * "GPT-4 cost $100M on H100s"). Only an all-aligned claim can be confirmed.
 */
export type Alignment = 'aligned' | 'other_firm' | 'unrecorded';

/** An entity and every entity above it (R1 → DeepSeek). */
export function lineage(kb: KnowledgeIndex, id: string): string[] {
  const out: string[] = [];
  for (let cur: string | undefined = id, depth = 0; cur !== undefined && depth < 8; depth++) {
    out.push(cur);
    cur = kb.entity(cur)?.parent;
  }
  return out;
}

const rootId = (kb: KnowledgeIndex, id: string): string => lineage(kb, id).at(-1) ?? id;

/** The entities a figure speaks of, with their firms, and the chips it (or the run it belongs to) records. */
function figureFamily(kb: KnowledgeIndex, figures: readonly Figure[]): Set<string> {
  const ids = new Set<string>();
  for (const f of figures) {
    const named = [f.subject, ...f.also_about];
    if (f.value.type === 'amount') {
      if (f.value.chip !== undefined) named.push(f.value.chip);
      for (const b of f.value.breakdown) named.push(b.chip);
    }
    for (const id of named) for (const a of lineage(kb, id)) ids.add(a);
  }
  return ids;
}

/**
 * How the names of a claim's clause align with the figure it matched (and the run figures that
 * record its chips). Models of the figure's own firm are comparisons, not conflicts ("R1 cost a
 * fraction of V3's $5.6M").
 */
export function alignNames(kb: KnowledgeIndex, claim: Claim, figure: Figure): Alignment {
  const about = [figure.subject, ...figure.also_about];
  // The chips of the runs the figure speaks of: "80 hours on 512 H800s" is R1's run.
  const own = kb.figuresWithSubject(...about);
  const runs = own.filter((f) => f.property === 'gpu_count' && about.includes(f.subject));
  const family = figureFamily(kb, [figure, ...runs]);
  const firms = new Set(about.map((id) => rootId(kb, id)));
  let worst: Alignment = 'aligned';
  for (const { entity } of claim.mentions) {
    if (family.has(entity.id)) continue;
    // The firm that gave the figure speaks of it: "DeepSeek priced H800 time at $2".
    if (figure.stated_by !== undefined && entity.name === figure.stated_by) continue;
    const kind = entity.kind;
    if (kind === 'org' || kind === 'model' || kind === 'project') {
      if (firms.has(rootId(kb, entity.id))) continue;
      return 'other_firm';
    }
    worst = 'unrecorded';
  }
  return worst;
}
