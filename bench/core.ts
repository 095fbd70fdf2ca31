import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import pino from 'pino';
import { commands } from '../commands/index.js';
import { createCore, type Core } from '../src/core/core.js';
import { KnowledgeIndex } from '../src/knowledge/index.js';
import { loadCompiledKnowledge } from '../src/knowledge/compiled.js';
import { createPreferences } from '../src/store/index.js';
import { generateKnowledge } from './generate.js';
import { ROOT, scriptArgs } from './paths.js';
import { measure, ms } from './stats.js';

const actor = { platform: 'console' as const, userId: 'bench' };

/** A core on compiled knowledge, as the bot serves it (figures read on demand). */
async function coreFor(dir: string, dataDir: string): Promise<Core> {
  const keyv = new Keyv();
  return createCore({
    commands,
    knowledge: new KnowledgeIndex(await loadCompiledKnowledge(dir, dataDir)),
    preferences: createPreferences(keyv),
    kv: keyv,
    defaultLocale: 'en',
    logger: pino({ level: 'silent' }),
  });
}

function coldStart(
  mode: 'full' | 'yaml-only' | 'js-yaml-only' | 'compiled',
  dir: string,
  dataDir = '',
): { ms: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, [...scriptArgs('cold-start'), mode, dir, dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const parsed: unknown = JSON.parse(out);
  if (typeof parsed !== 'object' || parsed === null || !('ms' in parsed) || !('maxRssMb' in parsed))
    throw new Error(out);
  return { ms: Number(parsed.ms), maxRssMb: Number(parsed.maxRssMb) };
}

async function answerTimes(core: Core, lines: readonly string[], iterations: number) {
  const rows: string[] = [];
  const baseline = await measure(() => core.dispatchLine('/help', actor), iterations);
  rows.push(
    `    ${'/help (baseline: dispatch, no lookup)'.padEnd(44)} p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}`,
  );
  for (const line of lines) {
    const t = await measure(() => core.dispatchLine(line, actor), iterations);
    rows.push(
      `    ${line.padEnd(44)} p50 ${ms(t.p50)}  p99 ${ms(t.p99)}  (${(t.p99 / baseline.p99).toFixed(2)}× baseline p99)`,
    );
  }
  return rows.join('\n');
}

/** In-core answer time and cold start on the real knowledge and on a generated 100,000-figure one. */
export async function benchCore(): Promise<void> {
  const iterations = 2000;
  console.log('\n== core: answer time (in process, Answer object built, no rendering) ==');
  const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-bench-'));
  const real = await coreFor(path.join(ROOT, 'knowledge'), path.join(dir, 'real-data'));
  console.log(`  real knowledge (${real.knowledge().figures.length} figures):`);
  console.log(
    await answerTimes(
      real,
      ['/cost r1', '/chips deepseek', '/fact biaya latih gpt-4', '/cost zzz-unknown'],
      iterations,
    ),
  );

  const generated = path.join(dir, 'knowledge');
  try {
    await generateKnowledge(generated, 100_000);
    const big = await coreFor(generated, path.join(dir, 'data'));
    console.log(
      `  generated knowledge (${big.knowledge().figures.length} figures, ${big.knowledge().entities.length} entities):`,
    );
    console.log(
      await answerTimes(
        big,
        ['/cost m4242', '/chips model number 777', '/fact m123 training cost', '/cost zzz-unknown'],
        iterations,
      ),
    );
    // Each question about a subject not asked before: no answer cached, its figures read from the file.
    const entities = big.knowledge().entities.length;
    let asked = 0;
    const fresh = await measure(
      () => big.dispatchLine(`/cost m${(asked++ * 7919) % entities}`, actor),
      Math.min(iterations, entities - 200),
    );
    console.log(
      `    ${'/cost m<n>, a subject not asked before'.padEnd(44)} p50 ${ms(fresh.p50)}  p99 ${ms(fresh.p99)}`,
    );

    console.log('\n== core: cold start (fresh process: read + parse YAML + validate + index) ==');
    const realCold = coldStart('full', path.join(ROOT, 'knowledge'));
    console.log(`  real knowledge:        ${ms(realCold.ms)}, peak RSS ${realCold.maxRssMb.toFixed(0)} MB`);
    const yamlOnly = coldStart('yaml-only', generated);
    const fastYaml = coldStart('js-yaml-only', generated);
    const full = coldStart('full', generated);
    console.log(
      `  100k, YAML parse only: ${ms(yamlOnly.ms)}, peak RSS ${yamlOnly.maxRssMb.toFixed(0)} MB (baseline)`,
    );
    console.log(
      `  100k, js-yaml only:    ${ms(fastYaml.ms)}, peak RSS ${fastYaml.maxRssMb.toFixed(0)} MB ` +
        `(${(fastYaml.ms / yamlOnly.ms).toFixed(2)}× the YAML parse: the loader's fast path)`,
    );
    console.log(
      `  100k, full load:       ${ms(full.ms)}, peak RSS ${full.maxRssMb.toFixed(0)} MB ` +
        `(${(full.ms / yamlOnly.ms).toFixed(2)}× the YAML parse; all in memory, as the CLI loads it)`,
    );
    const dataDir = path.join(dir, 'cold-data');
    const compiled = coldStart('compiled', generated, dataDir); // compiles
    console.log(
      `  100k, compiling:       ${ms(compiled.ms)}, peak RSS ${compiled.maxRssMb.toFixed(0)} MB ` +
        `(${(compiled.ms / yamlOnly.ms).toFixed(2)}× the YAML parse; nothing compiled yet, as on a first start)`,
    );
    const warm = coldStart('compiled', generated, dataDir);
    console.log(
      `  100k, compiled:        ${ms(warm.ms)}, peak RSS ${warm.maxRssMb.toFixed(0)} MB ` +
        `(${(warm.ms / yamlOnly.ms).toFixed(2)}× the YAML parse; unchanged files, as on a restart)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
