import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadCompiledKnowledge } from '../src/knowledge/compiled.js';
import type { CommandTiming } from './commands-at-scale-run.js';
import { generateKnowledge } from './generate.js';
import { ROOT, scriptArgs } from './paths.js';
import { ms } from './stats.js';

const run = promisify(execFile);

/** Sizes measured; `COMMANDS_SIZES=100000` narrows them. */
const SIZES = (process.env.COMMANDS_SIZES ?? '10000,100000').split(',').map(Number);
/** Fresh processes per size; the range of their figures is printed. */
const REPEATS = Number(process.env.COMMANDS_REPEATS ?? 3);
/** Warm answers timed per line (after as many warm-up answers); `COMMANDS_ITERATIONS=5` for slow builds. */
const ITERATIONS = Number(process.env.COMMANDS_ITERATIONS ?? 200);

/**
 * Typical statements about the generated knowledge (models `m<n>`, amounts of US$1,000 + n): a matching
 * cost, a wrong one, a count, a stage named without a model, a worked-out product, and one the knowledge
 * has no subject for; then the lists, and the subject answers (computed afresh each time, as the core
 * would without its answer cache).
 */
const GENERATED_LINES = [
  '/check m12 cost about US$1,012 to train',
  '/check Model 7 cost $5 million to train',
  '/check model number 33 was trained on 2,048 GPUs',
  '/check the final stage alone cost $50,000, excluding pre-training',
  '/check 147,000 GPU hours at $2 each is $294,000',
  '/check DeepSeek trained R1 for just $294,000 on 512 H800s',
  '/disputed',
  '/disputed 3',
  '/sources',
  '/sources src-3',
  '/sources src-3 2',
  '/cost m4242',
  '/chips model number 777',
  '/fact m123 training cost',
];
/** The same kinds of lines about the real knowledge, for the baseline. */
const REAL_LINES = [
  '/check DeepSeek trained its R1 model for just $294,000.',
  '/check R1 cost $5.6 million to train',
  '/check DeepSeek trained R1 on 50,000 H100s',
  '/check the final stage alone cost $82,000',
  '/check 147,000 GPU hours at $2 each is $294,000',
  '/check Qwen is ByteDance’s model',
  '/disputed',
  '/disputed 2',
  '/sources',
  '/sources trenasia',
  '/sources trenasia 2',
  '/cost r1',
  '/chips deepseek',
  '/fact biaya latih gpt-4',
];

interface ChildRun {
  timings: CommandTiming[];
  rssMb: number;
  peakMb: number;
}

async function child(dir: string, dataDir: string, lines: readonly string[]): Promise<ChildRun> {
  const { stdout } = await run(
    process.execPath,
    [...scriptArgs('commands-at-scale-run'), dir, dataDir, String(ITERATIONS), ...lines],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 22, timeout: 600_000 },
  );
  return JSON.parse(stdout) as ChildRun;
}

const range = (xs: readonly number[], f: (x: number) => string) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;
};

/** Compiles once, then measures each line in `REPEATS` fresh processes. */
async function measureKnowledge(label: string, dir: string, lines: readonly string[]): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-commands-data-'));
  try {
    const started = Date.now();
    await loadCompiledKnowledge(dir, dataDir);
    console.log(`  ${label}: compiled in ${ms(Date.now() - started)}`);
    const runs: ChildRun[] = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await child(dir, dataDir, lines));
    lines.forEach((line, i) => {
      const pick = (k: keyof Omit<CommandTiming, 'line'>) => runs.map((r) => r.timings[i]?.[k] ?? NaN);
      console.log(
        `    ${line.slice(0, 58).padEnd(58)} first ${range(pick('firstMs'), ms)}, warm p50 ${range(
          pick('p50'),
          ms,
        )}, p99 ${range(pick('p99'), ms)}`,
      );
    });
    console.log(
      `    RSS after: ${range(
        runs.map((r) => r.rssMb),
        (x) => `${x.toFixed(0)} MB`,
      )}, peak ${range(
        runs.map((r) => r.peakMb),
        (x) => `${x.toFixed(0)} MB`,
      )}`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * /check, /disputed and /sources on compiled knowledge of 10k and 100k generated figures: the first
 * answer of a fresh process (nothing cached) and warm answers (p50/p99 of `ITERATIONS`), with the real knowledge
 * as the baseline in the same run.
 */
export async function benchCommands(): Promise<void> {
  console.log('\n== commands: /check, /disputed, /sources on compiled knowledge, fresh process per run ==');
  console.log(`  goal at 100k: well under 100 ms, first answer included; ${REPEATS} processes each`);
  await measureKnowledge('baseline: real knowledge', path.join(ROOT, 'knowledge'), REAL_LINES);
  for (const size of SIZES) {
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-commands-'));
    try {
      await generateKnowledge(path.join(dir, 'knowledge'), size);
      await measureKnowledge(`${size / 1000}k figures`, path.join(dir, 'knowledge'), GENERATED_LINES);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
