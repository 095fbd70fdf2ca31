import type { KnowledgeIndex } from '../../knowledge/index.js';
import type { Claim, Decomposition } from './claims.js';
import type { PartJudgement } from './judge.js';

/** Judges a claim made in words (no number) against what the knowledge says in words. */
export function judgeWords(_kb: KnowledgeIndex, _claim: Claim, _d: Decomposition): PartJudgement | undefined {
  return undefined;
}
