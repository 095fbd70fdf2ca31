/** The verdicts of /check, from best to worst for the statement; `not_in_knowledge` abstains. */
export const VERDICTS = [
  'supported',
  'mostly_accurate',
  'disputed',
  'misleading',
  'contradicted',
  'not_in_knowledge',
] as const;
export type Verdict = (typeof VERDICTS)[number];
