import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderText } from './adapters/console/render.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { ConfigError } from './core/errors.js';
import { KnowledgeError } from './knowledge/errors.js';
import { LocaleSchema } from './knowledge/schema.js';
import { KnowledgeIndex } from './knowledge/index.js';
import { exportKnowledge } from './knowledge/export.js';
import { loadKnowledge } from './knowledge/load.js';
import { createLogger } from './logger.js';
import { resolveDir } from './paths.js';
import { claimReviewFeed } from './web/claimreview.js';

const USAGE = `Usage:
  factdesk ask "<command line>" [--lang en|id] [--json]
      Answer one command, e.g. factdesk ask "/cost r1" --lang id
      --json prints exactly the Answer object.
  factdesk knowledge check [dir]
      Validate a knowledge directory (default: KNOWLEDGE_DIR or the bundled knowledge/).
      Exits 1 and lists every problem with file, line and field when it is invalid.
  factdesk knowledge export [dir]
      Write the knowledge with moderators' changes from the store (STORE_URL / DATA_DIR) as YAML files
      into dir (default: knowledge-export/), for review and commit.
  factdesk knowledge export --claimreview [file] [--lang en|id]
      Write the site's ClaimReview feed (as served at /claimreview.json) to file (default: claimreview.json).
`;

type Write = (text: string) => void;

/**
 * Runs the `factdesk` command line; returns the exit code instead of exiting, so tests can call it.
 * @param argv arguments after the program name
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  out: Write,
  err: Write,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    options: {
      lang: { type: 'string' },
      json: { type: 'boolean' },
      claimreview: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [verb, ...rest] = positionals;
  if (values.help === true || verb === undefined || verb === 'help') {
    out(USAGE);
    return verb === undefined && values.help !== true ? 2 : 0;
  }
  try {
    const config = loadConfig(env);
    if (verb === 'ask') return await ask(rest.join(' '), values.lang, values.json === true, config, out, err);
    if (verb === 'knowledge' && rest[0] === 'check')
      return await check(rest[1] ?? config.KNOWLEDGE_DIR, out, err);
    if (verb === 'knowledge' && rest[0] === 'export' && values.claimreview === true)
      return await exportClaimReviews(rest[1] ?? 'claimreview.json', values.lang, config, out, err);
    if (verb === 'knowledge' && rest[0] === 'export')
      return await exportTo(rest[1] ?? 'knowledge-export', config, out);
    err(`Unknown command: ${[verb, ...rest].join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof KnowledgeError) {
      err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

async function ask(
  line: string,
  lang: string | boolean | undefined,
  json: boolean,
  config: ReturnType<typeof loadConfig>,
  out: Write,
  err: Write,
): Promise<number> {
  if (!line.trim()) {
    err(`Nothing to ask.\n\n${USAGE}`);
    return 2;
  }
  const locale = lang === undefined ? undefined : LocaleSchema.safeParse(lang);
  if (locale && !locale.success) {
    err('--lang must be en or id\n');
    return 2;
  }
  const app = await createApp({
    knowledgeDir: resolveDir(config.KNOWLEDGE_DIR, 'knowledge'),
    dataDir: resolveDir(config.DATA_DIR, 'data'),
    // One question needs no memory between runs.
    storeUrl: 'memory://',
    defaultLocale: config.DEFAULT_LOCALE,
    logger: createLogger(config.LOG_LEVEL ?? 'warn'),
    ...(config.PUBLIC_URL !== undefined && { publicUrl: config.PUBLIC_URL }),
  });
  try {
    const answer = await app.core.dispatchLine(
      line,
      { platform: 'cli', userId: 'cli' },
      locale?.data ? { locale: locale.data } : {},
    );
    out(json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderText(answer)}\n`);
    return answer.kind === 'error' ? 1 : 0;
  } finally {
    await app.close();
  }
}

async function exportTo(dir: string, config: ReturnType<typeof loadConfig>, out: Write): Promise<number> {
  const knowledgeDir = resolveDir(config.KNOWLEDGE_DIR, 'knowledge');
  const app = await createApp({
    knowledgeDir,
    dataDir: resolveDir(config.DATA_DIR, 'data'),
    storeUrl: config.STORE_URL,
    defaultLocale: config.DEFAULT_LOCALE,
    logger: createLogger(config.LOG_LEVEL ?? 'warn'),
  });
  try {
    const files = await loadKnowledge(knowledgeDir);
    const kb = app.core.knowledge();
    const merged = {
      ...files,
      sources: [...kb.sources],
      entities: [...kb.entities],
      figures: [...kb.figures],
      rates: [...kb.rates],
    };
    const written = await exportKnowledge(knowledgeDir, files, merged, path.resolve(dir));
    out(
      `Wrote ${written.length} files to ${path.resolve(dir)}:\n${written.map((f) => `  ${f}`).join('\n')}\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

async function exportClaimReviews(
  file: string,
  lang: string | boolean | undefined,
  config: ReturnType<typeof loadConfig>,
  out: Write,
  err: Write,
): Promise<number> {
  const locale = LocaleSchema.safeParse(lang ?? config.DEFAULT_LOCALE);
  if (!locale.success) {
    err('--lang must be en or id\n');
    return 2;
  }
  const app = await createApp({
    knowledgeDir: resolveDir(config.KNOWLEDGE_DIR, 'knowledge'),
    dataDir: resolveDir(config.DATA_DIR, 'data'),
    storeUrl: config.STORE_URL,
    defaultLocale: config.DEFAULT_LOCALE,
    logger: createLogger(config.LOG_LEVEL ?? 'warn'),
  });
  try {
    const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
    const feed = claimReviewFeed(app.core.knowledge(), locale.data, publicUrl);
    await writeFile(path.resolve(file), `${JSON.stringify(feed, null, 2)}\n`);
    out(`Wrote ${feed.dataFeedElement.length} ClaimReview items to ${path.resolve(file)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

async function check(dir: string | undefined, out: Write, err: Write): Promise<number> {
  const target = resolveDir(dir, 'knowledge');
  try {
    const kb = new KnowledgeIndex(await loadKnowledge(target));
    out(
      `OK ${target}: ${kb.sources.length} sources, ${kb.entities.length} entities, ` +
        `${kb.figures.length} figures (${kb.disputedFigures().length} with disputes), ${kb.rates.length} rates\n`,
    );
    return 0;
  } catch (e) {
    if (!(e instanceof KnowledgeError)) throw e;
    err(`${e.message}\n`);
    return 1;
  }
}
