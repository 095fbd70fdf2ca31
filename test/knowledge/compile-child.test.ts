import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type * as CompiledModule from '../../src/knowledge/compiled.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR, ROOT } from '../helpers.js';

// The compiled product (`npm test` builds it first) compiles in a child process; the sources, which
// the other knowledge tests import, compile in their own process. Both must give the same knowledge.
const compiled = (await import(path.join(ROOT, 'dist/src/knowledge/compiled.js'))) as typeof CompiledModule;

const copy = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-child-kb-'));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
};

describe('compiling in a child process (the compiled product)', () => {
  test('gives the knowledge of the files, written to the data directory', async () => {
    const dir = await copy();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-child-data-'));
    const how: { inChild: boolean }[] = [];
    const served = await compiled.loadCompiledKnowledge(dir, dataDir, { onCompiled: (h) => how.push(h) });
    expect(how).toEqual([expect.objectContaining({ inChild: true })]);
    const files = await loadKnowledge(dir);
    expect({ ...served, figures: [...served.figures] }).toEqual(files);
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'))).toEqual([
      expect.stringMatching(/^knowledge-[0-9a-f]{24}\.sqlite$/),
    ]);
  });

  test('invalid files are refused with their file, line and field, as when compiling here', async () => {
    const dir = await copy();
    await writeFile(
      path.join(dir, 'figures', 'broken.yaml'),
      'figures:\n  - id: broken\n    subject: nobody\n',
    );
    const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-child-data-'));
    const error = await compiled.loadCompiledKnowledge(dir, dataDir).catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'KnowledgeError' });
    expect((error as Error).message).toMatch(/figures\/broken\.yaml:2 figures\[0\]\.property: /);
    expect((await readdir(dataDir)).filter((f) => f.endsWith('.sqlite'))).toEqual([]);
  });

  test('a data directory that cannot be written still serves the knowledge, from memory', async () => {
    const dir = await copy();
    // A path under a file: nothing can be created there, even by root.
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'factdesk-child-data-')), 'a-file');
    await writeFile(file, '');
    const how: { inChild: boolean }[] = [];
    const served = await compiled.loadCompiledKnowledge(dir, path.join(file, 'data'), {
      onCompiled: (h) => how.push(h),
    });
    // The child could not write it, so it was compiled again here, to serve from memory.
    expect(how).toEqual([expect.objectContaining({ inChild: false })]);
    expect([...served.figures].map((f) => f.id)).toEqual((await loadKnowledge(dir)).figures.map((f) => f.id));
  });
});
