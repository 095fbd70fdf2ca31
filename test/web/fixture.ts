import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { commands } from '../../commands/index.js';
import { createCore, type Core } from '../../src/core/core.js';
import { createGapCounter, type GapCounter } from '../../src/core/gaps.js';
import { memoryGapStore } from '../../src/store/gaps.js';
import { KnowledgeIndex } from '../../src/knowledge/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createPreferences } from '../../src/store/index.js';
import { startHttpServer, type HttpServer } from '../../src/adapters/http.js';
import { createSiteHandler, type SiteDeps } from '../../src/web/site.js';
import { KNOWLEDGE_DIR, silentLogger } from '../helpers.js';

/** Text a hostile or careless editor could put in the knowledge; the site must show it as text. */
export const HOSTILE = '<script>alert("xss")</script>';
export const HOSTILE_CLOSE = '</script><script>alert(2)</script>';

/**
 * The real knowledge plus a subject, a source and two figures whose texts hold markup: one with a
 * dispute (a reviewed claim) and one contradicted. Written to a fresh temp folder.
 */
export async function hostileKnowledgeDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'factdesk-web-kb-'));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  const yaml = (value: unknown) => JSON.stringify(value, null, 2);
  await writeFile(
    path.join(dir, 'hostile.yaml'),
    yaml({
      sources: [
        {
          id: 'evil-times-2025-10-01',
          outlet: `Evil <b>Times</b>`,
          title: `Title ${HOSTILE}`,
          url: 'https://evil.example/article?a=1&b="2"',
          language: 'en',
          published: '2025-10-01',
          kind: 'news',
        },
      ],
      entities: [
        {
          id: 'evil-model',
          kind: 'model',
          name: `Evil ${HOSTILE} Model`,
          aliases: { en: ['evilmodel'], id: [] },
          description: { en: `A model ${HOSTILE}`, id: `Model ${HOSTILE}` },
        },
      ],
      figures: [
        {
          id: 'evil-training-cost',
          subject: 'evil-model',
          property: 'training_cost',
          value: { type: 'amount', amount: 1000, unit: 'USD', original: '$1,000' },
          scope: { en: `Scope ${HOSTILE}`, id: `Cakupan ${HOSTILE}` },
          as_of: '2025-10-01',
          status: 'disputed',
          citations: [{ source: 'evil-times-2025-10-01', quote: `Quote ${HOSTILE}` }],
          disputes: [
            {
              kind: 'error',
              says: { en: `It cost $2,000 ${HOSTILE_CLOSE}`, id: `Biayanya $2.000 ${HOSTILE_CLOSE}` },
              value: { type: 'amount', amount: 2000, unit: 'USD', original: '$2,000' },
              citations: [{ source: 'evil-times-2025-10-01', quote: `Other ${HOSTILE}` }],
              reason: { en: `Because ${HOSTILE}`, id: `Karena ${HOSTILE}` },
            },
          ],
        },
        {
          id: 'evil-gpu-count',
          subject: 'evil-model',
          property: 'gpu_count',
          value: { type: 'amount', amount: 10, unit: 'gpu', original: '10 GPUs' },
          scope: { en: 'All GPUs', id: 'Semua GPU' },
          as_of: '2025-10-01',
          status: 'contradicted',
          citations: [{ source: 'evil-times-2025-10-01', quote: 'ten GPUs' }],
        },
      ],
    }),
  );
  return dir;
}

/** A core over a knowledge directory, with in-memory preferences and an in-memory gap counter. */
export async function coreFor(
  dir: string,
  options: { publicUrl?: string; gaps?: GapCounter } = {},
): Promise<{ core: Core; gaps: GapCounter }> {
  const keyv = new Keyv();
  const gaps = options.gaps ?? createGapCounter(memoryGapStore(), silentLogger);
  const core = createCore({
    commands,
    knowledge: new KnowledgeIndex(await loadKnowledge(dir)),
    preferences: createPreferences(keyv),
    kv: keyv,
    defaultLocale: 'en',
    logger: silentLogger,
    gaps,
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
  });
  return { core, gaps };
}

export const PUBLIC_URL = 'https://factdesk.example';

/** The site on 127.0.0.1:0 over a knowledge directory, as `main.ts` mounts it. */
export async function startSite(
  dir: string,
  extra: Partial<SiteDeps> = {},
): Promise<{
  server: HttpServer;
  core: Core;
  gaps: GapCounter;
  get: (path: string, headers?: Record<string, string>) => Promise<Response>;
}> {
  const { core, gaps } = await coreFor(dir);
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: {},
    fallback: createSiteHandler({ core, gaps, publicUrl: PUBLIC_URL, ...extra }),
    logger: silentLogger,
  });
  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${p}`, { headers, redirect: 'manual' });
  return { server, core, gaps, get };
}
