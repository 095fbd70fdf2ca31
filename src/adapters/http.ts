import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** Handles one request; it must end the response. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface HttpServer {
  /** `http://127.0.0.1:<port>` once listening. */
  url: string;
  close(): Promise<void>;
}

/**
 * The one small HTTP server of the process: Telegram's webhook, Discord's interactions endpoint and
 * `/healthz`, on `PORT`. Routes are exact `METHOD /path` keys; anything else is 404.
 */
export async function startHttpServer(options: {
  port: number;
  host?: string;
  routes: Readonly<Record<string, RouteHandler>>;
  logger: Logger;
  /** The store's state for `/healthz`; answers are served either way, so the status stays 200. */
  storeState?: () => 'up' | 'down';
}): Promise<HttpServer> {
  const routes = new Map(Object.entries(options.routes));
  routes.set('GET /healthz', (_req, res) => {
    const store = options.storeState?.();
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify(store === undefined ? { ok: true } : { ok: true, store }));
  });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes.get(`${req.method ?? 'GET'} ${path}`);
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      options.logger.error({ err, path }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });
  // Slow clients must not hold sockets forever; Telegram and Discord send small bodies quickly.
  server.requestTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
