import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers.js';
import { cleanEnv } from '../process.js';

/** Secrets the reliability tests configure and then look for in every line the process writes. */
export const SECRETS = {
  TELEGRAM_BOT_TOKEN: '4242:TgSecretTokenValue-xyz_123',
  TELEGRAM_WEBHOOK_SECRET: 'WebhookSecretValue_abc-987',
  DISCORD_TOKEN: 'DiscordTokenValue.ABCDEFGHIJ.klmnopqrstuvwxyz',
};
export const APP_ID = '123456789012';

const keys = generateKeyPairSync('ed25519');
/** The Discord application public key (hex) matching `signInteraction`. */
export const PUBLIC_KEY_HEX = keys.publicKey
  .export({ format: 'der', type: 'spki' })
  .subarray(-32)
  .toString('hex');

/** Headers Discord would send with `raw`, signed now with the test key. */
export function signInteraction(raw: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + raw), keys.privateKey).toString('hex'),
    'x-signature-timestamp': timestamp,
  };
}

let counter = 0;
/** A slash-command interaction from a server member without special permissions. */
export function slashCommand(
  name: string,
  options: Record<string, string> = {},
  member: Record<string, unknown> = {},
) {
  counter++;
  return {
    id: `${counter}`,
    application_id: APP_ID,
    type: 2,
    token: `interaction-token-${counter}`,
    version: 1,
    locale: 'en-US',
    guild_id: '900',
    channel: { id: '901', type: 0 },
    member: { user: { id: '42', username: 'budi' }, roles: [], permissions: '0', ...member },
    data: {
      id: 'c1',
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
    },
  };
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** The real bot process (`dist/src/main.js`), with everything it writes on stdout and stderr. */
export interface BotProcess {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves when the output matches `pattern`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Sends `signal` and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  exited: Promise<number | null>;
}

/** Starts the bot with a clean environment plus `env` (and a fresh DATA_DIR). */
export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: cleanEnv({
      DATA_DIR: await mkdtemp(path.join(tmpdir(), 'factdesk-reliability-')),
      WATCH_KNOWLEDGE: 'false',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running = false;
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    output: () => output,
    alive: () => running,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          } else if (!running) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`process exited before printing ${pattern}:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output.slice(-3000)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      if (running) child.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}

/** Every configured secret that appears in `text` (should be none). */
export function leakedSecrets(text: string): string[] {
  return [...Object.values(SECRETS), PUBLIC_KEY_HEX].filter((s) => text.includes(s));
}

/** Strings with an unpaired UTF-16 surrogate, anywhere inside JSON-like data. */
export function loneSurrogates(value: unknown): string[] {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  if (typeof value === 'string') return lone.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(loneSurrogates);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(loneSurrogates);
  return [];
}
