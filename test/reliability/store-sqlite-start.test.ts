import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers.js';

// Each child opens the store file as a start does, at the same instant as the others.
const OPEN_AT_ONCE = `
const [file, at, module] = process.argv.slice(1);
const { openSqliteFile } = await import(module);
while (Date.now() < Number(at)) {}
try { openSqliteFile(file, 'DATA_DIR').close(); process.stdout.write('ok'); }
catch (err) { process.stdout.write(err.message); }
`;

const openTogether = (file: string, processes: number): Promise<string[]> => {
  const at = String(Date.now() + 600);
  const module = pathToFileURL(path.join(ROOT, 'dist/src/store/sqlite.js')).href;
  return Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise<string>((resolve) =>
          execFile(
            process.execPath,
            ['--input-type=module', '-e', OPEN_AT_ONCE, file, at, module],
            (_err, stdout) => resolve(stdout),
          ),
        ),
    ),
  );
};

describe('processes sharing DATA_DIR', () => {
  test('several started at once on a new store file all open it (none fails as "database is locked")', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-store-start-'));
      outcomes.push(...(await openTogether(path.join(dir, 'factdesk.sqlite'), 8)));
    }
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
    expect(outcomes).toHaveLength(48);
  }, 60_000);
});
