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

/** Telegram updates and Discord interactions are a few kilobytes; 1 MB is ample. */
export const MAX_BODY_BYTES = 1 << 20;
/** A whole request (headers and body) must arrive within this; slow uploads are cut. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The rest of a refused body up to this size is read and discarded, so the client (which writes its
 * whole body before reading) sees the 413; beyond it the connection is cut.
 */
const MAX_DRAIN_BYTES = 8 << 20;

/** Answers a refused request; an oversize body is drained (bounded) so the client gets the answer. */
function refuse(req: IncomingMessage, res: ServerResponse, status: 400 | 413): void {
  const draining = status === 413 && !req.complete;
  if (draining) {
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
    });
    req.resume();
  }
  // `connection: close` would cut the socket as soon as the answer is flushed, while the client is
  // still writing; a drained request keeps it until its body is read (the 15 s timeout still holds).
  if (!res.headersSent) res.writeHead(status, draining ? {} : { connection: 'close' });
  res.end();
}

/** A request the server refuses as sent: too large (413) or not JSON (400). */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? 'request body too large' : 'request body is not JSON');
  }
}

/** The request ended (client gone, connection cut) before its whole body arrived. */
export class IncompleteBodyError extends Error {
  override readonly name = 'IncompleteBodyError';
  constructor(cause?: Error) {
    super('request closed before its body arrived', { cause });
  }
}

/**
 * Reads a request body, refusing more than `limit` bytes (by Content-Length up front, else as it
 * arrives) without buffering the rest. Listens for `data` directly: an async iterator per request
 * costs more than the read itself for the few-kilobyte bodies the platforms send, and a refused
 * body stays readable so `refuse` can drain it and the client sees the 413.
 * @throws BadRequestError 413 when the body is too large
 * @throws IncompleteBodyError when the request closes before its body ends
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(new BadRequestError(413));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        done();
        req.pause();
        reject(new BadRequestError(413));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => {
      done();
      // One chunk is the usual case for a few-kilobyte body: no copy.
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    // Node reports a client that goes away mid-body as an `aborted` error, or only by closing.
    const onError = (err: Error) => {
      done();
      reject(new IncompleteBodyError(err));
    };
    const onClose = () => {
      done();
      reject(new IncompleteBodyError());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Parses a JSON body.
 * @throws BadRequestError 400 when it is not JSON
 */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequestError(400);
  }
}

/**
 * The one small HTTP server of the process: Telegram's webhook, Discord's interactions endpoint and
 * `/healthz`, on `PORT`. Routes are exact `METHOD /path` keys; anything else is 404. Bodies over
 * 1 MB get 413, malformed JSON 400, and a request still arriving after 15 s is cut.
 */
export async function startHttpServer(options: {
  port: number;
  host?: string;
  routes: Readonly<Record<string, RouteHandler>>;
  /** Serves every request no exact route matched (the site); without it those get 404. */
  fallback?: RouteHandler;
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
  // Timeouts are set at creation: Node arms its checks with the values given here (checked every second).
  const server: Server = createServer(
    { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: 10_000, connectionsCheckingInterval: 1000 },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const handler = routes.get(`${req.method ?? 'GET'} ${path}`) ?? options.fallback;
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      Promise.resolve(handler(req, res)).catch((err: unknown) => {
        if (err instanceof BadRequestError) {
          options.logger.debug({ path, status: err.status }, 'http request refused');
          refuse(req, res, err.status);
          return;
        }
        if (err instanceof IncompleteBodyError) {
          // The client went away mid-request: nothing to answer, and no fault of ours.
          options.logger.debug({ path }, 'http request ended before its body');
          res.destroy();
          return;
        }
        options.logger.error({ err, path }, 'http handler failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.end();
      });
    },
  );
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
