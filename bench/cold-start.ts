// Child process of the benchmark: loads one knowledge directory in a fresh heap and reports
// how long load + validate + index took, and the peak resident memory of the whole process.
import { readFile } from 'node:fs/promises';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parse } from 'yaml';
import { KnowledgeIndex } from '../src/knowledge/index.js';
import { loadCompiledKnowledge } from '../src/knowledge/compiled.js';
import { listKnowledgeFiles, loadKnowledge } from '../src/knowledge/load.js';

const [mode = 'full', dir = 'knowledge', dataDir] = process.argv.slice(2);
const started = process.hrtime.bigint();
if (mode === 'yaml-only') {
  // Baseline: just reading and parsing the YAML, no validation, no index.
  for (const file of await listKnowledgeFiles(dir)) parse(await readFile(file, 'utf8'));
} else if (mode === 'js-yaml-only') {
  // The loader's fast path alone, for comparison with the baseline.
  for (const file of await listKnowledgeFiles(dir))
    load(await readFile(file, 'utf8'), { schema: CORE_SCHEMA, json: false });
} else {
  const kb = new KnowledgeIndex(
    mode === 'compiled' && dataDir ? await loadCompiledKnowledge(dir, dataDir) : await loadKnowledge(dir),
  );
  if (kb.figures.length === 0) throw new Error('no figures loaded');
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
