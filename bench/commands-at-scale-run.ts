// Child process of the `commands` benchmark: opens an already compiled knowledge as the bot does, then
// times each command's first answer (nothing cached yet) and its warm answers. Commands are run
// directly, not through the core, whose answer cache would otherwise be what the warm figures measure.
import Keyv from 'keyv';
import { commands } from '../commands/index.js';
import type { CommandContext } from '../src/core/command.js';
import { createPreferences, memoryStore } from '../src/store/index.js';
import { createSubscriptions } from '../src/core/subscriptions.js';
import { loadCompiledKnowledge } from '../src/knowledge/compiled.js';
import { KnowledgeIndex } from '../src/knowledge/index.js';
import { measure } from './stats.js';

/** What one child reports for each command line. */
export interface CommandTiming {
  line: string;
  firstMs: number;
  p50: number;
  p99: number;
}

const [dir = 'knowledge', dataDir = 'data', iterationsArg = '200', ...lines] = process.argv.slice(2);
const kb = new KnowledgeIndex(await loadCompiledKnowledge(dir, dataDir));
const keyv = new Keyv();
// Built once: a command's own work is what is measured, not setting up a store per answer.
const shared = {
  kb,
  locale: 'en',
  actor: { platform: 'console', userId: 'bench' },
  preferences: createPreferences(keyv),
  commands,
  subscriptions: createSubscriptions(memoryStore(keyv).subscriptions),
} satisfies Omit<CommandContext, 'args'>;
const context = (args: CommandContext['args']): CommandContext => ({ ...shared, args });

/** `/check <statement>`, `/disputed [page]`, `/sources [source [page]]` as the command and its options. */
function parse(line: string): { run: () => unknown } {
  const [, name = '', rest = ''] = /^\/(\w+)\s*(.*)$/.exec(line) ?? [];
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`no command /${name}`);
  const first = command.options[0]?.name;
  const args = first && rest ? { [first]: rest } : {};
  return { run: () => command.run(context(args)) };
}

const timings: CommandTiming[] = [];
for (const line of lines) {
  const { run } = parse(line);
  const started = process.hrtime.bigint();
  await run();
  const firstMs = Number(process.hrtime.bigint() - started) / 1e6;
  const { p50, p99 } = await measure(run, Number(iterationsArg));
  timings.push({ line, firstMs, p50, p99 });
}
process.stdout.write(
  JSON.stringify({
    timings,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    peakMb: process.resourceUsage().maxRSS / 1024,
  }),
);
