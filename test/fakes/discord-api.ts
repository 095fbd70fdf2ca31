import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One REST call as the bot made it. */
export interface RestCall {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A fake Discord REST API on 127.0.0.1 that records calls: interaction callbacks answer 204 with no
 * body, follow-ups and edits return message objects, command registration returns what it was given.
 * `rateLimitNext` answers the next matching call with a 429 and `retry_after`.
 */
export interface FakeDiscordApi {
  /** The REST `api` option for discord.js: base without the version. */
  url: string;
  calls: RestCall[];
  nextCall(match: (c: RestCall) => boolean, timeoutMs?: number): Promise<RestCall>;
  rateLimitNext(match: RegExp, retryAfterSeconds: number): void;
  /** Answers the next call matching `METHOD /path` with this status and a Discord error body. */
  failNext(match: RegExp, status: number): void;
  /** What `GET /gateway/bot` answers: the gateway address and the recommended shard count. */
  setGateway(url: string, shards: number): void;
  close(): Promise<void>;
}

export async function startFakeDiscordApi(): Promise<FakeDiscordApi> {
  const calls: RestCall[] = [];
  const taken = new Set<RestCall>();
  const waiters: { match: (c: RestCall) => boolean; resolve: (c: RestCall) => void }[] = [];
  const limits: { match: RegExp; retryAfter: number }[] = [];
  const failures: { match: RegExp; status: number }[] = [];
  const commands = new Map<string, unknown[]>();
  let gateway: { url: string; shards: number } | undefined;
  let nextId = 1;

  const record = (call: RestCall) => {
    calls.push(call);
    const i = waiters.findIndex((w) => w.match(call));
    if (i >= 0) {
      taken.add(call);
      waiters.splice(i, 1)[0]?.resolve(call);
    }
  };

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    return raw ? (JSON.parse(raw) as unknown) : undefined;
  }

  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').split('?')[0]!.replace(/^\/api\/v\d+/, '');
      const method = req.method ?? 'GET';
      const body = await readBody(req);
      const limited = limits.findIndex((l) => l.match.test(`${method} ${path}`));
      if (limited >= 0) {
        const [l] = limits.splice(limited, 1);
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(l?.retryAfter ?? 1),
          'x-ratelimit-scope': 'user',
        });
        res.end(
          JSON.stringify({
            message: 'You are being rate limited.',
            retry_after: l?.retryAfter ?? 1,
            global: false,
          }),
        );
        calls.push({ method: `${method} (429)`, path, body });
        return;
      }
      const failure = failures.findIndex((f) => f.match.test(`${method} ${path}`));
      if (failure >= 0) {
        const [f] = failures.splice(failure, 1);
        calls.push({ method: `${method} (${f?.status ?? 500})`, path, body });
        json(res, f?.status ?? 500, { message: 'Injected failure', code: 0 });
        return;
      }
      record({ method, path, body });
      if (/^\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) {
        res.writeHead(204).end();
      } else if (/^\/webhooks\/[^/]+\/[^/]+(\/messages\/[^/]+)?$/.test(path)) {
        json(res, 200, {
          id: String(nextId++),
          channel_id: '1',
          content: '',
          embeds: [],
          ...(body as object),
        });
      } else if (path === '/gateway/bot' && gateway) {
        // A high max_concurrency lets every shard identify at once (no 5 s wait between them).
        json(res, 200, {
          ...gateway,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
        });
      } else if (/^\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(path)) {
        if (method === 'PUT' && Array.isArray(body)) commands.set(path, body);
        json(res, 200, commands.get(path) ?? []);
      } else {
        json(res, 404, { message: 'Unknown route', code: 0 });
      }
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    calls,
    nextCall(match, timeoutMs = 5000) {
      const ready = calls.find((c) => match(c) && !taken.has(c));
      if (ready) {
        taken.add(ready);
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('expected REST call not made')), timeoutMs);
        waiters.push({
          match,
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        });
      });
    },
    rateLimitNext(match, retryAfterSeconds) {
      limits.push({ match, retryAfter: retryAfterSeconds });
    },
    failNext(match, status) {
      failures.push({ match, status });
    },
    setGateway(url, shards) {
      gateway = { url, shards };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
