import { z } from 'zod';

/**
 * Which gateway shards this process runs: all of Discord's recommended number (`auto`), or these
 * shard ids out of a fixed total, so several processes (on one machine or many) split the guilds.
 * Imports no discord.js: `config.ts` uses the schema, and the console must not load the library.
 */
export type ShardPlan = { kind: 'auto' } | { kind: 'fixed'; ids: number[]; count: number };

/** A sanity bound far above what a bot of this kind needs: a typo should not open tens of thousands of sockets. */
const MAX_SHARDS = 4096;

/** `a-b` or `a`, each a shard id. */
function idsOf(part: string): number[] | undefined {
  const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
  if (!range) return undefined;
  const from = Number(range[1]);
  const to = range[2] === undefined ? from : Number(range[2]);
  if (to < from || to - from >= MAX_SHARDS) return undefined;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Reads `auto`, `<count>` or `<ids>/<count>` (ids as `0-3` or `0,2,5`); undefined when malformed. */
function parseShardPlan(text: string): ShardPlan | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'auto') return { kind: 'auto' };
  const [idsText, countText] = value.includes('/')
    ? value.split('/').map((part) => part.trim())
    : [undefined, value];
  if (countText === undefined || !/^\d+$/.test(countText)) return undefined;
  const count = Number(countText);
  if (count < 1 || count > MAX_SHARDS) return undefined;
  if (idsText === undefined) return { kind: 'fixed', ids: Array.from({ length: count }, (_, i) => i), count };
  const ids = idsText.split(',').map(idsOf);
  if (ids.some((i) => i === undefined)) return undefined;
  const unique = [...new Set(ids.flatMap((i) => i ?? []))].sort((a, b) => a - b);
  if (unique.length === 0 || unique.some((id) => id >= count)) return undefined;
  return { kind: 'fixed', ids: unique, count };
}

/** `DISCORD_SHARDS`: `auto` (default), `<count>` (all of them here), or `<ids>/<count>` (these of them here). */
export const ShardPlanSchema = z.string().transform((text, ctx): ShardPlan => {
  const plan = parseShardPlan(text);
  if (plan) return plan;
  ctx.addIssue({
    code: 'custom',
    message: `expected auto, a shard count (e.g. 4) or shard ids of a count (e.g. 0-1/4, 2,3/4), ids below the count, at most ${MAX_SHARDS}`,
  });
  return z.NEVER;
});

/** The discord.js `Client` options for a plan (its `shards` and `shardCount`). */
export function clientShardOptions(
  plan: ShardPlan,
): { shards: 'auto' } | { shards: number[]; shardCount: number } {
  return plan.kind === 'auto' ? { shards: 'auto' } : { shards: plan.ids, shardCount: plan.count };
}
