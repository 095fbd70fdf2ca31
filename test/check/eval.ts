// `npm run eval`: scores /check against the hand-written sets. Only the development sets list what was
// misjudged; the held-out sets print aggregate figures only, so that nobody tunes the rules on them.
import { VERDICTS } from '../../src/core/check/verdicts.js';
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../helpers.js';
import { evaluate, loadGold, type GoldFile } from './metrics.js';

const kb = new KnowledgeIndex(await loadKnowledge(KNOWLEDGE_DIR));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const SETS: readonly [GoldFile, string, boolean][] = [
  ['gold.yaml', 'tidy development set', true],
  ['holdout.yaml', 'tidy held-out set (never tuned on)', false],
  ['chat-dev.yaml', 'chat-style development set', true],
  ['chat-dev2.yaml', 'second chat-style development set, written without seeing the rules', true],
  ['chat-dev3.yaml', 'third chat-style development set: near misses, written without seeing the rules', true],
  [
    'chat-dev4.yaml',
    'fourth chat-style development set: claims in words and near misses, written without seeing the rules',
    true,
  ],
  [
    'chat-dev5.yaml',
    'fifth chat-style development set: a varied sample, written without seeing the rules',
    true,
  ],
  [
    'chat-dev6.yaml',
    'sixth chat-style development set: replies in a thread, written without seeing the rules',
    true,
  ],
  ['chat-holdout.yaml', 'chat-style held-out set (never tuned on)', false],
  [
    'chat-holdout2.yaml',
    'second chat-style held-out set, written by someone who had not seen the rules (never tuned on)',
    false,
  ],
  [
    'chat-holdout3.yaml',
    'third chat-style held-out set, written by someone who had not seen the rules (never tuned on)',
    false,
  ],
];
const only = process.argv[2];
const short = (v: string) => v.replace('not_in_knowledge', 'not_in_kb').replace('mostly_accurate', 'mostly');

for (const [file, label, listErrors] of SETS) {
  if (only !== undefined && !file.startsWith(only)) continue;
  const gold = loadGold(file);
  const result = evaluate(kb, gold);
  const indonesian = gold.filter((g) => g.lang === 'id').length;
  console.log(
    `\n== ${file}: ${label}, ${result.total} statements (${pct(indonesian / gold.length)} Indonesian)\n`,
  );
  console.log('verdict            precision  recall     F1  support');
  for (const [verdict, m] of Object.entries(result.perVerdict)) {
    console.log(
      `${verdict.padEnd(18)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${m.f1.toFixed(3).padStart(6)} ${String(m.support).padStart(8)}`,
    );
  }
  console.log(`\naccuracy             ${pct(result.accuracy)}`);
  console.log(`macro-F1             ${result.macroF1.toFixed(3)}`);
  console.log(`abstain rate         ${pct(result.abstainRate)}`);
  console.log(`confidently wrong    ${pct(result.confidentlyWrongRate)}`);
  console.log(`\nconfusion (rows: gold, columns: predicted)`);
  console.log(`${''.padEnd(14)}${VERDICTS.map((v) => short(v).padStart(13)).join('')}`);
  for (const g of VERDICTS)
    console.log(
      `${short(g).padEnd(14)}${VERDICTS.map((p) => String(result.confusion[g][p]).padStart(13)).join('')}`,
    );
  if (listErrors && result.errors.length > 0) {
    console.log(`\nmisjudged (${result.errors.length}):`);
    for (const e of result.errors)
      console.log(
        `  [${e.statement.lang}${e.statement.category ? ` ${e.statement.category}` : ''}] ${e.statement.verdict} → ${e.predicted}: ${e.statement.text}`,
      );
  }
}
