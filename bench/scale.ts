import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateKnowledge } from './generate.js';
import { ROOT, scriptArgs } from './paths.js';
import { ms } from './stats.js';

const run = promisify(execFile);

/** Sizes measured; `SCALE_SIZES=10000,100000` narrows them. */
const SIZES = (process.env.SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** Runs of each kind of start per size (fresh processes); the range of them is printed. */
const REPEATS = Number(process.env.SCALE_REPEATS ?? 2);
/** A start slower than this is stopped and reported as such; larger sizes are then skipped. */
const TIMEOUT_MS = Number(process.env.SCALE_TIMEOUT_MS ?? 300_000);
const ANSWERS = 2000;

interface StartRun {
  startMs: number;
  startPeakMb: number;
  firstAnswerMs: number;
  p50: number;
  p99: number;
  rssMb: number;
  peakMb: number;
  figures: number;
}

/** One product start in a fresh process (compiled, as `npm start` runs it). */
async function start(dir: string, dataDir: string): Promise<StartRun> {
  const { stdout } = await run(
    process.execPath,
    [...scriptArgs('scale-start'), dir, dataDir, String(ANSWERS)],
    { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as StartRun;
}

const range = (xs: number[], f: (x: number) => string) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;
};
const mb = (x: number) => `${x.toFixed(0)} MB`;
const times = (x: number) => `${x.toFixed(1)}×`;

function row(label: string, runs: StartRun[], base: StartRun): string {
  const pick = (k: keyof StartRun) => runs.map((r) => r[k]);
  return (
    `  ${label.padEnd(22)} start ${range(pick('startMs'), ms)} (${range(
      runs.map((r) => r.startMs / base.startMs),
      times,
    )} baseline), peak RSS ${range(pick('startPeakMb'), mb)}; ` +
    `after ${ANSWERS} answers RSS ${range(pick('rssMb'), mb)} (${range(
      runs.map((r) => r.rssMb / base.rssMb),
      times,
    )}), p99 ${range(pick('p99'), ms)}, first answer ${range(pick('firstAnswerMs'), ms)}`
  );
}

/**
 * How start time and memory grow with the knowledge: 10k, 100k and 1M generated figures, each started
 * fresh (nothing compiled) and restarted (compiled knowledge present), then answering questions.
 */
export async function benchScale(): Promise<void> {
  console.log('\n== scale: product start (createApp) and serving, fresh process per run ==');
  console.log(
    `  goals at 100k: first start < 10 s, restart < 1 s, RSS < 150 MB serving, p99 < 0.2 ms; ${REPEATS} runs each`,
  );
  const baseData = await mkdtemp(path.join(tmpdir(), 'factdesk-scale-base-'));
  const base = await start(path.join(ROOT, 'knowledge'), baseData);
  await rm(baseData, { recursive: true, force: true });
  console.log(
    `  baseline: real knowledge (${base.figures} figures): start ${ms(base.startMs)}, ` +
      `RSS ${mb(base.rssMb)} serving, p99 ${ms(base.p99)}`,
  );
  let skipReason: string | undefined;
  for (const size of SIZES) {
    const label = `${size / 1000}k figures`;
    if (skipReason) {
      console.log(`  ${label}: skipped (${skipReason})`);
      continue;
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-scale-'));
    try {
      const generated = Date.now();
      await generateKnowledge(path.join(dir, 'knowledge'), size);
      console.log(`  ${label}: generated in ${ms(Date.now() - generated)}`);
      const first: StartRun[] = [];
      const again: StartRun[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const dataDir = path.join(dir, `data-${i}`);
        first.push(await start(path.join(dir, 'knowledge'), dataDir));
        again.push(await start(path.join(dir, 'knowledge'), dataDir));
      }
      console.log(row('  first start', first, base));
      console.log(row('  restart', again, base));
      const slowest = Math.max(...first.map((r) => r.startMs));
      if (slowest * 10 > TIMEOUT_MS)
        skipReason = `a first start at ${label} took ${ms(slowest)}; ten times that exceeds the ${ms(TIMEOUT_MS)} limit`;
    } catch (err) {
      const killed = typeof err === 'object' && err !== null && 'killed' in err && err.killed === true;
      console.log(`  ${label}: ${killed ? `a start took over ${ms(TIMEOUT_MS)}; stopped` : String(err)}`);
      skipReason = `${label} did not complete`;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
