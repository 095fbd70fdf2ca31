import { describe, expect, test } from 'vitest';
import { createKnowledgeEditor } from '../../src/core/knowledge-editor.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { memoryChangeLog } from '../../src/store/memory.js';
import type { StoreEvents } from '../../src/store/types.js';
import { waitFor } from '../reliability/bots.js';
import { KNOWLEDGE_DIR, silentLogger } from '../helpers.js';

/** Announcements delivered by hand, as Redis pub/sub would deliver other processes' messages. */
function handDelivered() {
  const handlers: ((message: string) => void)[] = [];
  const events: StoreEvents = {
    publish: () => Promise.resolve(),
    subscribe: (_channel, handler) => void handlers.push(handler),
    onResync: () => undefined,
  };
  return { events, deliver: (message: string) => handlers.forEach((h) => h(message)) };
}

describe('reload announcements', () => {
  test('ten processes announcing the same file edit at once cost this process two reloads, not ten, and it serves the result', async () => {
    const { events, deliver } = handDelivered();
    let reads = 0;
    let published = 0;
    const editor = createKnowledgeEditor({
      changes: memoryChangeLog(),
      events,
      loadFiles: async () => {
        reads++;
        return loadKnowledge(KNOWLEDGE_DIR);
      },
      publish: () => {
        published++;
      },
      logger: silentLogger,
    });
    editor.followOtherProcesses();
    for (let i = 0; i < 10; i++) deliver('reload');
    // One reload now; the nine that arrived during it are served by one more, after it.
    await waitFor('two reloads', () => published === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect({ reads, published }).toEqual({ reads: 2, published: 2 });

    // A later announcement is a new edit: it is read again.
    deliver('reload');
    await waitFor('a third reload', () => published === 3);
    expect(reads).toBe(3);
  });

  test('a process that does not follow other processes ignores their announcements', async () => {
    const { events, deliver } = handDelivered();
    let reads = 0;
    createKnowledgeEditor({
      changes: memoryChangeLog(),
      events,
      loadFiles: async () => {
        reads++;
        return loadKnowledge(KNOWLEDGE_DIR);
      },
      publish: () => undefined,
      logger: silentLogger,
    });
    deliver('reload');
    await new Promise((r) => setTimeout(r, 100));
    expect(reads).toBe(0);
  });
});
