import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import pino from 'pino';
import { commands } from '../commands/index.js';
import type { Answer } from '../src/core/answer.js';
import { AnswerSchema } from '../src/core/answer.js';
import type { Actor } from '../src/core/command.js';
import { createCore, type Core } from '../src/core/core.js';
import { KnowledgeIndex } from '../src/knowledge/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { Locale } from '../src/knowledge/schema.js';
import { createPreferences, memoryStore } from '../src/store/index.js';
import { createKnowledgeEditor } from '../src/core/knowledge-editor.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');

let cached: KnowledgeIndex | undefined;
/** The real, shipped knowledge, loaded once per test file. */
export async function realKnowledge(): Promise<KnowledgeIndex> {
  cached ??= new KnowledgeIndex(await loadKnowledge(KNOWLEDGE_DIR));
  return cached;
}

export const silentLogger = pino({ level: 'silent' });

/** A core over the real knowledge with in-memory preferences and an in-memory moderators' log. */
export async function testCore(options: { defaultLocale?: Locale; keyv?: Keyv } = {}): Promise<Core> {
  const store = memoryStore(options.keyv ?? new Keyv());
  const target: { core?: Core } = {};
  const editor = createKnowledgeEditor({
    changes: store.changes,
    loadFiles: () => loadKnowledge(KNOWLEDGE_DIR),
    publish: (kb) => target.core?.setKnowledge(kb),
    onChange: async (edit) => target.core?.notifyChange(edit.before, edit.after, edit.reason),
    logger: silentLogger,
  });
  target.core = createCore({
    editor,
    commands,
    knowledge: await realKnowledge(),
    preferences: createPreferences(store.keyv),
    kv: store.keyv,
    subscriptions: store.subscriptions,
    defaultLocale: options.defaultLocale ?? 'en',
    logger: silentLogger,
  });
  return target.core;
}

export const consoleActor: Actor = { platform: 'console', userId: 'tester' };

/** Asks the core a command line in a language and checks the answer against the contract. */
export async function ask(
  core: Core,
  line: string,
  locale?: Locale,
  actor: Actor = consoleActor,
): Promise<Answer> {
  const answer = await core.dispatchLine(line, actor, locale ? { locale } : {});
  return AnswerSchema.parse(answer);
}

/** Narrows an answer to one kind or fails the test with what it was instead. */
export function expectKind<K extends Answer['kind']>(answer: Answer, kind: K): Extract<Answer, { kind: K }> {
  if (answer.kind !== kind)
    throw new Error(`expected a ${kind} answer, got ${answer.kind}: ${JSON.stringify(answer).slice(0, 400)}`);
  return answer as Extract<Answer, { kind: K }>;
}

/**
 * A copy of the real knowledge with forty more sources: the list of every source then takes several
 * messages, while summaries still fit one.
 */
export async function knowledgeWithManySources(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  const sources = Array.from({ length: 40 }, (_, i) => ({
    id: `outlet-${i}-2025-10-01`,
    outlet: `Outlet ${i}`,
    title: `A long report number ${i} about what training AI models costs`,
    url: `https://outlet${i}.example/report`,
    language: 'en',
    published: '2025-10-01',
    kind: 'news',
    notes: { en: 'A note. '.repeat(20), id: 'Catatan. '.repeat(20) },
  }));
  await writeFile(path.join(dir, 'many-sources.yaml'), JSON.stringify({ sources }));
  return dir;
}
