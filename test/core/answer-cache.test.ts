import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCompiledKnowledge } from '../../src/knowledge/compiled.js';
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { consoleActor, KNOWLEDGE_DIR, testCore } from '../helpers.js';

describe('what is kept for a question asked again', () => {
  test('an answer is kept from the second asking: a question asked once leaves nothing behind', async () => {
    const core = await testCore();
    const ask = () => core.dispatchLine('/cost r1', consoleActor);
    const first = await ask();
    const second = await ask();
    const third = await ask();
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    // Other questions asked once meanwhile do not push it out.
    for (const subject of ['v3', 'deepseek', 'h800', 'h20', 'ascend', 'gpt-4'])
      await core.dispatchLine(`/chips ${subject}`, consoleActor);
    expect(await ask()).toBe(second);
  });

  test('a compiled figure is the same object however often an answer reads it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-figure-reads-'));
    await cp(KNOWLEDGE_DIR, path.join(dir, 'knowledge'), { recursive: true });
    const kb = new KnowledgeIndex(
      await loadCompiledKnowledge(path.join(dir, 'knowledge'), path.join(dir, 'data')),
    );
    const reads = [1, 2, 3].map(() => kb.figure('r1-training-cost'));
    expect(reads[0]).toBeDefined();
    expect(reads[1]).toBe(reads[0]);
    expect(reads[2]).toBe(reads[0]);
    expect(kb.figuresAbout('deepseek-r1').find((f) => f.id === 'r1-training-cost')).toBe(reads[0]);
  });
});
