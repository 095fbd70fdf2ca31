import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanEnv, runNode } from '../process.js';

const undo: (() => void)[] = [];
afterEach(() => {
  for (const f of undo.splice(0)) f();
});

/** Makes a folder read-only even for root (immutable flag), or by mode for anyone else; false if it cannot. */
async function makeReadOnly(dir: string): Promise<boolean> {
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    undo.push(() => execFileSync('chattr', ['-i', dir], { stdio: 'ignore' }));
  } catch {
    await chmod(dir, 0o555);
  }
  try {
    await writeFile(path.join(dir, 'probe'), '');
    return false;
  } catch {
    return true;
  }
}

describe('a SQLite store that cannot be used stops the start with a clear message', () => {
  test('a read-only DATA_DIR names DATA_DIR and says it is read-only; nothing claims to be saved', async (ctx) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-ro-'));
    if (!(await makeReadOnly(dir))) ctx.skip();
    const run = await runNode('dist/src/main.js', [], {
      input: '/lang id\n',
      env: cleanEnv({ DATA_DIR: dir }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^DATA_DIR: cannot use the store file .*factdesk\.sqlite: the folder or file is read-only/,
    );
    expect(run.stdout).not.toContain('Bahasa Indonesia');
  });

  test('a corrupted store file names the variable and says it is corrupted', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-corrupt-'));
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'factdesk.sqlite');
    await writeFile(file, Buffer.alloc(8192, 'not a database '));
    for (const [env, variable] of [
      [{ DATA_DIR: dir }, 'DATA_DIR'],
      [{ STORE_URL: `sqlite://${file}`, DATA_DIR: dir }, 'STORE_URL'],
    ] as const) {
      const run = await runNode('dist/src/main.js', [], { input: '/cost r1\n', env: cleanEnv(env) });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `${variable}: cannot use the store file ${file}: the file is corrupted or not a SQLite database (SQLITE_NOTADB`,
      );
    }
  });
});
