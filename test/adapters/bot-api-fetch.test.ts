import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { BotApiAnswerError, createBotApiFetch } from '../../src/adapters/telegram/bot-api-fetch.js';

interface Seen {
  authorization: string | undefined;
  socket: number;
}

/** A Bot API stand-in on 127.0.0.1 that answers with `answer` and notes each request's socket. */
async function server(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const sockets = new Set<unknown>();
  const s = createServer((req, res) => {
    sockets.add(req.socket);
    seen.push({ authorization: req.headers.authorization, socket: [...sockets].indexOf(req.socket) });
    req.resume();
    req.on('end', () => answer(req, res));
  });
  // Like a server that does not say how long it keeps idle connections (no Keep-Alive header).
  s.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  closers.push(() => {
    s.closeAllConnections();
    return new Promise<void>((resolve) => s.close(() => resolve()));
  });
  return { root: `http://127.0.0.1:${port}`, seen };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const ok = (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":true}');
const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };

describe('the Bot API client', () => {
  test('a login in the API root is sent as Basic auth, and the token path is kept', async () => {
    const api = await server(ok);
    const withLogin = api.root.replace('http://', 'http://bot%20user:p%40ss@');
    const fetch = createBotApiFetch(withLogin);
    const res = await fetch(`${withLogin}/bot1:x/sendMessage`, post);
    expect(await res.json()).toEqual({ ok: true, result: true });
    expect(api.seen[0]?.authorization).toBe(`Basic ${Buffer.from('bot user:p@ss').toString('base64')}`);
    await createBotApiFetch(api.root)(`${api.root}/bot1:x/getMe`, post);
    expect(api.seen[1]?.authorization).toBeUndefined();
  });

  test('an idle connection is used again after 4.5 s, though the server gives no keep-alive time', async () => {
    const api = await server(ok);
    const fetch = createBotApiFetch(api.root);
    await (await fetch(`${api.root}/bot1:x/sendMessage`, post)).json();
    await new Promise((resolve) => setTimeout(resolve, 4500));
    await (await fetch(`${api.root}/bot1:x/sendMessage`, post)).json();
    expect(api.seen.map((s) => s.socket)).toEqual([0, 0]);
  }, 10_000);

  test('an answer cut off after it began is told apart from a connection closed before any answer', async () => {
    const cut = await server((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 });
      res.write('{"ok":true,');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const fetch = createBotApiFetch(cut.root);
    const answer = await fetch(`${cut.root}/bot1:x/sendMessage`, post);
    await expect(answer.json()).rejects.toBeInstanceOf(BotApiAnswerError);

    const closed = await server((req) => req.socket.destroy());
    await expect(
      createBotApiFetch(closed.root)(`${closed.root}/bot1:x/sendMessage`, post),
    ).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  test('a body that is not JSON (a proxy’s error page) is an unreadable answer, not a crash', async () => {
    const proxy = await server((_req, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>'),
    );
    const answer = await createBotApiFetch(proxy.root)(`${proxy.root}/bot1:x/getMe`, post);
    await expect(answer.json()).rejects.toBeInstanceOf(BotApiAnswerError);
  });
});
