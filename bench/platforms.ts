import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import path from 'node:path';
import autocannon from 'autocannon';
import { messageUpdate } from '../test/fakes/bot-api.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DURATION_SECONDS = 8;
const CONNECTIONS = 10;

interface Started {
  url: string;
  child: ChildProcess;
}

/** Starts `bench/servers.ts <kind>` in its own process and waits for its `ready <url>` line. */
function startServer(kind: string, ...args: string[]): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench/servers.ts'), kind, ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /ready (\S+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${String(code)})`)));
  });
}

function stop(s: Started): void {
  s.child.removeAllListeners('exit');
  s.child.kill('SIGKILL');
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, body: string, headers: Record<string, string>): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

const row = (name: string, l: Load, ratio = '') =>
  `    ${name.padEnd(44)} ${l.rps.toFixed(0).padStart(6)} req/s  p50 ${String(l.p50).padStart(3)} ms  p99 ${String(l.p99).padStart(3)} ms  errors ${l.errors}${ratio}`;

/** Telegram webhook path: factdesk vs a minimal grammY bot vs a bare HTTP server, same fake Bot API. */
export async function benchTelegram(): Promise<void> {
  console.log(
    `\n== Telegram webhook: /cost r1 updates, ${CONNECTIONS} connections × ${DURATION_SECONDS} s each, fake Bot API in its own process ==`,
  );
  const api = await startServer('fake-bot-api');
  const update = JSON.stringify({
    update_id: 1,
    ...messageUpdate('/cost r1', { id: 7, is_bot: false, first_name: 'A' }),
  });
  const headers = { 'x-telegram-bot-api-secret-token': 'bench-secret' };
  const results = new Map<string, Load>();
  try {
    for (const kind of ['bare', 'grammy', 'telegram', 'telegram-reply']) {
      const server = await startServer(kind, api.url);
      try {
        results.set(kind, await load(server.url, update, headers));
      } finally {
        stop(server);
      }
    }
  } finally {
    stop(api);
  }
  const bare = results.get('bare');
  const grammy = results.get('grammy');
  if (!bare || !grammy) return;
  console.log(row('bare Node HTTP, fixed body (ceiling)', bare));
  console.log(
    row('minimal grammY bot, fixed reply', grammy, `  (${(grammy.rps / bare.rps).toFixed(2)}× bare)`),
  );
  for (const [kind, label] of [
    ['telegram', 'factdesk, reply via sendMessage'],
    ['telegram-reply', 'factdesk, reply in the webhook response'],
  ] as const) {
    const l = results.get(kind);
    if (l)
      console.log(
        row(
          label,
          l,
          `  (${(l.rps / grammy.rps).toFixed(2)}× grammY, ${(l.rps / bare.rps).toFixed(2)}× bare)`,
        ),
      );
  }
}

/** Discord HTTP interactions: factdesk answering signed /cost r1 interactions vs a bare HTTP echo. */
export async function benchDiscord(): Promise<void> {
  console.log(
    `\n== Discord HTTP interactions: signed /cost r1, ${CONNECTIONS} connections × ${DURATION_SECONDS} s each ==`,
  );
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const body = JSON.stringify({
    id: '1',
    application_id: '222222222222222222',
    type: 2,
    token: 'tok',
    version: 1,
    locale: 'en-US',
    guild_id: '9',
    member: { user: { id: '42', username: 'a' }, roles: [], permissions: '0' },
    data: { id: 'c', name: 'cost', type: 1, options: [{ name: 'subject', type: 3, value: 'r1' }] },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex'),
    'x-signature-timestamp': timestamp,
  };
  const bare = await startServer('bare');
  let baseline: Load;
  try {
    baseline = await load(bare.url, body, headers);
  } finally {
    stop(bare);
  }
  const discord = await startServer('discord', 'http://127.0.0.1:9/api', publicKey);
  try {
    const l = await load(discord.url, body, headers);
    console.log(row('bare Node HTTP echo (ceiling)', baseline));
    console.log(
      row(
        'factdesk /interactions (verify + answer)',
        l,
        `  (${(l.rps / baseline.rps).toFixed(2)}× bare; goal p99 well under 50 ms)`,
      ),
    );
  } finally {
    stop(discord);
  }
}
