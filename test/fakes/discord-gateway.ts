import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** What a shard sent in its IDENTIFY (op 2). */
export interface Identify {
  token: string;
  intents: number;
  /** [shard id, shard count] */
  shard: [number, number];
}

/**
 * A fake Discord gateway on 127.0.0.1 speaking the JSON protocol discord.js (@discordjs/ws) uses:
 * HELLO on connect, READY (no guilds) after IDENTIFY, HEARTBEAT_ACK for each heartbeat, and any
 * dispatch a test sends to the connection that identified as a given shard.
 * Its address is what the fake REST API's `GET /gateway/bot` returns (`FakeDiscordApi.setGateway`).
 */
export interface FakeGateway {
  /** ws://127.0.0.1:<port> */
  url: string;
  /** Every IDENTIFY so far, in order. */
  identifies: Identify[];
  /** Resolves once shards with these ids have identified (with any count). */
  waitForShards(ids: readonly number[], timeoutMs?: number): Promise<void>;
  /** Sends a dispatch (op 0) such as INTERACTION_CREATE to the connection of shard `shardId`. */
  dispatch(shardId: number, event: string, data: unknown): void;
  close(): Promise<void>;
}

interface Connection {
  socket: WebSocket;
  shard?: [number, number];
  seq: number;
}

export async function startFakeGateway(applicationId: string): Promise<FakeGateway> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const identifies: Identify[] = [];
  const connections = new Set<Connection>();
  const listeners = new Set<() => void>();
  let sessions = 0;

  const send = (c: Connection, payload: Record<string, unknown>) => c.socket.send(JSON.stringify(payload));

  server.on('connection', (socket) => {
    const c: Connection = { socket, seq: 0 };
    connections.add(c);
    socket.on('close', () => connections.delete(c));
    send(c, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (raw: Buffer) => {
      const payload = JSON.parse(raw.toString('utf8')) as { op: number; d: unknown };
      if (payload.op === 1) send(c, { op: 11, d: null, s: null, t: null });
      if (payload.op === 2) {
        const identify = payload.d as Identify;
        c.shard = identify.shard;
        identifies.push(identify);
        send(c, {
          op: 0,
          t: 'READY',
          s: ++c.seq,
          d: {
            v: 10,
            user: {
              id: '1000',
              username: 'factdesk',
              discriminator: '0',
              global_name: null,
              avatar: null,
              bot: true,
            },
            guilds: [],
            session_id: `session-${++sessions}`,
            resume_gateway_url: url,
            shard: identify.shard,
            application: { id: applicationId, flags: 0 },
          },
        });
        for (const l of listeners) l();
      }
    });
  });

  return {
    url,
    identifies,
    waitForShards(ids, timeoutMs = 20_000) {
      const done = () => ids.every((id) => identifies.some((i) => i.shard[0] === id));
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!done()) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`shards ${ids.join(',')} did not identify; got ${JSON.stringify(identifies)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    dispatch(shardId, event, data) {
      const c = [...connections].find((x) => x.shard?.[0] === shardId);
      if (!c) throw new Error(`no connection identified as shard ${shardId}`);
      send(c, { op: 0, t: event, s: ++c.seq, d: data });
    },
    async close() {
      for (const c of connections) c.socket.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
