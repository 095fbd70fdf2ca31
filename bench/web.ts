import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startHttpServer, type RouteHandler } from '../src/adapters/http.js';
import { createApp } from '../src/app.js';
import { createSite, createSiteHandler, type SiteDeps } from '../src/web/site.js';
import { ROOT } from './paths.js';
import { measure, percentile, ms } from './stats.js';

const WARM_UP = 200;
const REQUESTS = 2000;

/** Pages measured, each as a reader or an API client asks for it. */
const PAGES = [
  '/',
  '/?q=biaya%20latih%20gpt-4',
  '/s/deepseek-r1',
  '/s/deepseek',
  '/f/r1-training-cost',
  '/f/r1-training-cost?lang=id',
  '/sources',
  '/sources/trenasia-2025-09-19',
  '/disputed',
  '/check?q=R1%20cost%20%246%20million',
  '/api/answer?q=/cost%20r1',
  '/api/figures/r1-training-cost',
  '/claimreview.json',
];

/** Records, inside the server, how long each response took from the request to its last byte handed to the socket. */
function timed(handler: (req: IncomingMessage, res: ServerResponse) => unknown, samples: number[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => samples.push(Number(process.hrtime.bigint() - start) / 1e6));
    return handler(req, res);
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

/** Sends requests one after another and returns the server-side and round-trip p50/p99. */
async function run(url: string, samples: number[]) {
  for (let i = 0; i < WARM_UP; i++) await get(url);
  samples.length = 0;
  const trips: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = process.hrtime.bigint();
    const status = await get(url);
    trips.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (status >= 400) throw new Error(`${url} answered ${status}`);
  }
  const server = [...samples].sort((a, b) => a - b);
  trips.sort((a, b) => a - b);
  return {
    p50: percentile(server, 50),
    p99: percentile(server, 99),
    tripP99: percentile(trips, 99),
  };
}

/** Server-side time per page on the real knowledge, beside a bare node:http server sending a page-sized body. */
export async function benchWeb(): Promise<void> {
  console.log('\n== web: server-side time per page, real knowledge, sequential keep-alive requests ==');
  console.log('  (server: from the request to the last byte handed to the socket, timed inside the server)');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-bench-web-'));
  const logger = pino({ level: 'silent' });
  const app = await createApp({
    knowledgeDir: path.join(ROOT, 'knowledge'),
    dataDir,
    storeUrl: 'memory://',
    defaultLocale: 'en',
    logger,
  });
  const siteSamples: number[] = [];
  const deps: SiteDeps = {
    core: app.core,
    gaps: app.gaps,
    history: (id) => app.editor.history(id),
    publicUrl: 'https://factdesk.example',
  };
  const site: RouteHandler = createSiteHandler(deps);
  // The same pages without a socket: what building the response costs.
  const respond = createSite(deps);
  const render = (page: string) => {
    const url = new URL(page, 'http://bench.invalid');
    return measure(
      () => respond({ method: 'GET', path: url.pathname, query: url.searchParams, headers: {} }),
      REQUESTS,
    );
  };
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: {},
    fallback: timed(site, siteSamples) as RouteHandler,
    logger,
  });

  // The ceiling: node:http answering a fixed body the size of the R1 figure page.
  const body = Buffer.from('x'.repeat(13_000));
  const bareSamples: number[] = [];
  const bare = createServer(
    timed(
      (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body),
      bareSamples,
    ),
  );
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  try {
    const baseline = await run(bareUrl, bareSamples);
    console.log(
      `    ${'bare node:http, 13 kB body (baseline)'.padEnd(40)} server p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}  round trip p99 ${ms(baseline.tripP99)}`,
    );
    let worst = 0;
    for (const page of PAGES) {
      const t = await run(`${server.url}${page}`, siteSamples);
      const built = await render(page);
      worst = Math.max(worst, t.p99);
      console.log(
        `    ${page.padEnd(40)} server p50 ${ms(t.p50)}  p99 ${ms(t.p99)}  round trip p99 ${ms(t.tripP99)}  (${(t.p99 / baseline.p99).toFixed(1)}× bare p99; building the response alone p99 ${ms(built.p99)})`,
      );
    }
    console.log(`  slowest page p99: ${ms(worst)} (target < 5 ms)`);
  } finally {
    agent.destroy();
    await server.close();
    await new Promise((resolve) => bare.close(resolve));
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
