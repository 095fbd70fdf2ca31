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

/** How bad a verdict is for the statement, to combine the verdicts of its parts; abstaining weighs least. */
export const SEVERITY: Readonly<Record<Verdict, number>> = {
  not_in_knowledge: -1,
  supported: 0,
  mostly_accurate: 1,
  disputed: 2,
  misleading: 3,
  contradicted: 4,
};
