import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { BadRequestError, IncompleteBodyError, readBody } from '../../src/adapters/http.js';

let server: Server | undefined;
afterEach(
  () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

/** A server on 127.0.0.1 that reads each body with `readBody(limit)` and reports what it got. */
async function bodyServer(limit: number, seen: (result: Buffer | Error) => void): Promise<string> {
  server = createServer((req, res) => {
    readBody(req, limit).then(
      (body) => {
        seen(body);
        res.writeHead(200).end(String(body.length));
      },
      (err: unknown) => {
        if (!(err instanceof Error)) throw err;
        seen(err);
        if (err instanceof BadRequestError) {
          req.resume();
          res.writeHead(err.status).end();
        }
      },
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Writes `parts` as a chunked body, one event-loop turn apart, and resolves with the status. */
function postChunks(url: string, parts: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    const next = (i: number) => {
      if (req.destroyed) return;
      if (i === parts.length) return void req.end();
      req.write(parts[i]);
      setTimeout(() => next(i + 1), 5);
    };
    next(0);
  });
}

describe('readBody', () => {
  test('GIVEN a body in several chunks THEN it arrives whole and in order', async () => {
    const got: (Buffer | Error)[] = [];
    const url = await bodyServer(1024, (r) => got.push(r));
    const parts = ['{"update_id":', '1,"text":"', 'é'.repeat(100), '"}'];
    expect(await postChunks(url, parts)).toBe(200);
    expect(String(got[0])).toBe(parts.join(''));
  });

  test('GIVEN a chunked body over the limit THEN it is refused with 413 and the client gets the answer', async () => {
    const got: (Buffer | Error)[] = [];
    const url = await bodyServer(10, (r) => got.push(r));
    expect(await postChunks(url, ['0123456789', 'abcdef', 'more after the limit'])).toBe(413);
    expect(got[0]).toBeInstanceOf(BadRequestError);
  });

  test('GIVEN a client that goes away mid-body THEN the read fails as incomplete, not as a server fault', async () => {
    let seen: (r: Buffer | Error) => void = () => undefined;
    const result = new Promise<Buffer | Error>((resolve) => (seen = resolve));
    const url = await bodyServer(1024, (r) => seen(r));
    const req = request(url, { method: 'POST', headers: { 'content-length': '100' } });
    req.on('error', () => undefined);
    req.write('{"partial":');
    setTimeout(() => req.destroy(), 20);
    expect(await result).toBeInstanceOf(IncompleteBodyError);
  });
});
