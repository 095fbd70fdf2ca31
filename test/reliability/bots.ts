import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Answer } from '../../src/core/answer.js';
import type { Actor } from '../../src/core/command.js';
import { cleanEnv } from '../process.js';
import { ROOT } from '../helpers.js';

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
      if (child.exitCode !== null) return;
      child.stdin.end();
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
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
