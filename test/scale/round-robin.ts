import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP load balancer on 127.0.0.1: each request goes to the next upstream in turn. */
export interface RoundRobin {
  url: string;
  /** The upstream index that served each request, in order. */
  served: number[];
  close(): Promise<void>;
}

/** Starts a round-robin proxy in front of these ports on 127.0.0.1 (as a cloud load balancer would be). */
export async function startRoundRobin(ports: readonly number[]): Promise<RoundRobin> {
  const served: number[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const index = next++ % ports.length;
    served.push(index);
    const upstream = request(
      { host: '127.0.0.1', port: ports[index], method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end('upstream failed'));
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
