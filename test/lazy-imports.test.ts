import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv, runNode } from './process.js';

// A module resolution hook, preloaded with NODE_OPTIONS=--import, that writes every URL the process
// resolves to a file: what a process imported, packages included.
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.FACTDESK_TEST_MODULE_LOG, resolved.url + '\\n');
  return resolved;
}`;
const REGISTER = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));`;

/** Packages only a platform or the Redis store needs. */
const PLATFORM_PACKAGES =
  /\/node_modules\/(discord\.js|@discordjs\/[^/]+|grammy|@grammyjs\/[^/]+|@keyv\/redis|@redis\/[^/]+|redis)\//;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'factdesk-imports-'));
  await writeFile(path.join(dir, 'register.mjs'), REGISTER);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a built entry point with the hook and returns its output and the packages it loaded. */
async function run(script: string, args: string[], name: string, input?: string) {
  const log = path.join(dir, `${name}.log`);
  await writeFile(log, '');
  const result = await runNode(script, args, {
    env: cleanEnv({
      NODE_OPTIONS: `--import ${path.join(dir, 'register.mjs')}`,
      FACTDESK_TEST_MODULE_LOG: log,
      DATA_DIR: path.join(dir, `${name}-data`),
    }),
    timeoutMs: 30_000,
    ...(input !== undefined && { input }),
  });
  const urls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  const packages = new Set(
    urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter(Boolean),
  );
  return { ...result, urls, packages };
}

describe('a process imports what it runs', () => {
  test('factdesk ask answers without loading discord.js, grammY or the Redis client', async () => {
    const result = await run('bin/factdesk.js', ['ask', '/cost r1'], 'ask');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DeepSeek-R1');
    // The hook saw the process's own modules and the packages it does use.
    expect(result.urls.some((u) => u.endsWith('/dist/src/cli.js'))).toBe(true);
    expect(result.packages).toContain('better-sqlite3');
    expect(result.urls.filter((u) => PLATFORM_PACKAGES.test(u))).toEqual([]);
  });

  test('the console (no platform configured) answers without loading discord.js, grammY or the Redis client', async () => {
    const result = await run('dist/src/main.js', [], 'console', '/cost r1\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DeepSeek-R1');
    expect(result.urls.some((u) => u.endsWith('/dist/src/main.js'))).toBe(true);
    expect(result.urls.filter((u) => PLATFORM_PACKAGES.test(u))).toEqual([]);
  });

  test('a start with the knowledge already compiled reads no YAML, so loads no YAML parser', async () => {
    // The first start compiles the files (and parses them); the second only opens what it compiled.
    const first = await run('dist/src/main.js', [], 'restart', '/cost r1\n');
    expect(first.code).toBe(0);
    expect(first.packages).toContain('js-yaml');
    const again = await run('dist/src/main.js', [], 'restart', '/cost r1\n');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('DeepSeek-R1');
    expect([...again.packages].filter((p) => p === 'yaml' || p === 'js-yaml')).toEqual([]);
  });
});
