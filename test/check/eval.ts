// `npm run eval`: scores /check against the hand-written gold set and prints what it got wrong.
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../helpers.js';
import { evaluate, loadGold } from './metrics.js';

const kb = new KnowledgeIndex(await loadKnowledge(KNOWLEDGE_DIR));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
for (const [file, label] of [
  ['gold.yaml', 'development set (rules tuned on it)'],
  ['holdout.yaml', 'held-out set (never tuned on)'],
] as const) {
  const gold = loadGold(file);
  const result = evaluate(kb, gold);
  const indonesian = gold.filter((g) => g.lang === 'id').length;
  console.log(
    `\n/check on the ${label}: ${result.total} statements (${pct(indonesian / gold.length)} Indonesian)\n`,
  );
  console.log('verdict            precision  recall     F1  support');
  for (const [verdict, m] of Object.entries(result.perVerdict)) {
    console.log(
      `${verdict.padEnd(18)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${m.f1.toFixed(3).padStart(6)} ${String(m.support).padStart(8)}`,
    );
  }
  console.log(`\nmacro-F1             ${result.macroF1.toFixed(3)}   (goal ≥ 0.90)`);
  console.log(`abstain rate         ${pct(result.abstainRate)}`);
  console.log(`confidently wrong    ${pct(result.confidentlyWrongRate)}   (goal ≤ 1%)`);
  if (result.errors.length > 0) {
    console.log(`\nmisjudged (${result.errors.length}):`);
    for (const e of result.errors)
      console.log(`  [${e.statement.lang}] ${e.statement.verdict} → ${e.predicted}: ${e.statement.text}`);
  }
}
