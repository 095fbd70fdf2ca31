import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ROOT, scriptArgs } from './paths.js';

const REPEATS = 3;
const WARM_UP_SECONDS = 2;
const DURATION_SECONDS = 8;
const CONNECTIONS = 10;
const SECRET = 'bench-secret';
const TOKEN = '1:bench';
/**
 * Rotating chats, private and group taking turns (see `telegramUpdates`): at 20,000 updates/s a group
 * gets 5 updates in the flood limit's 10 s window (limit 8), so both sides answer every update.
 */
const PRIVATE_USERS = 50_000;
const GROUPS = 20_000;

interface Started {
  url: string;
  child: ChildProcess;
  cleanup?: () => Promise<void>;
}

/** Starts a node process (with the CPU probe preloaded) and waits for its URL on stdout. */
function startProcess(args: string[], env: NodeJS.ProcessEnv, urlOf: (out: string) => string | undefined) {
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--import',
      path.join(import.meta.dirname, `cpu-probe${path.extname(import.meta.filename)}`),
      ...args,
    ],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  return new Promise<Started>((resolve, reject) => {
    let out = '';
    let found = false;
    // Keep draining both streams (the product logs at info on stderr), but stop collecting once ready.
    const watch = (d: Buffer) => {
      if (found) return;
      out += d.toString();
      const url = urlOf(out);
      if (url) {
        found = true;
        resolve({ url, child });
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${String(code)})\n${out}`)));
  });
}

const readyLine = (out: string) => /ready (\S+)/.exec(out)?.[1];

/** A baseline or fake from bench/servers. */
const startServer = (...args: string[]) =>
  startProcess([...scriptArgs('servers'), ...args], process.env, readyLine);

/** factdesk itself, as users run it: `node dist/src/main.js`, embedded SQLite in a fresh DATA_DIR, info logs. */
async function startFactdesk(env: Record<string, string>, route: string): Promise<Started> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'factdesk-bench-'));
  const started = await startProcess(
    [path.join(ROOT, 'dist/src/main.js')],
    { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...env },
    (out) => /"url":"([^"]+)"[^\n]*"msg":"http server listening"/.exec(out)?.[1],
  );
  return {
    ...started,
    url: `${started.url}${route}`,
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function stop(s: Started): Promise<void> {
  s.child.removeAllListeners('exit');
  const exited = new Promise((resolve) => s.child.once('exit', resolve));
  s.child.kill('SIGKILL');
  await exited;
  await s.cleanup?.();
}

/** The process's own user + system CPU time in µs, asked through the preloaded probe. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: { cpu: NodeJS.CpuUsage }) => resolve(m.cpu.user + m.cpu.system));
    child.send('cpu');
  });
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the server process per answered request, µs. */
  cpuUs: number;
}

async function load(
  server: Started,
  next: () => { body: string; headers?: Record<string, string> },
  headers: Record<string, string>,
  seconds: number,
): Promise<Load> {
  const before = await cpuOf(server.child);
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const n = next();
          return { ...req, body: n.body, headers: { ...req.headers, ...n.headers } };
        },
      },
    ],
  });
  const cpu = (await cpuOf(server.child)) - before;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    cpuUs: cpu / Math.max(1, result['2xx']),
  };
}

interface Contender {
  label: string;
  start(): Promise<Started>;
}

const range = (values: number[], digits = 0) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo.toFixed(digits) === hi.toFixed(digits)
    ? lo.toFixed(digits)
    : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
};

/**
 * Runs baseline and product REPEATS times, alternating which goes first, each in a fresh process with
 * a warm-up, and prints ranges and per-repeat ratios (product ÷ baseline measured back to back).
 */
async function compare(
  baseline: Contender,
  product: Contender,
  requests: () => () => { body: string; headers?: Record<string, string> },
  headers: Record<string, string>,
): Promise<void> {
  const runs: { baseline: Load; product: Load }[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const order = r % 2 === 0 ? [baseline, product] : [product, baseline];
    const got = new Map<Contender, Load>();
    for (const c of order) {
      const server = await c.start();
      try {
        const next = requests();
        await load(server, next, headers, WARM_UP_SECONDS);
        got.set(c, await load(server, next, headers, DURATION_SECONDS));
      } finally {
        await stop(server);
      }
    }
    const b = got.get(baseline);
    const p = got.get(product);
    if (b && p) runs.push({ baseline: b, product: p });
  }
  const row = (label: string, loads: Load[]) =>
    `    ${label.padEnd(48)} ${range(loads.map((l) => l.rps)).padStart(11)} req/s  p50 ${range(loads.map((l) => l.p50))} ms  p99 ${range(loads.map((l) => l.p99))} ms  CPU ${range(loads.map((l) => l.cpuUs))} µs/update  errors ${loads.reduce((n, l) => n + l.errors, 0)}`;
  console.log(
    row(
      baseline.label,
      runs.map((r) => r.baseline),
    ),
  );
  console.log(
    row(
      product.label,
      runs.map((r) => r.product),
    ),
  );
  console.log(
    `    ${'ratio (factdesk ÷ baseline, per repeat)'.padEnd(48)} throughput ${range(
      runs.map((r) => r.product.rps / r.baseline.rps),
      2,
    )}×   CPU per update ${range(
      runs.map((r) => r.product.cpuUs / r.baseline.cpuUs),
      2,
    )}×`,
  );
}

/**
 * Updates with unique ids, alternating private chats and groups; each chat stays under the flood
 * limit, so every update gets the full answer (a flooded chat would get no answer, or a slow-down
 * notice, which is not the work being compared).
 */
function telegramUpdates(): () => { body: string } {
  let n = 0;
  return () => {
    n++;
    // Every other update goes to a group: count each kind on its own, so all of them take turns.
    const k = n >> 1;
    const user = { id: 10_000_000 + (k % PRIVATE_USERS), is_bot: false, first_name: 'U' };
    const chat =
      n % 2 === 0
        ? { id: user.id, type: 'private', first_name: 'U' }
        : { id: -1_000_000_000 - (k % GROUPS), type: 'group', title: 'G' };
    const update = {
      update_id: n,
      message: {
        message_id: n,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: user,
        text: '/cost r1',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };
    return { body: JSON.stringify(update) };
  };
}

/** Posts one body and returns the response text. */
async function post(url: string, body: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/**
 * Telegram webhook: factdesk against a minimal grammY bot sending the same reply, in each reply mode;
 * both compiled, the same fake Bot API in its own process, the same connections and updates.
 */
export async function benchTelegram(): Promise<void> {
  console.log(
    `\n== Telegram webhook: /cost r1 from rotating private chats and groups, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up + ${DURATION_SECONDS} s, ${REPEATS} repeats ==`,
  );
  console.log(
    '   factdesk: node dist/src/main.js, embedded SQLite, LOG_LEVEL=info; fake Bot API in its own process',
  );
  const api = await startServer('fake-bot-api');
  const headers = { 'x-telegram-bot-api-secret-token': SECRET };
  const work = await mkdtemp(path.join(tmpdir(), 'factdesk-bench-tg-'));
  const factdesk = (reply: boolean): Contender => ({
    label: `factdesk, ${reply ? 'reply in the webhook response' : 'reply via sendMessage'}`,
    start: () =>
      startFactdesk(
        {
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: api.url,
          TELEGRAM_WEBHOOK_URL: 'https://bench.example.org/telegram',
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          TELEGRAM_WEBHOOK_REPLY: String(reply),
        },
        '/telegram',
      ),
  });
  try {
    // The baseline sends exactly what factdesk sends: its reply to /cost r1, captured once.
    const probe = await factdesk(true).start();
    let replyFile: string;
    try {
      const sent = await post(probe.url, telegramUpdates()().body, headers);
      replyFile = path.join(work, 'reply.json');
      await writeFile(replyFile, sent);
      const { text } = JSON.parse(sent) as { text: string };
      console.log(`   reply: ${text.length} characters of HTML with its keyboard (same bytes for both)`);
    } finally {
      await stop(probe);
    }
    for (const reply of [false, true]) {
      const mode = reply ? 'webhook-reply' : 'send-message';
      console.log(`  ${reply ? 'reply in the webhook response' : 'reply via sendMessage'}:`);
      await compare(
        {
          label: `minimal grammY bot, same mode`,
          start: () => startServer('grammy', api.url, replyFile, mode),
        },
        factdesk(reply),
        telegramUpdates,
        headers,
      );
      if (reply) continue;
      // factdesk calls the Bot API through undici, not grammY's default node-fetch; against a minimal
      // bot on the same client, what is left is the cost of factdesk's own work per update.
      console.log('  reply via sendMessage, the minimal bot on the same Bot API client (undici):');
      await compare(
        {
          label: `minimal grammY bot, same mode and client`,
          start: () => startServer('grammy', api.url, replyFile, mode, 'undici'),
        },
        factdesk(reply),
        telegramUpdates,
        headers,
      );
    }
  } finally {
    await stop(api);
    await rm(work, { recursive: true, force: true });
  }
}

/** Signed interactions from rotating users, in servers and in DMs; signed up front, so signing costs no load time. */
function discordInteractions(
  privateKey: KeyObject,
  count = 500,
): () => () => { body: string; headers: Record<string, string> } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const pool = Array.from({ length: count }, (_, n) => {
    const user = { id: String(300_000_000_000_000_000n + BigInt(n)), username: `u${n}` };
    const where =
      n % 2 === 0
        ? {
            guild_id: String(400_000_000_000_000_000n + BigInt(n % 50)),
            member: { user, roles: [], permissions: '0' },
          }
        : { user, channel: { id: String(500_000_000_000_000_000n + BigInt(n)), type: 1 } };
    const body = JSON.stringify({
      id: String(600_000_000_000_000_000n + BigInt(n)),
      application_id: '222222222222222222',
      type: 2,
      token: `tok${n}`,
      version: 1,
      locale: 'en-US',
      ...where,
      data: { id: 'c', name: 'cost', type: 1, options: [{ name: 'subject', type: 3, value: 'r1' }] },
    });
    const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
    return { body, headers: { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
  });
  return () => {
    let n = 0;
    return () => pool[n++ % pool.length] as (typeof pool)[number];
  };
}

/** Discord HTTP interactions: factdesk against a bare node:http server verifying the same signature. */
export async function benchDiscord(): Promise<void> {
  console.log(
    `\n== Discord HTTP interactions: signed /cost r1 from rotating users, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up + ${DURATION_SECONDS} s, ${REPEATS} repeats ==`,
  );
  console.log('   factdesk: node dist/src/main.js, embedded SQLite, LOG_LEVEL=info');
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const work = await mkdtemp(path.join(tmpdir(), 'factdesk-bench-dc-'));
  const factdesk: Contender = {
    label: 'factdesk /interactions (verify + answer)',
    start: () =>
      startFactdesk(
        {
          DISCORD_TOKEN: 'bench-token-0123456789',
          DISCORD_APPLICATION_ID: '222222222222222222',
          DISCORD_PUBLIC_KEY: publicKey,
          // Never called while answering; a closed port makes any call fail fast.
          DISCORD_API_ROOT: 'http://127.0.0.1:9/api',
        },
        '/interactions',
      ),
  };
  try {
    // The bare server returns factdesk's own response bytes to the same interaction.
    const probe = await factdesk.start();
    const responseFile = path.join(work, 'response.json');
    try {
      const first = discordInteractions(keys.privateKey, 1)()();
      const response = await post(probe.url, first.body, first.headers);
      await writeFile(responseFile, response);
      console.log(`   response: ${response.length} bytes of JSON (same bytes for both)`);
    } finally {
      await stop(probe);
    }
    await compare(
      {
        label: 'bare node:http, verify + fixed JSON',
        start: () => startServer('discord-bare', publicKey, responseFile),
      },
      factdesk,
      () => discordInteractions(keys.privateKey)(),
      {},
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
