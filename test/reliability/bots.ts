import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Answer } from '../../src/core/answer.js';
import type { Actor } from '../../src/core/command.js';
import { createApp, type App } from '../../src/app.js';
import { cleanEnv } from '../process.js';
import { KNOWLEDGE_DIR, ROOT, silentLogger } from '../helpers.js';

import { freePort } from '../fakes/redis-server.js';

export { freePort, startRedisServer } from '../fakes/redis-server.js';

/** A bot process running `worker.js` over the compiled app; requests may overlap. */
export interface Bot {
  ask(command: string, args: Record<string, string>, actor: Actor): Promise<Answer>;
  state(): Promise<string>;
  /** Everything the process logged so far (JSON lines on stderr). */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts a bot process with these settings (STORE_URL, DATA_DIR, REDIS_PREFIX, STORE_TIMEOUT_MS …) and waits until it is ready. */
export async function startBot(env: Record<string, string>): Promise<Bot> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [path.join(ROOT, 'test/reliability/worker.js')],
    { cwd: ROOT, env: cleanEnv(env) },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const waiting = new Map<number, (message: Record<string, unknown>) => void>();
  let next = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bot exited (${String(code)}): ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as Record<string, unknown>;
      if (message.ready === true) resolve();
      else waiting.get(Number(message.id))?.(message);
    });
  });
  await ready;
  const send = (request: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  return {
    ask: async (command, args, actor) => (await send({ command, args, actor })).answer as Answer,
    state: async () => String((await send({ op: 'state' })).state),
    logs: () => stderr,
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `check` holds, polling every 50 ms; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const moderator: Actor = { platform: 'console', userId: 'mod', name: 'Mod', isModerator: true };

/** A prefix of its own keeps a test's keys and channels apart from everything else on the same Redis. */
export const redisPrefix = (name: string) => `factdesk-test-${name}-${process.pid}-${Date.now()}:`;

/** A TCP proxy on 127.0.0.1 in front of a port, which a test can stall (hold all data), resume or cut. */
export interface Proxy {
  port: number;
  /** Holds every byte in both directions, as a stalled network or server would; connections stay open. */
  stall(): void;
  resume(): void;
  /** Drops every connection and refuses new ones until `restore`. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const held: (() => void)[] = [];
  let stalled = false;
  const forward = (from: net.Socket, to: net.Socket) =>
    from.on('data', (chunk: Buffer) => {
      if (stalled) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream);
    forward(upstream, client);
  });
  const port = await freePort();
  const listen = async () => {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
  };
  await listen();
  return {
    port,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const write of held.splice(0)) write();
    },
    async cut() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: listen,
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The app in this process on a store (for checking what other processes stored, or in-process runs). */
export function openApp(storeUrl: string | undefined, dataDir: string, prefix?: string): Promise<App> {
  return createApp({
    knowledgeDir: KNOWLEDGE_DIR,
    dataDir,
    storeUrl,
    defaultLocale: 'en',
    logger: silentLogger,
    ...(prefix !== undefined && { redisPrefix: prefix }),
  });
}
